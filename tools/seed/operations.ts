import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * The operations the seed sends, by name. Each is a mutation (or query) of the public API, sent straight to the
 * subgraph that owns its root field (the gateway's rate limits are for people, not for loading a district);
 * a unit spec validates every one against the composed API schema.
 */
export const OPS = {
  // org
  createArea: `mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`,
  createCompound: `mutation($input: CreateCompoundInput!) { createCompound(input: $input) { id } }`,
  startImport: `mutation($input: StartImportInput!) { startImport(input: $input) { id totalRows inserted updated unchanged rejected rejections(first: 3) { nodes { line field reason message } } } }`,
  createGrid: `mutation($input: CreateGridInput!) { createGrid(input: $input) { id } }`,
  coverGrid: `mutation($input: CoverGridInput!) { coverGrid(input: $input) { __typename } }`,
  assignGridWorker: `mutation($input: AssignGridWorkerInput!) { assignGridWorker(input: $input) { id } }`,
  createPartyOrganization: `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { id } }`,
  enrolPartyMember: `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { id } }`,
  createGovernanceBody: `mutation($input: CreateGovernanceBodyInput!) { createGovernanceBody(input: $input) { id } }`,
  addBodyTerm: `mutation($input: AddBodyTermInput!) { addBodyTerm(input: $input) { id } }`,
  appointBodyMember: `mutation($input: AppointBodyMemberInput!) { appointBodyMember(input: $input) { id } }`,
  appointBuildingLeader: `mutation($input: AppointBuildingLeaderInput!) { appointBuildingLeader(input: $input) { id } }`,
  recordVolunteerService: `mutation($input: RecordVolunteerServiceInput!) { recordVolunteerService(input: $input) { id } }`,
  areas: `query($level: AreaLevel, $first: Int) { areas(level: $level, first: $first) { nodes { id code } } }`,
  // deliberation
  setGuideEntry: `mutation($input: SetGuideEntryInput!) { setGuideEntry(input: $input) { category } }`,
  raiseMatter: `mutation($input: RaiseMatterInput!) { raiseMatter(input: $input) { id } }`,
  moveMatter: `mutation($input: MoveMatterInput!) { moveMatter(input: $input) { id status } }`,
  escalateMatter: `mutation($input: EscalateMatterInput!) { escalateMatter(input: $input) { id status } }`,
  evaluateMatter: `mutation($input: EvaluateMatterInput!) { evaluateMatter(input: $input) { ratings } }`,
  scheduleMeeting: `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
  recordMeeting: `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`,
  openVote: `mutation($input: OpenVoteInput!) { openVote(input: $input) { id electorateSize } }`,
  castBallot: `mutation($input: CastBallotInput!) { castBallot(input: $input) { id } }`,
  closeVote: `mutation($voteId: ID!) { closeVote(voteId: $voteId) { id status } }`,
  // property
  registerPropertyCompany: `mutation($input: RegisterPropertyCompanyInput!) { registerPropertyCompany(input: $input) { id } }`,
  startServiceAssignment: `mutation($input: StartServiceAssignmentInput!) { startServiceAssignment(input: $input) { id } }`,
  recordInspection: `mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { id } }`,
  recordSatisfactionSurvey: `mutation($input: RecordSatisfactionSurveyInput!) { recordSatisfactionSurvey(input: $input) { id } }`,
  recordViolation: `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { id } }`,
  recordCommendation: `mutation($input: RecordCommendationInput!) { recordCommendation(input: $input) { id } }`,
  draftRuleCatalogue: `mutation($input: DraftRuleCatalogueInput!) { draftRuleCatalogue(input: $input) { id } }`,
  publishRuleCatalogue: `mutation($id: ID!) { publishRuleCatalogue(id: $id) { id } }`,
  draftCreditList: `mutation($input: DraftCreditListInput!) { draftCreditList(input: $input) { id } }`,
  // fund
  openFund: `mutation($input: OpenFundInput!) { openFund(input: $input) { id } }`,
  configureFund: `mutation($input: ConfigureFundInput!) { configureFund(input: $input) { id } }`,
  appointFundCommitteeMember: `mutation($input: AppointCommitteeMemberInput!) { appointFundCommitteeMember(input: $input) }`,
  recordDonation: `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id } }`,
  requestExpenditure: `mutation($input: RequestExpenditureInput!) { requestExpenditure(input: $input) { id status } }`,
  decideExpenditure: `mutation($input: DecideExpenditureInput!) { decideExpenditure(input: $input) { id status } }`,
  payExpenditure: `mutation($input: PayExpenditureInput!) { payExpenditure(input: $input) { id status } }`,
  issueMonthlyBills: `mutation($input: IssueMonthlyBillsInput!) { issueMonthlyBills(input: $input) { __typename } }`,
  recordFeePayment: `mutation($input: RecordFeePaymentInput!) { recordFeePayment(input: $input) { __typename } }`,
  recordPropertyExpense: `mutation($input: RecordPropertyExpenseInput!) { recordPropertyExpense(input: $input) { id } }`,
  payCompanyRemuneration: `mutation($input: PayCompanyRemunerationInput!) { payCompanyRemuneration(input: $input) { id } }`,
  publishDisclosure: `mutation($input: PublishDisclosureInput!) { publishDisclosure(input: $input) { id } }`,
  setPointsRule: `mutation($input: SetPointsRuleInput!) { setPointsRule(input: $input) { __typename } }`,
} as const;

export type OperationName = keyof typeof OPS;
export const SERVICES = ['org', 'deliberation', 'property', 'fund'] as const;
export type ServiceName = (typeof SERVICES)[number];

const APPS = path.resolve(__dirname, '../../apps');

/** The root field an operation document asks for. */
export function rootFieldOf(document: string): { operation: 'query' | 'mutation'; field: string } {
  const definition = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const selection = definition?.selectionSet.selections[0];
  if (!definition || selection?.kind !== Kind.FIELD || definition.operation === 'subscription') throw new Error(`not a query or mutation: ${document}`);
  return { operation: definition.operation, field: selection.name.value };
}

/** Which subgraph owns each root query and mutation field, read from the committed subgraph SDL. */
export function rootFieldOwners(appsDir = APPS): Map<string, ServiceName> {
  const owners = new Map<string, ServiceName>();
  for (const service of SERVICES) {
    const sdl = parse(readFileSync(path.join(appsDir, service, 'schema.graphql'), 'utf8'));
    for (const definition of sdl.definitions) {
      if ((definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) || !['Query', 'Mutation'].includes(definition.name.value)) continue;
      for (const field of definition.fields ?? []) {
        const key = `${definition.name.value === 'Query' ? 'query' : 'mutation'}.${field.name.value}`;
        if (!owners.has(key) && !field.name.value.startsWith('_')) owners.set(key, service);
      }
    }
  }
  return owners;
}

/** The subgraph each seed operation is sent to. */
export function routeOperations(appsDir = APPS): Record<OperationName, ServiceName> {
  const owners = rootFieldOwners(appsDir);
  return Object.fromEntries(
    Object.entries(OPS).map(([name, document]) => {
      const { operation, field } = rootFieldOf(document);
      const owner = owners.get(`${operation}.${field}`);
      if (!owner) throw new Error(`no subgraph defines ${operation} ${field}`);
      return [name, owner];
    }),
  ) as Record<OperationName, ServiceName>;
}
