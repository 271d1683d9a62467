/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** District (区), street (街道) or community (社区). */
export type AreaLevel =
  | 'COMMUNITY'
  | 'DISTRICT'
  | 'STREET';

/** Whether the company still serves the compound. */
export type AssignmentStatus =
  | 'ACTIVE'
  | 'ENDED';

/** Commodity housing (商品房), resettlement (安置), old compound (老旧小区) or work-unit compound (单位院落). */
export type CompoundType =
  | 'COMMODITY_HOUSING'
  | 'OLD_COMPOUND'
  | 'RESETTLEMENT'
  | 'WORK_UNIT';

/** A new district, street or community; its level and parent follow from its code. */
export type CreateAreaInput = {
  /** 6 digits for a district (GB/T 2260), 9 for a street, 12 for a community. */
  code: string;
  name: string;
};

/** A new compound under an existing community. */
export type CreateCompoundInput = {
  builtYear?: number | null | undefined;
  /** 15 digits starting with the community code; assigned when omitted. */
  code?: string | null | undefined;
  /** The 12-digit code of the community the compound belongs to. */
  communityCode: string;
  /** Land area in hundredths of a square metre. */
  landArea?: number | null | undefined;
  managementMode?: ManagementMode;
  name: string;
  type?: CompoundType;
};

/** Red list (红榜), black list (黑榜) or neither. */
export type CreditListMembership =
  | 'BLACK'
  | 'NONE'
  | 'RED';

/** Community micro-fund (社区微基金, owned by a community), trust-based property account (信托制物业账户, owned by a compound's owners) or volunteer-points program (志愿服务积分, per community). */
export type FundKind =
  | 'COMMUNITY_MICRO_FUND'
  | 'TRUST_PROPERTY_ACCOUNT'
  | 'VOLUNTEER_POINTS';

/** The level that handles a matter in the three-level linkage (三级联动). */
export type HandlingLevel =
  | 'COMMUNITY'
  | 'COMPOUND'
  | 'STREET';

/** An account of the chart every fund ledger uses (会计科目). */
export type LedgerAccountCode =
  | 'CASH'
  | 'EXPENSE_CLEANING'
  | 'EXPENSE_COMPANY_REMUNERATION'
  | 'EXPENSE_EVENTS'
  | 'EXPENSE_HELP_IN_NEED'
  | 'EXPENSE_OTHER'
  | 'EXPENSE_POINTS_REDEMPTION'
  | 'EXPENSE_REPAIRS'
  | 'EXPENSE_SECURITY'
  | 'EXPENSE_STAFF'
  | 'EXPENSE_UTILITIES'
  | 'FEES_RECEIVABLE'
  | 'INCOME_COMMON_AREA'
  | 'INCOME_DONATION_COMMUNITY_SELF_RAISING'
  | 'INCOME_DONATION_ENTERPRISE'
  | 'INCOME_DONATION_GOVERNMENT'
  | 'INCOME_DONATION_MERCHANT'
  | 'INCOME_DONATION_RESIDENT'
  | 'INCOME_DONATION_VOLUNTEER_FUNDRAISING'
  | 'INCOME_OTHER'
  | 'INCOME_PROPERTY_FEES'
  | 'NET_ASSETS'
  | 'PAYABLES'
  | 'POINTS_PAYABLE';

/** Property company, self-managed (自管物业), trust-based (信托制物业) or none (无物管). */
export type ManagementMode =
  | 'NONE'
  | 'PROPERTY_COMPANY'
  | 'SELF_MANAGED'
  | 'TRUST_BASED';

/** Dogs (文明养犬), objects thrown from height (高空抛物), e-bikes in lifts (电瓶车进电梯), parking, hygiene, facilities, neighbour dispute, property service, other. */
export type MatterCategory =
  | 'DOGS'
  | 'EBIKES_IN_LIFTS'
  | 'FACILITIES'
  | 'HYGIENE'
  | 'NEIGHBOUR_DISPUTE'
  | 'OBJECTS_FROM_HEIGHT'
  | 'OTHER'
  | 'PARKING'
  | 'PROPERTY_SERVICE';

/** How a matter came in: resident self-report, the compound QR code (码上办), a door-knocking list (敲门行动、拉清单), a grid worker, a meeting, or a city hotline ticket (12345). */
export type MatterChannel =
  | 'CITY_HOTLINE'
  | 'DOOR_KNOCKING'
  | 'GRID_WORKER'
  | 'INTAKE_CODE'
  | 'MEETING'
  | 'SELF_REPORT';

/** Where a matter stands in raise → deliberate → decide → carry out → evaluate. */
export type MatterStatus =
  | 'CLOSED'
  | 'DECIDED'
  | 'DELIBERATING'
  | 'ESCALATED'
  | 'EVALUATING'
  | 'IN_PROGRESS'
  | 'MERGED'
  | 'RAISED'
  | 'REJECTED';

/** A new fund: a trust-based property account names its compound; other kinds name their community. */
export type OpenFundInput = {
  communityCode?: string | null | undefined;
  compoundId?: string | number | null | undefined;
  kind: FundKind;
  name: string;
};

