import { idNumberCheckCharacter } from '@gongzhi/standards';
import type { Role } from '@gongzhi/platform-auth';
import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph, type GraphQLResponse } from '@gongzhi/platform-testing';
import { loadOrgConfig, orgModule } from '../src';

const COMMUNITY = '510112001001';
const SCOPE = '/510112/510112001/510112001001/';
const first17 = '51011219500101123';
const ID_NUMBER = `${first17}${idNumberCheckCharacter(first17)}`;
const PHONE = '13712345678';

const RESIDENTS = `{ residents { nodes { id name } } }`;
const VISITS = `query($id: ID!) { householdVisits(compoundId: $id) { nodes { id notes } } }`;
const PARTY_MEMBERS = `{ partyMembers { nodes { id residentId } } }`;
const DWELLINGS = `query($id: ID!) { dwellings(compoundId: $id) { nodes { roomNumber } } }`;
const DWELLINGS_WITH_OWNERS = `query($id: ID!) { dwellings(compoundId: $id) { nodes { roomNumber owners { owner { name idNumber } } } } }`;
const ELECTORATE = `query($id: ID!) { electorate(compoundId: $id) { headcount } }`;
const BODY_MEMBERS = (fields: string) => `{ governanceBodies { nodes { name members { nodes { post resident { ${fields} } } } } } }`;
const MY_DATA = `{ myPersonalData {
  resident { id name careTags idNumber phone residencies { dwellingId } }
  dwellings { dwelling { id roomNumber owners { owner { name } } } owner { id name identityKey idNumber } shareNumerator shareDenominator }
} }`;

