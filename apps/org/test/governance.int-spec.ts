import { idNumberCheckCharacter } from '@gongzhi/standards';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph, type GraphQLResponse } from '@gongzhi/platform-testing';
import { loadConfig, type OrgConfig } from '../src/config';
import { governanceParts } from '../src/modules/governance';
import { orgModule } from '../src/schema';

/** The org service with the governance parts added, as the lead wires them into src/schema.ts. */
const governedOrg: SubgraphModule<OrgConfig> = {
  ...orgModule,
  entities: [...orgModule.entities, ...governanceParts.entities],
  migrations: [...orgModule.migrations, ...governanceParts.migrations],
  resolverClasses: [...orgModule.resolverClasses, ...governanceParts.resolverClasses],
  createRuntime: (dataSource, config) => {
    const base = orgModule.createRuntime(dataSource, config);
    return { ...base, resolvers: [...base.resolvers, ...governanceParts.createResolvers(dataSource)] };
  },
};

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
    org = await bootSubgraph(governedOrg, loadConfig);
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
});
