import type { GraphQLSchema } from 'graphql';
import { EXAMPLE_RULES_V1 } from '@gongzhi/app-property';
import { eventually, graphqlRequest, tokenFor } from '@gongzhi/platform-testing';
import { createDistrict } from './district';
import { rowCounts } from './fingerprint';
import type { Graph } from './graph';
import { documentFor, operationsOf, type Operation } from './operations';

/** Compound A (美景华庭) is the caller's; B (西河小区, same street) and C (洪河花园, another street) are not. */
export const SCOPE_A = '/510112/510112001/510112001001/510112001001001/';

export interface ForeignCompound {
  label: string;
  compoundId: string;
  compoundCode: string;
  communityCode: string;
  scopePath: string;
  /**
   * The largest scope holding this target's data but none of A's: B's community (A shares B's street), C's
   * street. A caller scoped here sees the target's compound, community (and street) data.
   */
  foreignScope: string;
  /** The identity key (token subject) of the compound's resident owner, for operations the token alone aims. */
  personKey: string;
  /** Ids of this compound's data by GraphQL type, in creation order (`District`: the district's area). */
  ids: Map<string, string[]>;
}

/** What the isolation specs aim at and look for: ids of B's and C's data by GraphQL type, and their secrets. */
export interface ForeignData {
  compounds: ForeignCompound[];
  /** Ids, codes, names and personal data of B and C that an A-scoped caller must never receive. */
  secrets: Set<string>;
  intakeCodes: string[];
  /** Scope paths whose rows are B's or C's: B's community (A shares its street) and C's whole street. */
  scopePrefixes: string[];
  /**
   * Scope paths above A whose rows are not A's to change either: the district's (its property companies, rule
   * catalogues, credit lists) and A's and B's street's. Compared exactly, not as prefixes.
   */
  sharedScopes: string[];
}

/** Waits until no service's row counts change any more: the events of earlier writes have been applied. */
async function settled(graph: Graph): Promise<void> {
  let last = JSON.stringify(await rowCounts(graph));
  for (let attempt = 0; attempt < 40; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = JSON.stringify(await rowCounts(graph));
    if (now === last) return;
    last = now;
  }
}

/** A GB 11643 resident identity number with its check character. */
export function residentIdNumber(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** Every `{ __typename id }` object in a response, so setup learns ids of nested entities (building, unit…) too. */
function collectEntities(value: unknown, into: (type: string, id: string) => void): void {
  if (Array.isArray(value)) value.forEach((item) => collectEntities(item, into));
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.__typename === 'string' && typeof object.id === 'string') into(object.__typename, object.id);
    Object.values(object).forEach((item) => collectEntities(item, into));
  }
}

/** Types that belong to the district or to everyone in it, not to B or C: they may show up for A. */
const SHARED_TYPES = new Set(['PropertyCompany', 'Area', 'RuleCatalogue', 'CreditList', 'CreditAppeal', 'PropertyStaffMember', 'GuideEntry']);

/**
 * Creates the district of `createDistrict` and, under B and C, a little of every kind of data through the
 * gateway's own mutations as a platform admin (or the compound's own staff or resident where the data is
 * theirs), enough that every operation has something of B's and C's to aim at. Ids no answer carries are read
 * from the databases; one matter's deadline is moved back in SQL, as only time would.
 */
