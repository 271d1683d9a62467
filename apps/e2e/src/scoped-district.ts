import type { GraphQLSchema } from 'graphql';
import { eventually, graphqlRequest } from '@gongzhi/platform-testing';
import { createDistrict } from './district';
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
  /** Ids of this compound's data by GraphQL type, in creation order. */
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
const SHARED_TYPES = new Set(['PropertyCompany', 'Area', 'PartyBuildingInstructor', 'RuleCatalogue', 'CreditList']);

/**
 * Creates the district of `createDistrict` and, under B and C, a little of every kind of data through the
 * gateway's own mutations as a platform admin.
 */
export async function createForeignData(graph: Graph, schema: GraphQLSchema, root: string): Promise<ForeignData> {
  const url = graph.gateway.url;
  const operations = new Map<string, Operation>(operationsOf(schema).map((op) => [op.field.name, op]));
  const compoundIds = await createDistrict(url, root);
  const secrets = new Set<string>(['西河', '洪河', '大面', '510112001002', '510112002']);
  let current: ForeignCompound | undefined;
  const remember = (type: string, id: string) => {
    if (!current || SHARED_TYPES.has(type)) return;
    const ids = current.ids.get(type) ?? [];
    if (!ids.includes(id)) ids.push(id);
    current.ids.set(type, ids);
    secrets.add(id);
  };

  const run = async (name: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const result = await graphqlRequest(url, documentFor(operations.get(name)!, 2), variables, root);
    // Personal fields refuse a caller who states no purpose; the entity itself must still have been created.
    if (!result.data?.[name]) throw new Error(`setup ${name}: ${JSON.stringify(result.errors)}`);
    collectEntities(result.data, remember);
    return result.data[name] as Record<string, unknown>;
  };
  const idOf = (value: Record<string, unknown>) => value.id as string;

  const compounds: ForeignCompound[] = [
    { label: '西河', compoundId: compoundIds['西河小区']!, compoundCode: '510112001002001', communityCode: '510112001002', scopePath: '/510112/510112001/510112001002/510112001002001/', ids: new Map() },
    { label: '洪河', compoundId: compoundIds['洪河花园']!, compoundCode: '510112002001001', communityCode: '510112002001', scopePath: '/510112/510112002/510112002001/510112002001001/', ids: new Map() },
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
    const buildingId = (dwelling.building as { id: string } | undefined)?.id;
    const resident = await run('registerResident', {
      input: { communityCode, name: `${x}居民`, idNumber, phone, householdRegistration: 'LOCAL', careTags: ['ELDERLY'], sensitiveTags: ['HEALTH_RECORD'] },
    });
    await run('setDwellingOwners', {
      input: { dwellingId: idOf(dwelling), owners: [{ kind: 'PERSON', name: `${x}居民`, idNumber, isDeveloper: false, shareNumerator: 1, shareDenominator: 1 }] },
    });
    await run('moveIn', { input: { dwellingId: idOf(dwelling), residentId: idOf(resident), relation: 'OWNER', date: day } });
    const grid = await run('createGrid', { input: { communityCode, kind: 'MASTER', name: `${x}总网格` } });
    await run('assignGridWorker', { input: { gridId: idOf(grid), residentId: idOf(resident), assignedOn: day } });
    if (buildingId) {
      await run('coverGrid', { input: { gridId: idOf(grid), buildingId } });
      await run('appointBuildingLeader', { input: { buildingId, residentId: idOf(resident), appointedOn: day } });
    }
    const body = await run('createGovernanceBody', { input: { communityCode, compoundId, kind: 'OWNERS_COMMITTEE', name: `${x}业委会` } });
    await run('addBodyTerm', { input: { bodyId: idOf(body), startsOn: '2025-01-01', endsOn: '2029-12-31' } });
    await run('appointBodyMember', { input: { bodyId: idOf(body), residentId: idOf(resident), post: 'CHAIR', appointedOn: day } });
    const committee = await run('createPartyOrganization', { input: { communityCode, kind: 'COMMITTEE', name: `${x}社区党委` } });
    const branch = await run('createPartyOrganization', { input: { communityCode, compoundId, parentId: idOf(committee), kind: 'BRANCH', name: `${x}党支部` } });
    await run('enrolPartyMember', { input: { organizationId: idOf(branch), residentId: idOf(resident), category: 'RETIRED' } });
    const space = await run('createSharedSpace', { input: { communityCode, compoundId, kind: 'NEIGHBOURHOOD_STATION', name: `${x}睦邻驿站`, address: `${x}路1号` } });
    await run('addSpaceRoom', { input: { spaceId: idOf(space), name: `${x}活动室`, capacity: 20, functions: ['ACTIVITY'] } });
    await run('createPatrolSchedule', { input: { compoundId, name: `${x}夜巡`, route: `${x}环线`, startsAt: '20:00', endsAt: '22:00', weekdays: [1, 3] } });
    await run('recordHouseholdVisit', { input: { dwellingId: idOf(dwelling), visitorName: `${x}网格员`, notes: `${x}走访记录`, visitedAt: new Date().toISOString() } });

    const matter = await run('raiseMatter', { input: { compoundId, title: `${x}电瓶车进电梯`, category: 'EBIKES_IN_LIFTS' } });
    const intake = await run('issueIntakeCode', { compoundId });
    intakeCodes.push(intake.code as string);
    secrets.add(intake.code as string);
    await run('draftConvention', { input: { compoundId, kind: 'RESIDENT_CONVENTION', title: `${x}居民公约`, body: `${x}公约正文` } });
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

    await run('openFund', { input: { compoundId, kind: 'TRUST_PROPERTY_ACCOUNT', name: `${x}信托账户` } });
    const microFund = await run('openFund', { input: { communityCode, kind: 'COMMUNITY_MICRO_FUND', name: `${x}社区微基金` } });
    await run('recordDonation', {
      input: { fundId: idOf(microFund), amountFen: 50_000, anonymous: false, donorKind: 'MERCHANT', donorName: `${x}爱心商家`, idempotencyKey: `donation-${index}`, receivedOn: day },
    });
    await run('requestExpenditure', {
      input: { fundId: idOf(microFund), amountFen: 10_000, attachments: [], category: 'EVENTS', idempotencyKey: `expenditure-${index}`, payee: `${x}饭店`, title: `${x}重阳宴` },
    });
  }

  const areaIds = async (codes: string[]) => {
    const rows: { id: string }[] = await graph.org.service.dataSource.query('SELECT id FROM area WHERE code = ANY($1) ORDER BY code DESC', [codes]);
    rows.forEach((row) => secrets.add(row.id));
    return rows.map((row) => row.id);
  };
  compounds[0]!.ids.set('Area', await areaIds(['510112001002']));
  compounds[1]!.ids.set('Area', await areaIds(['510112002', '510112002001']));
  return { compounds, secrets, intakeCodes, scopePrefixes: ['/510112/510112001/510112001002/', '/510112/510112002/'] };
}
