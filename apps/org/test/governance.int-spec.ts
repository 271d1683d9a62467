import { idNumberCheckCharacter } from '@gongzhi/standards';
import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph, type GraphQLResponse } from '@gongzhi/platform-testing';
import { loadConfig } from '../src/config';
import { orgModule } from '../src/schema';

let sequence = 100;
/** A valid citizen identity number, different on every call. */
function nextIdNumber(): string {
  const first17 = `510112198001${String(10 + (sequence % 18)).padStart(2, '0')}${String(sequence++).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

const COMMUNITY_A = '510112001001';
const COMMUNITY_B = '510112001002';
const SCOPE_A = '/510112/510112001/510112001001/';
const SCOPE_B = '/510112/510112001/510112001002/';

describe('org governance: grids, party organization, bodies and field work', () => {
  let org: BootedSubgraph;
  let admin: string;
  let staffA: string;
  let staffB: string;
  let compoundId: string;
  const buildings: Record<string, string> = {};
  const dwellings: Record<string, string> = {};

  async function call<T = Record<string, unknown>>(document: string, variables: Record<string, unknown> = {}, token = admin): Promise<GraphQLResponse<T>> {
    return graphqlRequest<T>(org.url, document, variables, token);
  }

  async function ok<T = Record<string, unknown>>(document: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> {
    const result = await call<T>(document, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  async function registerResident(name: string, communityCode = COMMUNITY_A): Promise<string> {
    const data = await ok<{ registerResident: { id: string } }>(
      `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
      { input: { communityCode, name, idNumber: nextIdNumber(), householdRegistration: 'LOCAL' } },
    );
    return data.registerResident.id;
  }

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadConfig);
    admin = await tokenFor('platform_admin', '/');
    staffA = await tokenFor('community_staff', SCOPE_A, 'staff-a');
    staffB = await tokenFor('community_staff', SCOPE_B, 'staff-b');
    for (const code of ['510112', '510112001', COMMUNITY_A, COMMUNITY_B]) {
      await ok(`mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } });
    }
    const compound = await ok<{ createCompound: { id: string } }>(`mutation { createCompound(input: { communityCode: "${COMMUNITY_A}", name: "美景华庭" }) { id } }`);
    compoundId = compound.createCompound.id;
    for (const [building, room] of [['1', '101'], ['1', '102'], ['2', '201'], ['2', '202']] as const) {
      const data = await ok<{ registerDwelling: { id: string } }>(
        `mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id } }`,
        { input: { compoundId, building, unit: '1', roomNumber: room, exclusiveArea: 9_000 } },
      );
      dwellings[`${building}-${room}`] = data.registerDwelling.id;
    }
    const rows = (await org.service.dataSource.query(`SELECT id, number FROM building WHERE compound_id = $1`, [compoundId])) as { id: string; number: string }[];
    for (const row of rows) buildings[row.number] = row.id;
  });

  afterAll(() => org?.stop());

  describe('grids', () => {
    const CREATE_GRID = `mutation($input: CreateGridInput!) { createGrid(input: $input) { id code kind scopePath } }`;
    let masterId: string;
    let generalId: string;

    it('assigns CJ/T 349 codes in sequence under the community code', async () => {
      const master = await ok<{ createGrid: { id: string; code: string; scopePath: string } }>(CREATE_GRID, { input: { communityCode: COMMUNITY_A, kind: 'MASTER', name: '总网格' } }, staffA);
      masterId = master.createGrid.id;
      const general = await ok<{ createGrid: { id: string; code: string } }>(CREATE_GRID, { input: { communityCode: COMMUNITY_A, kind: 'GENERAL', name: '一网格', parentId: masterId } }, staffA);
      generalId = general.createGrid.id;
      const micros = await Promise.all(
        ['微网格1', '微网格2', '微网格3'].map((name) => ok<{ createGrid: { code: string } }>(CREATE_GRID, { input: { communityCode: COMMUNITY_A, kind: 'MICRO', name, parentId: generalId } }, staffA)),
      );
      expect(master.createGrid).toMatchObject({ code: `${COMMUNITY_A}001`, scopePath: SCOPE_A });
      expect(general.createGrid.code).toBe(`${COMMUNITY_A}002`);
      expect(micros.map((m) => m.createGrid.code).sort()).toEqual([`${COMMUNITY_A}003`, `${COMMUNITY_A}004`, `${COMMUNITY_A}005`]);
      const other = await ok<{ createGrid: { code: string } }>(CREATE_GRID, { input: { communityCode: COMMUNITY_B, kind: 'MASTER', name: '总网格' } }, staffB);
      expect(other.createGrid.code).toBe(`${COMMUNITY_B}001`);
    });

    it('refuses a micro-grid that does not divide a general grid, naming the field', async () => {
      const result = await call(CREATE_GRID, { input: { communityCode: COMMUNITY_A, kind: 'MICRO', name: '错网格', parentId: masterId } }, staffA);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_PARENT_GRID_KIND', field: 'input.parentId' });
    });

    it('covers buildings of the community and lists its workers', async () => {
      await ok(`mutation($input: CoverGridInput!) { coverGrid(input: $input) { id } }`, { input: { gridId: generalId, buildingId: buildings['1'] } }, staffA);
      const residentId = await registerResident('网格员甲');
      await ok(`mutation($input: AssignGridWorkerInput!) { assignGridWorker(input: $input) { id } }`, { input: { gridId: generalId, residentId, assignedOn: '2026-01-05' } }, staffA);
      await ok(`mutation($input: AssignGridWorkerInput!) { assignGridWorker(input: $input) { id } }`, { input: { gridId: generalId, staffSub: 'kc-123', name: '王专职', assignedOn: '2026-01-05' } }, staffA);
      const data = await ok<{ grid: { coverage: { nodes: { building: { number: string }; unit: null }[] }; workers: { name: string; residentId: string | null; staffSub: string | null }[] } }>(
        `query($id: ID!) { grid(id: $id) { coverage { nodes { building { number } unit { number } } } workers { name residentId staffSub } } }`,
        { id: generalId },
        staffA,
      );
      expect(data.grid.coverage.nodes).toEqual([{ building: { number: '1' }, unit: null }]);
      expect(data.grid.workers).toEqual([
        { name: '网格员甲', residentId, staffSub: null },
        { name: '王专职', residentId: null, staffSub: 'kc-123' },
      ]);
    });

    it('shows a community staff member of another community none of these grids', async () => {
      const data = await ok<{ grids: { nodes: { code: string }[] } }>(`{ grids { nodes { code } } }`, {}, staffB);
      expect(data.grids.nodes).toEqual([{ code: `${COMMUNITY_B}001` }]);
      const one = await call(`query($id: ID!) { grid(id: $id) { code } }`, { id: generalId }, staffB);
      expect(one.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    });
  });
  describe('party organization and self-governance bodies', () => {
    const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { id scopePath } }`;
    const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { id } }`;
    const CREATE_BODY = `mutation($input: CreateGovernanceBodyInput!) { createGovernanceBody(input: $input) { id } }`;
    const APPOINT = `mutation($input: AppointBodyMemberInput!) { appointBodyMember(input: $input) { id } }`;
    const SHARE = `query($id: ID!) { governanceBody(id: $id) { partyMemberShare { partyMembers members isRed } } }`;
    let branchId: string;
    let committeeId: string;
    const partyMembers: string[] = [];
    const others: string[] = [];

    beforeAll(async () => {
      const committee = await ok<{ createPartyOrganization: { id: string } }>(CREATE_ORG, { input: { communityCode: COMMUNITY_A, kind: 'COMMITTEE', name: '社区党委' } }, staffA);
      committeeId = committee.createPartyOrganization.id;
      const branch = await ok<{ createPartyOrganization: { id: string; scopePath: string } }>(
        CREATE_ORG,
        { input: { communityCode: COMMUNITY_A, kind: 'BRANCH', name: '美景华庭党支部', parentId: committeeId, compoundId } },
        staffA,
      );
      branchId = branch.createPartyOrganization.id;
      for (let i = 0; i < 4; i++) {
        const residentId = await registerResident(`党员${i}`);
        await ok(ENROL, { input: { residentId, organizationId: branchId, category: i % 2 ? 'RETIRED' : 'EMPLOYED' } }, staffA);
        partyMembers.push(residentId);
      }
      for (let i = 0; i < 4; i++) others.push(await registerResident(`群众${i}`));
    });

    it('builds the tree: a branch in a compound takes the compound’s scope, a group belongs to a branch', async () => {
      const wrong = await call(CREATE_ORG, { input: { communityCode: COMMUNITY_A, kind: 'GROUP', name: '错小组', parentId: committeeId } }, staffA);
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_PARENT_KIND', field: 'input.parentId' });
      await ok(CREATE_ORG, { input: { communityCode: COMMUNITY_A, kind: 'GROUP', name: '1栋党小组', parentId: branchId } }, staffA);
      const tree = await ok<{ partyOrganizations: { nodes: { name: string; kind: string; scopePath: string }[] } }>(`{ partyOrganizations { nodes { name kind scopePath } } }`, {}, staffA);
      expect(tree.partyOrganizations.nodes.map((o) => o.kind)).toEqual(['COMMITTEE', 'BRANCH', 'GROUP']);
      expect(tree.partyOrganizations.nodes[1]!.scopePath).toMatch(new RegExp(`^${SCOPE_A}\\d{15}/$`));
    });

    it('records registration (报到) at the community where the member lives', async () => {
      const members = await ok<{ partyMembers: { nodes: { id: string; residentId: string }[] } }>(`{ partyMembers(first: 10) { nodes { id residentId } } }`, {}, staffA);
      const memberId = members.partyMembers.nodes.find((m) => m.residentId === partyMembers[0])!.id;
      const registered = await ok<{ recordPartyMemberRegistration: { registeredOn: string; registeredScopePath: string } }>(
        `mutation($input: RecordPartyMemberRegistrationInput!) { recordPartyMemberRegistration(input: $input) { registeredOn registeredScopePath } }`,
        { input: { partyMemberId: memberId, registeredOn: '2026-02-01' } },
        staffA,
      );
      expect(registered.recordPartyMemberRegistration).toEqual({ registeredOn: '2026-02-01', registeredScopePath: SCOPE_A });
      const impossible = await call(
        `mutation($input: RecordPartyMemberRegistrationInput!) { recordPartyMemberRegistration(input: $input) { id } }`,
        { input: { partyMemberId: memberId, registeredOn: '2026-02-30' } },
        staffA,
      );
      expect(impossible.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_DATE', field: 'input.registeredOn' });
    });

    it('counts an owners’ committee with 4 party members of 7 as red, and one with 3 of 6 as not', async () => {
      const committee = await ok<{ createGovernanceBody: { id: string } }>(CREATE_BODY, { input: { kind: 'OWNERS_COMMITTEE', communityCode: COMMUNITY_A, compoundId, name: '美景华庭业委会' } }, staffA);
      const bodyId = committee.createGovernanceBody.id;
      const seven = [...partyMembers, ...others.slice(0, 3)];
      for (const [index, residentId] of seven.entries()) {
        await ok(APPOINT, { input: { bodyId, residentId, post: index === 0 ? 'CHAIR' : 'MEMBER', appointedOn: '2026-01-10' } }, staffA);
      }
      const red = await ok<{ governanceBody: { partyMemberShare: object } }>(SHARE, { id: bodyId }, staffA);
      expect(red.governanceBody.partyMemberShare).toEqual({ partyMembers: 4, members: 7, isRed: true });

      const members = await ok<{ governanceBody: { members: { nodes: { id: string; residentId: string; isPartyMember: boolean }[] } } }>(
        `query($id: ID!) { governanceBody(id: $id) { members(first: 10) { nodes { id residentId isPartyMember } } } }`,
        { id: bodyId },
        staffA,
      );
      const leaving = members.governanceBody.members.nodes.find((m) => m.residentId === partyMembers[3])!;
      expect(leaving.isPartyMember).toBe(true);
      await ok(`mutation($input: RemoveBodyMemberInput!) { removeBodyMember(input: $input) { removedOn } }`, { input: { memberId: leaving.id, removedOn: '2026-06-30' } }, staffA);
      const notRed = await ok<{ governanceBody: { partyMemberShare: object } }>(SHARE, { id: bodyId }, staffA);
      expect(notRed.governanceBody.partyMemberShare).toEqual({ partyMembers: 3, members: 6, isRed: false });

      const events = (await org.service.dataSource.query(
        `SELECT type, envelope->'data' AS data FROM outbox WHERE type LIKE 'org.body-member.%' AND envelope->'data'->>'residentId' = $1 ORDER BY seq`,
        [partyMembers[3]],
      )) as { type: string; data: Record<string, unknown> }[];
      expect(events.map((e) => e.type)).toEqual(['org.body-member.appointed.v1', 'org.body-member.removed.v1']);
      expect(events[0]!.data).toMatchObject({ bodyId, bodyKind: 'OWNERS_COMMITTEE', memberId: leaving.id, post: 'MEMBER', isPartyMember: true, compoundId });
    });

    it('refuses a second chair and writes no event for it', async () => {
      const association = await ok<{ createGovernanceBody: { id: string } }>(CREATE_BODY, { input: { kind: 'NEIGHBOURHOOD_ASSOCIATION', communityCode: COMMUNITY_A, name: '街坊会' } }, staffA);
      const bodyId = association.createGovernanceBody.id;
      await ok(APPOINT, { input: { bodyId, residentId: others[0], post: 'CHAIR', appointedOn: '2026-01-10' } }, staffA);
      const [{ before }] = (await org.service.dataSource.query(`SELECT count(*)::int AS before FROM outbox`)) as { before: number }[];
      const second = await call(APPOINT, { input: { bodyId, residentId: others[1], post: 'CHAIR', appointedOn: '2026-01-10' } }, staffA);
      expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHAIR_TAKEN', field: 'input.post' });
      const [{ after }] = (await org.service.dataSource.query(`SELECT count(*)::int AS after FROM outbox`)) as { after: number }[];
      expect(after).toBe(before);
    });

    it('gives a promotion association a council and "3+N" working groups, and keeps terms from overlapping', async () => {
      const created = await ok<{ createGovernanceBody: { id: string } }>(CREATE_BODY, { input: { kind: 'PROMOTION_ASSOCIATION', communityCode: COMMUNITY_A, name: '院落促进会' } }, staffA);
      const bodyId = created.createGovernanceBody.id;
      const ADD_GROUP = `mutation($input: AddBodyGroupInput!) { addBodyGroup(input: $input) { id kind name } }`;
      const council = await ok<{ addBodyGroup: { id: string } }>(ADD_GROUP, { input: { bodyId, kind: 'COUNCIL', name: '理事会' } }, staffA);
      for (const name of ['安全卫生组', '治安巡逻组', '居民服务组']) await ok(ADD_GROUP, { input: { bodyId, kind: 'WORKING_GROUP', name } }, staffA);
      await ok(APPOINT, { input: { bodyId, residentId: others[2], post: 'COUNCIL_MEMBER', groupId: council.addBodyGroup.id, appointedOn: '2026-01-10' } }, staffA);
      const missingGroup = await call(APPOINT, { input: { bodyId, residentId: others[3], post: 'SUPERVISOR', appointedOn: '2026-01-10' } }, staffA);
      expect(missingGroup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GROUP_POST_MISMATCH', field: 'input.groupId' });

      const ADD_TERM = `mutation($input: AddBodyTermInput!) { addBodyTerm(input: $input) { id filingStatus } }`;
      const term = await ok<{ addBodyTerm: { id: string; filingStatus: string } }>(ADD_TERM, { input: { bodyId, startsOn: '2026-01-01', endsOn: '2029-01-01' } }, staffA);
      expect(term.addBodyTerm.filingStatus).toBe('NOT_FILED');
      const overlapping = await call(ADD_TERM, { input: { bodyId, startsOn: '2028-06-01', endsOn: '2031-06-01' } }, staffA);
      expect(overlapping.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TERMS_OVERLAP' });
      await ok(`mutation($input: FileBodyTermInput!) { fileBodyTerm(input: $input) { id } }`, { input: { termId: term.addBodyTerm.id, filedOn: '2026-01-20', authority: '龙泉街道办事处' } }, staffA);
      const body = await ok<{ governanceBody: { groups: { name: string }[]; terms: { filingStatus: string; filedOn: string; filingAuthority: string }[] } }>(
        `query($id: ID!) { governanceBody(id: $id) { groups { name } terms { filingStatus filedOn filingAuthority } } }`,
        { id: bodyId },
        staffA,
      );
      expect(body.governanceBody.groups.map((g) => g.name)).toEqual(['理事会', '安全卫生组', '治安巡逻组', '居民服务组']);
      expect(body.governanceBody.terms).toEqual([{ filingStatus: 'FILED', filedOn: '2026-01-20', filingAuthority: '龙泉街道办事处' }]);
    });

    it('shows a street’s party-building instructors to the communities below it, and to no other street', async () => {
      const companyId = '0190a0c0-1111-7000-8000-000000000001';
      const street = await tokenFor('street_admin', '/510112/510112001/');
      const ASSIGN = `mutation($input: AssignPartyBuildingInstructorInput!) { assignPartyBuildingInstructor(input: $input) { id scopePath } }`;
      const assigned = await ok<{ assignPartyBuildingInstructor: { scopePath: string } }>(ASSIGN, { input: { areaCode: '510112001', propertyCompanyId: companyId, name: '刘指导员', assignedOn: '2026-01-01' } }, street);
      expect(assigned.assignPartyBuildingInstructor.scopePath).toBe('/510112/510112001/');
      const community = await tokenFor('community_staff', SCOPE_A);
      const below = await ok<{ partyBuildingInstructors: { nodes: { name: string }[] } }>(`query($c: ID) { partyBuildingInstructors(propertyCompanyId: $c) { nodes { name } } }`, { c: companyId }, community);
      expect(below.partyBuildingInstructors.nodes).toEqual([{ name: '刘指导员' }]);
      const otherStreet = await tokenFor('street_admin', '/510112/510112002/');
      const elsewhere = await ok<{ partyBuildingInstructors: { nodes: unknown[] } }>(`{ partyBuildingInstructors { nodes { name } } }`, {}, otherStreet);
      expect(elsewhere.partyBuildingInstructors.nodes).toEqual([]);
      const refused = await call(ASSIGN, { input: { areaCode: '510112001', propertyCompanyId: companyId, name: '越权', assignedOn: '2026-01-01' } }, otherStreet);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    });

    it('shows a community staff member of another community no party organization, member or body', async () => {
      const data = await ok<{ partyOrganizations: { nodes: unknown[] }; partyMembers: { nodes: unknown[] }; governanceBodies: { nodes: unknown[] }; centralHouseholds: { nodes: unknown[] } }>(
        `{ partyOrganizations { nodes { id } } partyMembers { nodes { id } } governanceBodies { nodes { id } } centralHouseholds { nodes { id } } }`,
        {},
        staffB,
      );
      expect(data).toEqual({ partyOrganizations: { nodes: [] }, partyMembers: { nodes: [] }, governanceBodies: { nodes: [] }, centralHouseholds: { nodes: [] } });
      const [{ id }] = (await org.service.dataSource.query(`SELECT id FROM governance_body LIMIT 1`)) as { id: string }[];
      const one = await call(SHARE, { id }, staffB);
      expect(one.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    });
  });
  describe('building roles and field work', () => {
    const MOVE_IN = `mutation($input: MoveInInput!) { moveIn(input: $input) { id } }`;
    let leaderResidentId: string;
    let neighbourId: string;

    beforeAll(async () => {
      leaderResidentId = await registerResident('楼长老李');
      neighbourId = await registerResident('邻居小王');
      await ok(MOVE_IN, { input: { residentId: leaderResidentId, dwellingId: dwellings['1-101'], relation: 'OWNER', date: '2020-05-01' } });
      await ok(MOVE_IN, { input: { residentId: neighbourId, dwellingId: dwellings['1-102'], relation: 'TENANT', date: '2021-05-01' } });
    });

    it('flags a building leader who is a party member, from the party-member register', async () => {
      const APPOINT = `mutation($input: AppointBuildingLeaderInput!) { appointBuildingLeader(input: $input) { id role } }`;
      await ok(APPOINT, { input: { buildingId: buildings['1'], residentId: leaderResidentId, appointedOn: '2026-01-01' } }, staffA);
      const [{ unit_id: unitId }] = (await org.service.dataSource.query(`SELECT unit_id FROM dwelling WHERE id = $1`, [dwellings['1-102']])) as { unit_id: string }[];
      const unitLeader = await ok<{ appointBuildingLeader: { role: string } }>(APPOINT, { input: { buildingId: buildings['1'], unitId, residentId: neighbourId, appointedOn: '2026-01-01' } }, staffA);
      expect(unitLeader.appointBuildingLeader.role).toBe('UNIT_LEADER');
      const elsewhere = await call(APPOINT, { input: { buildingId: buildings['2'], residentId: leaderResidentId, appointedOn: '2026-01-01' } }, staffA);
      expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_LIVING_THERE', field: 'input.residentId' });

      const LEADERS = `query($id: ID!) { buildingLeaders(compoundId: $id) { nodes { role isPartyMember resident { name } } } }`;
      const before = await ok<{ buildingLeaders: { nodes: object[] } }>(LEADERS, { id: compoundId }, staffA);
      expect(before.buildingLeaders.nodes).toEqual([
        { role: 'BUILDING_LEADER', isPartyMember: false, resident: { name: '楼长老李' } },
        { role: 'UNIT_LEADER', isPartyMember: false, resident: { name: '邻居小王' } },
      ]);
      const [{ id: branchId }] = (await org.service.dataSource.query(`SELECT id FROM party_organization WHERE kind = 'BRANCH'`)) as { id: string }[];
      await ok(`mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { id } }`, { input: { residentId: leaderResidentId, organizationId: branchId, category: 'RETIRED' } }, staffA);
      const after = await ok<{ buildingLeaders: { nodes: { isPartyMember: boolean }[] } }>(LEADERS, { id: compoundId }, staffA);
      expect(after.buildingLeaders.nodes.map((l) => l.isPartyMember)).toEqual([true, false]);
    });

    it('links households of the compound to a party member’s central household, each household once', async () => {
      const [{ id: memberId }] = (await org.service.dataSource.query(`SELECT id FROM party_member WHERE resident_id = $1`, [leaderResidentId])) as { id: string }[];
      const notHome = await call(
        `mutation($input: DesignateCentralHouseholdInput!) { designateCentralHousehold(input: $input) { id } }`,
        { input: { partyMemberId: memberId, dwellingId: dwellings['2-201'], designatedOn: '2026-02-01' } },
        staffA,
      );
      expect(notHome.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_THE_MEMBERS_HOME', field: 'input.dwellingId' });
      const household = await ok<{ designateCentralHousehold: { id: string } }>(
        `mutation($input: DesignateCentralHouseholdInput!) { designateCentralHousehold(input: $input) { id } }`,
        { input: { partyMemberId: memberId, dwellingId: dwellings['1-101'], designatedOn: '2026-02-01' } },
        staffA,
      );
      const LINK = `mutation($input: LinkHouseholdsInput!) { linkHouseholdsToCentralHousehold(input: $input) { linkedHouseholds { dwellingId linkedOn } } }`;
      const linked = await ok<{ linkHouseholdsToCentralHousehold: { linkedHouseholds: { dwellingId: string }[] } }>(
        LINK,
        { input: { centralHouseholdId: household.designateCentralHousehold.id, dwellingIds: [dwellings['1-102'], dwellings['2-201']], linkedOn: '2026-02-02' } },
        staffA,
      );
      expect(linked.linkHouseholdsToCentralHousehold.linkedHouseholds.map((l) => l.dwellingId).sort()).toEqual([dwellings['1-102'], dwellings['2-201']].sort());
      const again = await call(LINK, { input: { centralHouseholdId: household.designateCentralHousehold.id, dwellingIds: [dwellings['2-202'], dwellings['2-201']], linkedOn: '2026-02-03' } }, staffA);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_ALREADY_LINKED', field: 'input.dwellingIds.1' });
      const [{ count }] = (await org.service.dataSource.query(`SELECT count(*)::int AS count FROM central_household_link`)) as { count: number }[];
      expect(count).toBe(2);
    });

    it('records door-to-door visits and patrols by whoever made them, visible only inside the community', async () => {
      const gridWorker = await tokenFor('grid_worker', SCOPE_A, 'gw-7');
      const visit = await ok<{ recordHouseholdVisit: { visitorSub: string } }>(
        `mutation($input: RecordHouseholdVisitInput!) { recordHouseholdVisit(input: $input) { visitorSub } }`,
        { input: { dwellingId: dwellings['2-202'], visitedAt: '2026-03-01T02:00:00Z', visitorName: '网格员小周', notes: '独居老人，需要助餐' } },
        gridWorker,
      );
      expect(visit.recordHouseholdVisit.visitorSub).toBe('gw-7');
      const schedule = await ok<{ createPatrolSchedule: { id: string; weekdays: number[]; startsAt: string } }>(
        `mutation($input: CreatePatrolScheduleInput!) { createPatrolSchedule(input: $input) { id weekdays startsAt } }`,
        { input: { compoundId, name: '夜间巡逻', weekdays: [5, 1, 3], startsAt: '19:30', endsAt: '21:00', route: '东门-1栋-2栋-西门' } },
        staffA,
      );
      expect(schedule.createPatrolSchedule).toMatchObject({ weekdays: [1, 3, 5], startsAt: '19:30:00' });
      await ok(
        `mutation($input: RecordPatrolInput!) { recordPatrol(input: $input) { id } }`,
        { input: { scheduleId: schedule.createPatrolSchedule.id, patrollerName: '志愿者老陈', startedAt: '2026-03-02T11:30:00Z', endedAt: '2026-03-02T13:00:00Z', findings: '2栋电瓶车违规充电' } },
        gridWorker,
      );
      const QUERY = `{ householdVisits { nodes { notes } } patrolSchedules { nodes { name logs { nodes { patrollerSub findings } } } } }`;
      const inside = await ok<{ householdVisits: { nodes: object[] }; patrolSchedules: { nodes: object[] } }>(QUERY, {}, staffA);
      expect(inside.householdVisits.nodes).toEqual([{ notes: '独居老人，需要助餐' }]);
      expect(inside.patrolSchedules.nodes).toEqual([{ name: '夜间巡逻', logs: { nodes: [{ patrollerSub: 'gw-7', findings: '2栋电瓶车违规充电' }] } }]);
      const outside = await ok<{ householdVisits: { nodes: object[] }; patrolSchedules: { nodes: object[] } }>(QUERY, {}, staffB);
      expect(outside).toEqual({ householdVisits: { nodes: [] }, patrolSchedules: { nodes: [] } });
    });

    it('records volunteer service and puts its event in the outbox in the same transaction', async () => {
      const team = await ok<{ createGovernanceBody: { id: string } }>(
        `mutation($input: CreateGovernanceBodyInput!) { createGovernanceBody(input: $input) { id } }`,
        { input: { kind: 'VOLUNTEER_TEAM', communityCode: COMMUNITY_A, name: '帮帮团志愿服务队' } },
        staffA,
      );
      const RECORD = `mutation($input: RecordVolunteerServiceInput!) { recordVolunteerService(input: $input) { id minutes } }`;
      const input = { residentId: neighbourId, teamId: team.createGovernanceBody.id, activityType: 'ELDERLY_CARE', minutes: 90, serviceDate: '2026-03-05' };
      const recorded = await ok<{ recordVolunteerService: { id: string } }>(RECORD, { input }, staffA);
      const [event] = (await org.service.dataSource.query(`SELECT envelope FROM outbox WHERE type = 'org.volunteer-service.recorded.v1' AND envelope->>'subject' = $1`, [recorded.recordVolunteerService.id])) as {
        envelope: { scope: string; data: Record<string, unknown> };
      }[];
      expect(event!.envelope.data).toEqual({
        recordId: recorded.recordVolunteerService.id,
        residentId: neighbourId,
        teamId: team.createGovernanceBody.id,
        activityType: 'ELDERLY_CARE',
        minutes: 90,
        serviceDate: '2026-03-05',
        communityCode: COMMUNITY_A,
        scopePath: event!.envelope.scope,
      });
      expect(event!.envelope.scope.startsWith(SCOPE_A)).toBe(true);

      const [{ before }] = (await org.service.dataSource.query(`SELECT count(*)::int AS before FROM outbox`)) as { before: number }[];
      const bad = await call(RECORD, { input: { ...input, minutes: 0, activityType: 'elderly care' } }, staffA);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED' });
      expect((bad.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['activityType', 'minutes']);
      const [{ after }] = (await org.service.dataSource.query(`SELECT count(*)::int AS after FROM outbox`)) as { after: number }[];
      expect(after).toBe(before);
    });

    it('refuses a booking that overlaps another live booking of the room, and takes it once the other is cancelled', async () => {
      const space = await ok<{ createSharedSpace: { id: string } }>(
        `mutation($input: CreateSharedSpaceInput!) { createSharedSpace(input: $input) { id } }`,
        { input: { kind: 'NEIGHBOURHOOD_STATION', communityCode: COMMUNITY_A, name: '睦邻驿站', address: '美景华庭1栋底商' } },
        staffA,
      );
      const room = await ok<{ addSpaceRoom: { id: string } }>(
        `mutation($input: AddSpaceRoomInput!) { addSpaceRoom(input: $input) { id } }`,
        { input: { spaceId: space.createSharedSpace.id, name: '议事厅', functions: ['MEETING', 'MEDIATION'], capacity: 30 } },
        staffA,
      );
      const resident = await tokenFor('resident', `${SCOPE_A}${COMMUNITY_A}001/`, 'resident-9');
      const BOOK = `mutation($input: BookRoomInput!) { bookRoom(input: $input) { id bookedBy } }`;
      const roomId = room.addSpaceRoom.id;
      const first = await ok<{ bookRoom: { id: string; bookedBy: string } }>(BOOK, { input: { roomId, startsAt: '2030-05-01T01:00:00Z', endsAt: '2030-05-01T03:00:00Z', purpose: '说事议事会' } }, resident);
      expect(first.bookRoom.bookedBy).toBe('resident-9');
      const overlapping = await call(BOOK, { input: { roomId, startsAt: '2030-05-01T02:30:00Z', endsAt: '2030-05-01T04:00:00Z', purpose: '读书会' } }, staffA);
      expect(overlapping.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'BOOKING_OVERLAPS', field: 'input.startsAt' });
      await ok(BOOK, { input: { roomId, startsAt: '2030-05-01T03:00:00Z', endsAt: '2030-05-01T04:00:00Z', purpose: '读书会' } }, staffA);
      await ok(`mutation($id: ID!) { cancelRoomBooking(bookingId: $id) { cancelledAt } }`, { id: first.bookRoom.id }, resident);
      await ok(BOOK, { input: { roomId, startsAt: '2030-05-01T02:00:00Z', endsAt: '2030-05-01T03:00:00Z', purpose: '调解' } }, staffA);
      const spaces = await ok<{ sharedSpaces: { nodes: { rooms: { bookings: { nodes: { purpose: string }[] } }[] }[] } }>(
        `{ sharedSpaces { nodes { rooms { bookings { nodes { purpose } } } } } }`,
        {},
        resident,
      );
      expect(spaces.sharedSpaces.nodes[0]!.rooms[0]!.bookings.nodes.map((b) => b.purpose)).toEqual(['读书会', '调解']);
      const racing = await Promise.all(
        ['甲', '乙', '丙'].map((who) => call<{ bookRoom: { id: string } }>(BOOK, { input: { roomId, startsAt: '2030-06-01T01:00:00Z', endsAt: '2030-06-01T02:00:00Z', purpose: `活动${who}` } }, staffA)),
      );
      expect(racing.filter((r) => r.data?.bookRoom).length).toBe(1);
      expect(racing.filter((r) => r.errors?.[0]?.extensions?.reason === 'BOOKING_OVERLAPS').length).toBe(2);
      const other = await ok<{ sharedSpaces: { nodes: unknown[] } }>(`{ sharedSpaces { nodes { id } } }`, {}, staffB);
      expect(other.sharedSpaces.nodes).toEqual([]);
    });
  });
});