describe('org reads by role (minimum necessary) and read-only auditors', () => {
  let org: BootedSubgraph;
  let admin: string;
  let compoundId: string;
  let dwellingId: string;
  let residentId: string;
  let personKey: string;
  const tokens = new Map<string, string>();

  async function as<T = Record<string, unknown>>(role: Role | Role[], document: string, variables: Record<string, unknown> = {}, sub?: string): Promise<GraphQLResponse<T>> {
    const key = `${String(role)}|${sub ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await tokenFor(role, SCOPE, sub ?? `someone-${String(role)}`));
    return graphqlRequest<T>(org.url, document, variables, tokens.get(key));
  }

  async function ok<T = Record<string, unknown>>(document: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> {
    const result = await graphqlRequest<T>(org.url, document, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  function refusalOf(result: GraphQLResponse<unknown>): Record<string, unknown> | undefined {
    return result.errors?.[0]?.extensions as Record<string, unknown> | undefined;
  }

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadOrgConfig);
    admin = await tokenFor(['platform_admin', 'community_staff'], '/', 'admin');
    for (const code of ['510112', '510112001', COMMUNITY]) {
      await ok(`mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } });
    }
    compoundId = (await ok<{ createCompound: { id: string } }>(`mutation { createCompound(input: { communityCode: "${COMMUNITY}", name: "美景华庭" }) { id } }`)).createCompound.id;
    dwellingId = (
      await ok<{ registerDwelling: { id: string } }>(`mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id } }`, {
        input: { compoundId, building: '1', unit: '1', roomNumber: '101', exclusiveArea: 9_000 },
      })
    ).registerDwelling.id;
    residentId = (
      await ok<{ registerResident: { id: string } }>(`mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`, {
        input: { communityCode: COMMUNITY, name: '王大爷', idNumber: ID_NUMBER, phone: PHONE, householdRegistration: 'LOCAL', careTags: ['ELDERLY'] },
      })
    ).registerResident.id;
    const owners = await ok<{ setDwellingOwners: { owners: { owner: { identityKey: string } }[] } }>(
      `mutation($input: SetDwellingOwnersInput!) { setDwellingOwners(input: $input) { owners { owner { identityKey } } } }`,
      { input: { dwellingId, owners: [{ kind: 'PERSON', name: '王大爷', idNumber: ID_NUMBER, shareNumerator: 1, shareDenominator: 1 }] } },
    );
    personKey = owners.setDwellingOwners.owners[0]!.owner.identityKey;
    await ok(`mutation($input: MoveInInput!) { moveIn(input: $input) { id } }`, { input: { residentId, dwellingId, relation: 'OWNER', date: '2024-05-01' } });
    const body = await ok<{ createGovernanceBody: { id: string } }>(`mutation($input: CreateGovernanceBodyInput!) { createGovernanceBody(input: $input) { id } }`, {
      input: { communityCode: COMMUNITY, compoundId, kind: 'OWNERS_COMMITTEE', name: '美景华庭业委会' },
    });
    await ok(`mutation($input: AppointBodyMemberInput!) { appointBodyMember(input: $input) { id } }`, {
      input: { bodyId: body.createGovernanceBody.id, residentId, post: 'CHAIR', appointedOn: '2024-06-01' },
    });
    const branch = await ok<{ createPartyOrganization: { id: string } }>(`mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { id } }`, {
      input: { communityCode: COMMUNITY, kind: 'COMMITTEE', name: '社区党委' },
    });
    await ok(`mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { id } }`, {
      input: { organizationId: branch.createPartyOrganization.id, residentId, category: 'RETIRED' },
    });
    const visit = await as(`grid_worker`, `mutation($input: RecordHouseholdVisitInput!) { recordHouseholdVisit(input: $input) { id } }`, {
      input: { dwellingId, visitedAt: new Date().toISOString(), visitorName: '刘网格员', notes: '独居老人，腿脚不便' },
    });
    expect(visit.errors).toBeUndefined();
  });

  afterAll(() => org?.stop());

  it.each<Role>(['resident', 'property_staff', 'city_platform', 'auditor', 'committee_member'])('refuses %s the residents’ registry with ROLE_REQUIRED', async (role) => {
    const result = await as(role, RESIDENTS);
    expect(result.data).toBeNull();
    expect(refusalOf(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(result.errors![0]!.message).toContain('registry:read');
    expect(JSON.stringify(result)).not.toContain('王大爷');
  });

  it.each<Role>(['grid_worker', 'party_secretary', 'community_staff'])('lists the residents’ registry to %s', async (role) => {
    const result = await as<{ residents: { nodes: { name: string }[] } }>(role, RESIDENTS);
    expect(result.errors).toBeUndefined();
    expect(result.data!.residents.nodes.map((r) => r.name)).toEqual(['王大爷']);
  });

  it('shows household visits to field staff only', async () => {
    for (const role of ['resident', 'property_staff', 'city_platform', 'committee_member', 'auditor'] as const) {
      const refused = await as(role, VISITS, { id: compoundId });
      expect({ role, ...refusalOf(refused) }).toMatchObject({ role, code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      expect(JSON.stringify(refused)).not.toContain('独居老人');
    }
    const read = await as<{ householdVisits: { nodes: { notes: string }[] } }>('party_secretary', VISITS, { id: compoundId });
    expect(read.data!.householdVisits.nodes.map((v) => v.notes)).toEqual(['独居老人，腿脚不便']);
  });

  it('shows party members to staff and party secretaries, not to grid workers or residents', async () => {
    for (const role of ['grid_worker', 'resident', 'property_staff', 'city_platform'] as const) {
      expect({ role, ...refusalOf(await as(role, PARTY_MEMBERS)) }).toMatchObject({ role, code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    }
    const read = await as<{ partyMembers: { nodes: { residentId: string }[] } }>('party_secretary', PARTY_MEMBERS);
    expect(read.data!.partyMembers.nodes.map((m) => m.residentId)).toEqual([residentId]);
  });

  it('shows dwellings to property staff and auditors without their owners, and owners to the owners’ committee', async () => {
    for (const role of ['property_staff', 'auditor'] as const) {
      const rooms = await as<{ dwellings: { nodes: { roomNumber: string }[] } }>(role, DWELLINGS, { id: compoundId });
      expect(rooms.data!.dwellings.nodes).toEqual([{ roomNumber: '101' }]);
      const owners = await as(role, DWELLINGS_WITH_OWNERS, { id: compoundId });
      expect(owners.errors?.[0]).toMatchObject({ path: ['dwellings', 'nodes', 0, 'owners'], extensions: { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' } });
      expect(JSON.stringify(owners)).not.toContain('王大爷');
      expect(refusalOf(await as(role, ELECTORATE, { id: compoundId }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    }
    const committee = await as<{ dwellings: { nodes: { owners: { owner: { name: string; idNumber: string } }[] }[] } }>('committee_member', DWELLINGS_WITH_OWNERS, { id: compoundId });
    expect(committee.data!.dwellings.nodes[0]!.owners[0]!.owner).toEqual({ name: '王大爷', idNumber: `510112********${ID_NUMBER.slice(14)}` });
    expect((await as<{ electorate: { headcount: number } }>('committee_member', ELECTORATE, { id: compoundId })).data!.electorate.headcount).toBe(1);
    expect(refusalOf(await as('resident', DWELLINGS, { id: compoundId }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });

  it('shows a committee member’s name to every role, and the rest of their record to registry readers only', async () => {
    const names = await as<{ governanceBodies: { nodes: { members: { nodes: { post: string; resident: { name: string } }[] } }[] } }>('resident', BODY_MEMBERS('name'));
    expect(names.errors).toBeUndefined();
    expect(names.data!.governanceBodies.nodes[0]!.members.nodes).toEqual([{ post: 'CHAIR', resident: { name: '王大爷' } }]);

    for (const field of ['careTags', 'idNumber', 'phone', 'householdRegistration', 'residencies { dwellingId }']) {
      const refused = await as<{ governanceBodies: { nodes: { members: { nodes: { resident: unknown }[] } }[] } }>('resident', BODY_MEMBERS(`name ${field}`));
      // A refused non-null field takes the resident with it; the nullable phone is just null.
      expect([null, { name: '王大爷', phone: null }]).toContainEqual(refused.data!.governanceBodies.nodes[0]!.members.nodes[0]!.resident);
      expect(refused.errors?.[0]).toMatchObject({ path: ['governanceBodies', 'nodes', 0, 'members', 'nodes', 0, 'resident', field.split(' ')[0]], extensions: { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' } });
    }
    const staff = await as<{ governanceBodies: { nodes: { members: { nodes: { resident: { careTags: string[]; idNumber: string } }[] } }[] } }>('grid_worker', BODY_MEMBERS('careTags idNumber'));
    expect(staff.data!.governanceBodies.nodes[0]!.members.nodes[0]!.resident).toEqual({ careTags: ['ELDERLY'], idNumber: `510112********${ID_NUMBER.slice(14)}` });
  });

  it('lets one resident token, whose sub is the owner identity key deliberation checks ballots against, read its own data in full', async () => {
    expect(personKey).toMatch(/^p:[0-9a-f]{32}$/);
    const mine = await as<{
      myPersonalData: {
        resident: { id: string; careTags: string[]; idNumber: string; phone: string; residencies: { dwellingId: string }[] };
        dwellings: { dwelling: { id: string; owners: { owner: { name: string } }[] }; owner: { id: string; identityKey: string; idNumber: string }; shareNumerator: number }[];
      };
    }>('resident', MY_DATA, {}, personKey);
    expect(mine.errors).toBeUndefined();
    const { resident, dwellings } = mine.data!.myPersonalData;
    expect(resident).toMatchObject({ id: residentId, careTags: ['ELDERLY'], idNumber: ID_NUMBER, phone: PHONE, residencies: [{ dwellingId }] });
    expect(dwellings).toEqual([
      expect.objectContaining({ dwelling: expect.objectContaining({ id: dwellingId, owners: [{ owner: { name: '王大爷' } }] }), shareNumerator: 1, owner: expect.objectContaining({ identityKey: personKey, idNumber: ID_NUMBER }) }),
    ]);

    const auditor = await tokenFor('auditor', SCOPE, 'auditor-roles');
    const log = await graphqlRequest<{ personalDataAccessLog: { nodes: { residentId: string | null; ownerId: string | null; field: string; purpose: string; outcome: string }[] } }>(
      org.url,
      `query($sub: String) { personalDataAccessLog(sub: $sub) { nodes { residentId ownerId field purpose outcome } } }`,
      { sub: personKey },
      auditor,
    );
    expect(log.data!.personalDataAccessLog.nodes.map((r) => [r.residentId ?? r.ownerId, r.field, r.purpose, r.outcome]).sort()).toEqual(
      [
        [residentId, 'ID_NUMBER', 'SELF', 'GRANTED'],
        [residentId, 'PHONE', 'SELF', 'GRANTED'],
        [dwellings[0]!.owner.id, 'ID_NUMBER', 'SELF', 'GRANTED'],
      ].sort(),
    );
  });

  it('finds nothing of anyone else for a resident token whose sub is not a registered person', async () => {
    const stranger = await as<{ myPersonalData: { resident: unknown; dwellings: unknown[] } }>('resident', MY_DATA, {}, 'p:00000000000000000000000000000000');
    expect(stranger.data!.myPersonalData).toEqual({ resident: null, dwellings: [] });
    expect(refusalOf(await as('resident', `query($id: ID!) { resident(id: $id) { name } }`, { id: residentId }, 'p:00000000000000000000000000000000'))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_YOUR_RECORD',
    });
    // Staff with the same subject are not the data subject: self-access belongs to resident accounts.
    const staff = await as('grid_worker', MY_DATA, {}, personKey);
    expect(refusalOf(staff)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });

  it('refuses an auditor every mutation with READ_ONLY_ROLE and writes nothing', async () => {
    const [{ n: before }] = (await org.service.dataSource.query(`SELECT (SELECT count(*) FROM room_booking) + (SELECT count(*) FROM resident) + (SELECT count(*) FROM area) AS n`)) as { n: string }[];
    const attempts = [
      [`mutation($input: BookRoomInput!) { bookRoom(input: $input) { id } }`, { input: { roomId: residentId, startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T11:00:00Z', purpose: '查账' } }],
      [`mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code: '510112001009', name: '审计社区' } }],
      [
        `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
        { input: { communityCode: COMMUNITY, name: '审计', idNumber: ID_NUMBER, householdRegistration: 'LOCAL' } },
      ],
    ] as const;
    for (const [document, variables] of attempts) {
      const result = await as('auditor', document, variables);
      expect(result.data).toBeNull();
      expect(refusalOf(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
    }
    const [{ n: after }] = (await org.service.dataSource.query(`SELECT (SELECT count(*) FROM room_booking) + (SELECT count(*) FROM resident) + (SELECT count(*) FROM area) AS n`)) as { n: string }[];
    expect(after).toBe(before);

    // A caller who is also a resident is not read-only: its booking reaches the service's own checks.
    const both = await as(['auditor', 'resident'], attempts[0][0], attempts[0][1]);
    expect(refusalOf(both)?.reason).not.toBe('READ_ONLY_ROLE');
  });
});