export async function createForeignData(graph: Graph, schema: GraphQLSchema, root: string): Promise<ForeignData> {
  const url = graph.gateway.url;
  const operations = new Map<string, Operation>(operationsOf(schema).map((op) => [op.field.name, op]));
  const compoundIds = await createDistrict(url, root);
  const secrets = new Set<string>(['西河', '洪河', '大面', '510112001002', '510112002']);
  let current: ForeignCompound | undefined;
  /** The district's data, which B and C share with A: aimed at from both, never a secret. */
  const shared = new Map<string, string[]>();
  const remember = (type: string, id: string) => {
    const into = current && !SHARED_TYPES.has(type) ? current.ids : shared;
    const ids = into.get(type) ?? [];
    if (!ids.includes(id)) ids.push(id);
    into.set(type, ids);
    if (into !== shared) secrets.add(id);
  };

  const run = async (name: string, variables: Record<string, unknown>, { depth = 2, token = root } = {}): Promise<Record<string, unknown>> => {
    const result = await graphqlRequest(url, documentFor(operations.get(name)!, depth), variables, token);
    // Personal fields refuse a caller who states no purpose; the entity itself must still have been created.
    if (!result.data?.[name]) throw new Error(`setup ${name}: ${JSON.stringify(result.errors)}`);
    collectEntities(result.data, remember);
    return result.data[name] as Record<string, unknown>;
  };
  const idOf = (value: Record<string, unknown>) => value.id as string;

  const compounds: ForeignCompound[] = [
    { label: '西河', compoundId: compoundIds['西河小区']!, compoundCode: '510112001002001', communityCode: '510112001002', scopePath: '/510112/510112001/510112001002/510112001002001/', foreignScope: '/510112/510112001/510112001002/', personKey: '', ids: new Map() },
    { label: '洪河', compoundId: compoundIds['洪河花园']!, compoundCode: '510112002001001', communityCode: '510112002001', scopePath: '/510112/510112002/510112002001/510112002001001/', foreignScope: '/510112/510112002/', personKey: '', ids: new Map() },
  ];
  const mirrored = (service: Graph['deliberation']) => async () => {
    const [{ n }] = await service.service.dataSource.query('SELECT count(*)::int AS n FROM org_node');
    return n === 9;
  };
  await eventually(mirrored(graph.deliberation), 20_000, 'deliberation to mirror the district');
  await eventually(mirrored(graph.fund), 20_000, 'fund to mirror the district');
  await eventually(mirrored(graph.property), 20_000, 'property to mirror the district');

  const company = await run('registerPropertyCompany', { input: { name: '蓝光物业', creditCode: '91350100M000100Y43', districtCode: '510112' } });
  const intakeCodes: string[] = [];
  const day = '2025-03-01';
  const later = new Date(Date.now() + 7 * 86_400_000).toISOString();

  for (const [index, target] of compounds.entries()) {
    current = target;
    const { label: x, compoundId, communityCode } = target;
    remember('Compound', compoundId);
    secrets.add(target.compoundCode);
    secrets.add(target.scopePath);
    const idNumber = residentIdNumber(`51011219700101${String(index).padStart(3, '0')}`);
    const phone = `1390000000${index}`;
    secrets.add(idNumber);
    secrets.add(phone);

    const dwelling = await run('registerDwelling', {
      input: { compoundId, building: '1', unit: '1', roomNumber: '101', exclusiveArea: 8_950, areaSource: 'REGISTER', developerUnsold: false },
    });
    // No query answers a dwelling's building and unit, so their ids are read where the area ids are.
    const [located] = (await graph.org.service.dataSource.query('SELECT building_id AS "buildingId", unit_id AS "unitId" FROM dwelling WHERE id = $1', [idOf(dwelling)])) as {
      buildingId: string;
      unitId: string;
    }[];
    remember('Building', located!.buildingId);
    remember('Unit', located!.unitId);
    const buildingId = located!.buildingId;
    const resident = await run('registerResident', {
      input: { communityCode, name: `${x}居民`, idNumber, phone, householdRegistration: 'LOCAL', careTags: ['ELDERLY'], sensitiveTags: ['HEALTH_RECORD'] },
    });
    const owned = await run(
      'setDwellingOwners',
      { input: { dwellingId: idOf(dwelling), owners: [{ kind: 'PERSON', name: `${x}居民`, idNumber, isDeveloper: false, shareNumerator: 1, shareDenominator: 1 }] } },
      { depth: 3 },
    );
    target.personKey = (owned.owners as { owner: { identityKey: string } }[])[0]!.owner.identityKey;
    secrets.add(target.personKey);
    await run('moveIn', { input: { dwellingId: idOf(dwelling), residentId: idOf(resident), relation: 'OWNER', date: day } });
    const grid = await run('createGrid', { input: { communityCode, kind: 'MASTER', name: `${x}总网格` } });
    await run('assignGridWorker', { input: { gridId: idOf(grid), residentId: idOf(resident), assignedOn: day } });
    await run('coverGrid', { input: { gridId: idOf(grid), buildingId } });
    await run('appointBuildingLeader', { input: { buildingId, residentId: idOf(resident), appointedOn: day } });
    const body = await run('createGovernanceBody', { input: { communityCode, compoundId, kind: 'OWNERS_COMMITTEE', name: `${x}业委会` } });
    await run('addBodyTerm', { input: { bodyId: idOf(body), startsOn: '2025-01-01', endsOn: '2029-12-31' } });
    await run('appointBodyMember', { input: { bodyId: idOf(body), residentId: idOf(resident), post: 'CHAIR', appointedOn: day } });
    const committee = await run('createPartyOrganization', { input: { communityCode, kind: 'COMMITTEE', name: `${x}社区党委` } });
    const branch = await run('createPartyOrganization', { input: { communityCode, compoundId, parentId: idOf(committee), kind: 'BRANCH', name: `${x}党支部` } });
    const partyMember = await run('enrolPartyMember', { input: { organizationId: idOf(branch), residentId: idOf(resident), category: 'RETIRED' } });
    // The branch first: an argument naming a party organization is aimed at the one with a member.
    target.ids.set('PartyOrganization', [idOf(branch), idOf(committee)]);
    await run('designateCentralHousehold', { input: { partyMemberId: idOf(partyMember), dwellingId: idOf(dwelling), designatedOn: day } });
    const space = await run('createSharedSpace', { input: { communityCode, compoundId, kind: 'NEIGHBOURHOOD_STATION', name: `${x}睦邻驿站`, address: `${x}路1号` } });
    const room = await run('addSpaceRoom', { input: { spaceId: idOf(space), name: `${x}活动室`, capacity: 20, functions: ['ACTIVITY'] } });
    await run('bookRoom', { input: { roomId: idOf(room), startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 50 * 3_600_000).toISOString(), purpose: `${x}书法班` } });
    // Street-level records are C's alone (A shares B's street): a party-building instructor for C's street.
    if (!SCOPE_A.includes(`/${target.communityCode.slice(0, 9)}/`)) {
      await run('assignPartyBuildingInstructor', { input: { areaCode: target.communityCode.slice(0, 9), propertyCompanyId: idOf(company), name: `${x}党建指导员`, assignedOn: day } });
    }
    await run('createPatrolSchedule', { input: { compoundId, name: `${x}夜巡`, route: `${x}环线`, startsAt: '20:00', endsAt: '22:00', weekdays: [1, 3] } });
    await run('recordHouseholdVisit', { input: { dwellingId: idOf(dwelling), visitorName: `${x}网格员`, notes: `${x}走访记录`, visitedAt: new Date().toISOString() } });
    // Run by the compound's own staff, so the import is the compound's (an import belongs to the scopes it ran under).
    await run(
      'startImport',
      { input: { kind: 'DWELLINGS', format: 'CSV', content: `compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold\n${target.compoundCode},2,1,201,88.50,REGISTER,false\n` } },
      { token: await tokenFor('community_staff', target.scopePath, `staff-of-${index}`) },
    );

    const matter = await run('raiseMatter', { input: { compoundId, title: `${x}电瓶车进电梯`, category: 'EBIKES_IN_LIFTS' } });
    // A second matter carried through to evaluation (评事) and rated by a resident of the compound.
    const carried = await run('raiseMatter', { input: { compoundId, title: `${x}楼道灯不亮`, category: 'OTHER' } });
    for (const to of ['DELIBERATING', 'DECIDED', 'IN_PROGRESS', 'EVALUATING']) {
      await run('moveMatter', { input: { matterId: idOf(carried), to, handler: `${x}物业电工`, reason: `${x}议定维修` } });
    }
    await run('evaluateMatter', { input: { matterId: idOf(carried), rating: 4, comment: `${x}修好了` } }, { token: await tokenFor('resident', target.scopePath, `resident-of-${index}`) });
    const intake = await run('issueIntakeCode', { compoundId });
    intakeCodes.push(intake.code as string);
    secrets.add(intake.code as string);
    // Three levels deep, so the draft's version (what is put to the vote) is learnt too.
    await run('draftConvention', { input: { compoundId, kind: 'RESIDENT_CONVENTION', title: `${x}居民公约`, body: `${x}公约正文` } }, { depth: 3 });
    await run('openVote', {
      input: { compoundId, kind: 'POLL', title: `${x}民意调查`, ballotMode: 'YES_NO_ABSTAIN', options: [], secrecy: 'ROLL_CALL', subjectType: 'GENERAL', decisionClass: 'ORDINARY', closesAt: later },
    });
    await run('scheduleMeeting', {
      input: { nodeId: compoundId, kind: 'MONTHLY_DELIBERATION', title: `${x}说事议事会`, scheduledAt: later, invitedParties: ['COMMUNITY'], agendaMatterIds: [idOf(matter)] },
    });

    await run('startServiceAssignment', {
      input: { companyId: idOf(company), compoundId, contractStart: '2025-01-01', contractEnd: '2027-12-31', feeModel: 'LUMP_SUM', feeStandardFen: 250 },
    });
    await run('recordViolation', {
      input: { companyId: idOf(company), compoundId, occurredOn: day, proofReference: `${x}照片`, severity: 'MINOR', violationType: 'OTHER', title: `${x}违规` },
    });

    const microFund = await run('openFund', { input: { communityCode, kind: 'COMMUNITY_MICRO_FUND', name: `${x}社区微基金` } });
    await run('openFund', { input: { compoundId, kind: 'TRUST_PROPERTY_ACCOUNT', name: `${x}信托账户` } });
    const donation = await run('recordDonation', {
      input: { fundId: idOf(microFund), amountFen: 50_000, anonymous: false, donorKind: 'MERCHANT', donorName: `${x}爱心商家`, idempotencyKey: `donation-${index}`, receivedOn: day },
    });
    await run('requestExpenditure', {
      input: { fundId: idOf(microFund), amountFen: 10_000, attachments: [], category: 'EVENTS', idempotencyKey: `expenditure-${index}`, payee: `${x}饭店`, title: `${x}重阳宴` },
    });
    remember('JournalEntry', donation.entryId as string);
    // An anonymous donor whose name an administrator has read: the read is in the donor-name access log.
    await run('recordDonation', {
      input: { fundId: idOf(microFund), amountFen: 20_000, anonymous: true, donorKind: 'RESIDENT', donorName: `${x}匿名好心人`, idempotencyKey: `anonymous-donation-${index}`, receivedOn: day },
    });
    const read = await graphqlRequest(url, 'query($fundId: ID!) { donations(fundId: $fundId, first: 5) { nodes { id donorName } } }', { fundId: idOf(microFund) }, root);
    if (!read.data) throw new Error(`setup donations: ${JSON.stringify(read.errors)}`);
    await run('publishDisclosure', { input: { fundId: idOf(microFund), period: '2025-03' } });
    const program = await run('openFund', { input: { communityCode, kind: 'VOLUNTEER_POINTS', name: `${x}志愿积分` } });
    await run('setPointsRule', { input: { programId: idOf(program), activityType: 'PATROL', pointsPerHour: 10 } });
    await run('addPointsCatalogueItem', { input: { programId: idOf(program), payingFundId: idOf(microFund), name: `${x}洗衣液`, pointsCost: 5, priceFen: 1_500 } });
    // After the rule, so the service earns points (rules are not retroactive) once fund applies org's event.
    await run('recordVolunteerService', { input: { residentId: idOf(resident), activityType: 'PATROL', minutes: 60, serviceDate: day } });
    // A city platform's machine client registered at the compound, with a second key: its secrets are B's and C's too.
    const machine = await run('registerMachineClient', { input: { name: `${x}城市平台`, scopePath: target.scopePath, roles: ['city_platform'], grantedScopes: [target.scopePath] } });
    const rotated = await run('issueMachineClientKey', { clientId: machine.clientId });
    secrets.add(machine.clientSecret as string).add(rotated.clientSecret as string);
  }
  current = undefined;

  // The district's own records, which A may read but not change: a published catalogue, a credit list that
  // goes through public notice with an appeal decided and is published, a staff member, an instructor and a
  // guide entry (recorded while the notice runs).
  const catalogue = await run('draftRuleCatalogue', { input: { districtCode: '510112', rules: EXAMPLE_RULES_V1 } });
  await run('publishRuleCatalogue', { id: idOf(catalogue) });
  const list = await run('draftCreditList', { input: { districtCode: '510112', periodLabel: '2025Q1', periodStart: '2025-01-01', periodEnd: '2025-03-31' } });
  const noticeEndsAt = Date.now() + 4_000;
  await run('startCreditListNotice', { input: { listId: idOf(list), noticeEndsAt: new Date(noticeEndsAt).toISOString() } });
  const appeal = await run('fileCreditAppeal', {
    input: { listId: idOf(list), companyId: idOf(company), disputedEvidenceIds: [compounds[0]!.ids.get('Evidence')![0]], reason: '照片拍的不是本小区' },
  });
  await run('decideCreditAppeal', { input: { appealId: idOf(appeal), upheld: false, reason: '照片核实无误' } });
  await run('registerPropertyStaffMember', { input: { companyId: idOf(company), subject: 'property-staff-of-languang' } });
  await run('assignPartyBuildingInstructor', { input: { areaCode: '510112', propertyCompanyId: idOf(company), name: '区党建指导员', assignedOn: day } });
  // An hour cannot pass in a run: the first matter of B and C is made overdue (未按时回应) by moving its
  // acknowledgement deadline back, as if the hour had passed.
  await graph.deliberation.service.dataSource.query(`UPDATE matter SET acknowledge_by = now() - interval '1 hour' WHERE id = ANY($1)`, [
    compounds.map((compound) => compound.ids.get('Matter')![0]),
  ]);
  const [district] = (await graph.org.service.dataSource.query(`SELECT id FROM area WHERE code = '510112'`)) as { id: string }[];
  shared.set('District', [district!.id]);
  await run('setGuideEntry', {
    input: { districtId: district!.id, category: 'EBIKES_IN_LIFTS', defaultLevel: 'COMPOUND', requiredParties: ['COMMUNITY'], acknowledgeWithinHours: 24, answerWithinDays: 7 },
  });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, noticeEndsAt - Date.now() + 100)));
  await run('publishCreditList', { id: idOf(list) });

  const areaIds = async (codes: string[]) => {
    const rows: { id: string }[] = await graph.org.service.dataSource.query('SELECT id FROM area WHERE code = ANY($1) ORDER BY code DESC', [codes]);
    rows.forEach((row) => secrets.add(row.id));
    return rows.map((row) => row.id);
  };
  compounds[0]!.ids.set('Area', await areaIds(['510112001002']));
  compounds[1]!.ids.set('Area', await areaIds(['510112002', '510112002001']));
  for (const compound of compounds) {
    for (const [type, ids] of shared) if (!compound.ids.has(type)) compound.ids.set(type, ids);
  }
  // Other services apply the setup's events (points for the volunteer services, mirrored nodes) before any
  // test compares rows.
  await eventually(async () => {
    const [{ n }] = await graph.fund.service.dataSource.query('SELECT count(*)::int AS n FROM points_award');
    return n === compounds.length;
  }, 20_000, 'fund to award the volunteer points');
  await settled(graph);
  return {
    compounds,
    secrets,
    intakeCodes,
    scopePrefixes: compounds.map((compound) => compound.foreignScope),
    sharedScopes: ['/510112/', '/510112/510112001/'],
  };
}