/** A matter raised by a resident or on their behalf. */
export type RaiseMatterInput = {
  category: MatterCategory;
  /** How the matter came in; self-report when not given. The QR channel is raiseMatterWithIntakeCode. */
  channel?: MatterChannel | null | undefined;
  compoundId: string | number;
  description?: string | null | undefined;
  /** The city hotline (12345) ticket number; required for the CITY_HOTLINE channel. */
  hotlineTicket?: string | null | undefined;
  title: string;
};

export type RegisterPropertyCompanyInput = {
  contactPerson?: string | null | undefined;
  contactPhone?: string | null | undefined;
  /** 18 characters: digits and upper-case letters except I, O, S, V, Z, ending in the check character. */
  creditCode: string;
  /** The 6-digit code of the district to register with. */
  districtCode: string;
  name: string;
  /** The company’s party branch (党支部). */
  partyBranch?: string | null | undefined;
  /** The party-building instructor (党建指导员) assigned to the company. */
  partyInstructor?: string | null | undefined;
  /** Qualifications held (资质). */
  qualifications?: Array<string> | null | undefined;
};

/** Owners’ joint decision (业主共同决定, Civil Code art. 278), representative assembly (代表大会表决), committee vote, or a non-binding resident poll. */
export type VoteKind =
  | 'COMMITTEE_VOTE'
  | 'OWNERS_JOINT_DECISION'
  | 'POLL'
  | 'REPRESENTATIVE_ASSEMBLY';

export type VoteStatus =
  | 'CLOSED'
  | 'OPEN';

export type AdminCompoundDashboardQueryVariables = Exact<{
  id: string | number;
}>;


export type AdminCompoundDashboardQuery = { compound: { id: string, name: string, code: string, type: CompoundType, managementMode: ManagementMode, community: { code: string, name: string } | null, matters: { nodes: Array<{ id: string, title: string, category: MatterCategory, status: MatterStatus, raisedAt: string }> }, serviceAssignments: { nodes: Array<{ id: string, status: AssignmentStatus, contractEnd: string | null, company: { id: string, name: string } | null }> }, funds: { nodes: Array<{ id: string, name: string, kind: FundKind }> } } };

export type StreetOverdueMattersQueryVariables = Exact<{
  scope: string;
  first?: number | null | undefined;
}>;


export type StreetOverdueMattersQuery = { overdueMatters: { nodes: Array<{ id: string, title: string, category: MatterCategory, status: MatterStatus, raisedAt: string, acknowledgeBy: string, answerBy: string, handlingLevel: HandlingLevel }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type VoteLiveTallyQueryVariables = Exact<{
  id: string | number;
}>;


export type VoteLiveTallyQuery = { vote: { id: string, title: string, kind: VoteKind, status: VoteStatus, closesAt: string, electorateSize: number, ballotsCast: number, result: { passed: boolean, choices: { yes: number, no: number, abstain: number } | null, totals: { participatingHeadcount: number, approvingHeadcount: number, electorateHeadcount: number } } | null } | null };

export type CompanyScoreHistoryQueryVariables = Exact<{
  first?: number | null | undefined;
  history: number;
}>;


export type CompanyScoreHistoryQuery = { propertyCompanies: { nodes: Array<{ id: string, name: string, creditCode: string, creditHistory: { nodes: Array<{ id: string, scoreHundredths: number, grade: string, rank: number, membership: CreditListMembership }> } }> } };

export type FundStatementQueryVariables = Exact<{
  fundId: string | number;
  from: string;
  to: string;
}>;


export type FundStatementQuery = { incomeStatement: { fundId: string, from: string, to: string, totalIncomeFen: unknown, totalExpenseFen: unknown, surplusFen: unknown, income: Array<{ account: LedgerAccountCode, name: string, amountFen: unknown }>, expenses: Array<{ account: LedgerAccountCode, name: string, amountFen: unknown }> } };

export type CompoundDashboardQueryVariables = Exact<{
  id: string | number;
}>;


export type CompoundDashboardQuery = { compound: { id: string, name: string, code: string, community: { code: string, name: string } | null, matters: { nodes: Array<{ id: string, title: string, category: MatterCategory, status: MatterStatus }> }, funds: { nodes: Array<{ id: string, name: string, kind: FundKind }> } } };

export type RaiseMatterMutationVariables = Exact<{
  input: RaiseMatterInput;
}>;


export type RaiseMatterMutation = { raiseMatter: { id: string, title: string, category: MatterCategory, status: MatterStatus, compound: { id: string, name: string } } };

export type MattersQueryVariables = Exact<{
  compoundId?: string | number | null | undefined;
  status?: MatterStatus | null | undefined;
  first?: number | null | undefined;
}>;


export type MattersQuery = { matters: { nodes: Array<{ id: string, title: string, status: MatterStatus }> } };

export type OpenFundMutationVariables = Exact<{
  input: OpenFundInput;
}>;


export type OpenFundMutation = { openFund: { id: string, name: string, kind: FundKind, ownerScopePath: string } };

export type FundsQueryVariables = Exact<{
  kind?: FundKind | null | undefined;
  first?: number | null | undefined;
}>;


export type FundsQuery = { funds: { nodes: Array<{ id: string, name: string, kind: FundKind }> } };

export type CreateAreaMutationVariables = Exact<{
  input: CreateAreaInput;
}>;


export type CreateAreaMutation = { createArea: { id: string, code: string, name: string, level: AreaLevel, scopePath: string } };

export type CreateCompoundMutationVariables = Exact<{
  input: CreateCompoundInput;
}>;


export type CreateCompoundMutation = { createCompound: { id: string, code: string, name: string, scopePath: string } };

export type CompoundsQueryVariables = Exact<{
  scope?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CompoundsQuery = { compounds: { nodes: Array<{ id: string, code: string, name: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AreasQueryVariables = Exact<{
  parentCode?: string | null | undefined;
  level?: AreaLevel | null | undefined;
  first?: number | null | undefined;
}>;


export type AreasQuery = { areas: { nodes: Array<{ id: string, code: string, name: string, level: AreaLevel }> } };

export type RegisterPropertyCompanyMutationVariables = Exact<{
  input: RegisterPropertyCompanyInput;
}>;


export type RegisterPropertyCompanyMutation = { registerPropertyCompany: { id: string, name: string, creditCode: string, districtCode: string } };

export type PropertyCompaniesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type PropertyCompaniesQuery = { propertyCompanies: { nodes: Array<{ id: string, name: string, creditCode: string }> } };


export const AdminCompoundDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminCompoundDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"managementMode"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceAssignments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"contractEnd"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"funds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdminCompoundDashboardQuery, AdminCompoundDashboardQueryVariables>;
export const StreetOverdueMattersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StreetOverdueMatters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overdueMatters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgeBy"}},{"kind":"Field","name":{"kind":"Name","value":"answerBy"}},{"kind":"Field","name":{"kind":"Name","value":"handlingLevel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<StreetOverdueMattersQuery, StreetOverdueMattersQueryVariables>;
export const VoteLiveTallyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VoteLiveTally"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}},{"kind":"Field","name":{"kind":"Name","value":"electorateSize"}},{"kind":"Field","name":{"kind":"Name","value":"ballotsCast"}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"choices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"yes"}},{"kind":"Field","name":{"kind":"Name","value":"no"}},{"kind":"Field","name":{"kind":"Name","value":"abstain"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participatingHeadcount"}},{"kind":"Field","name":{"kind":"Name","value":"approvingHeadcount"}},{"kind":"Field","name":{"kind":"Name","value":"electorateHeadcount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VoteLiveTallyQuery, VoteLiveTallyQueryVariables>;
export const CompanyScoreHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyScoreHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"history"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"propertyCompanies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"creditHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"history"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scoreHundredths"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"membership"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompanyScoreHistoryQuery, CompanyScoreHistoryQueryVariables>;
export const FundStatementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FundStatement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fundId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incomeStatement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fundId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fundId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fundId"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"totalIncomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"totalExpenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"surplusFen"}},{"kind":"Field","name":{"kind":"Name","value":"income"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expenses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]}}]} as unknown as DocumentNode<FundStatementQuery, FundStatementQueryVariables>;
export const CompoundDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompoundDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"funds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompoundDashboardQuery, CompoundDashboardQueryVariables>;
export const RaiseMatterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RaiseMatter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RaiseMatterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"raiseMatter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RaiseMatterMutation, RaiseMatterMutationVariables>;
export const MattersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Matters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"compoundId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MatterStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"compoundId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"compoundId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<MattersQuery, MattersQueryVariables>;
export const OpenFundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenFund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenFundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openFund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"ownerScopePath"}}]}}]}}]} as unknown as DocumentNode<OpenFundMutation, OpenFundMutationVariables>;
export const FundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Funds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FundKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"funds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<FundsQuery, FundsQueryVariables>;
export const CreateAreaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateArea"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAreaInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createArea"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"scopePath"}}]}}]}}]} as unknown as DocumentNode<CreateAreaMutation, CreateAreaMutationVariables>;
export const CreateCompoundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCompound"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCompoundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCompound"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopePath"}}]}}]}}]} as unknown as DocumentNode<CreateCompoundMutation, CreateCompoundMutationVariables>;
export const CompoundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Compounds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CompoundsQuery, CompoundsQueryVariables>;
export const AreasDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Areas"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parentCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"level"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AreaLevel"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"areas"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parentCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parentCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"level"},"value":{"kind":"Variable","name":{"kind":"Name","value":"level"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}}]} as unknown as DocumentNode<AreasQuery, AreasQueryVariables>;
export const RegisterPropertyCompanyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterPropertyCompany"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterPropertyCompanyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerPropertyCompany"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"districtCode"}}]}}]}}]} as unknown as DocumentNode<RegisterPropertyCompanyMutation, RegisterPropertyCompanyMutationVariables>;
export const PropertyCompaniesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PropertyCompanies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"propertyCompanies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}}]}}]}}]}}]} as unknown as DocumentNode<PropertyCompaniesQuery, PropertyCompaniesQueryVariables>;