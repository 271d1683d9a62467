import { idNumberCheckCharacter } from '@gongzhi/standards';
import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadOrgConfig, orgModule } from '../src';

function idNumber(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

const COMMUNITY = '/510112/510112001/510112001001/';
const REGISTER_RESIDENT = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
const ID_IN_FULL = `query($id: ID!, $purpose: String) { resident(id: $id) { idNumber(purpose: $purpose) } }`;
const OWN_DATA = `query($id: ID!) { resident(id: $id) { idNumber phone } }`;
const TAGS = `query($id: ID!, $purpose: String) { resident(id: $id) { name sensitiveTags(purpose: $purpose) } }`;
const LOG = `query($residentId: ID, $ownerId: ID, $sub: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  personalDataAccessLog(residentId: $residentId, ownerId: $ownerId, sub: $sub, from: $from, to: $to, first: $first, after: $after) {
    nodes { id accessedAt requestId actorSub actorRoles residentId ownerId field purpose outcome }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface LogRow {
  id: string;
  accessedAt: string;
  requestId: string;
  actorSub: string;
  actorRoles: string[];
  residentId: string | null;
  ownerId: string | null;
  field: string;
  purpose: string | null;
  outcome: string;
}
type LogPage = { personalDataAccessLog: { nodes: LogRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('the access log of personal information (个人信息访问记录)', () => {
  let org: BootedSubgraph;
  let auditor: string;
  let chen: string;
  let li: string;
  const chenNumber = idNumber('110105', '19491231', '123');
  const liNumber = idNumber('510112', '19800101', '246');

  async function logOf(filter: Record<string, unknown>, token = auditor): Promise<LogRow[]> {
    const result = await graphqlRequest<LogPage>(org.url, LOG, filter, token);
    expect(result.errors).toBeUndefined();
    return result.data!.personalDataAccessLog.nodes;
  }

  async function rowCount(): Promise<number> {
    const [row] = (await org.service.dataSource.query(`SELECT count(*)::int AS n FROM personal_data_access`)) as { n: number }[];
    return row!.n;
  }

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadOrgConfig);
    const admin = await tokenFor('platform_admin', '/');
    for (const code of ['510112', '510112001', '510112001001']) {
      const created = await graphqlRequest(org.url, `mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } }, admin);
      expect(created.errors).toBeUndefined();
    }
    const staff = await tokenFor('community_staff', COMMUNITY);
    const register = async (input: object) => {
      const created = await graphqlRequest<{ registerResident: { id: string } }>(org.url, REGISTER_RESIDENT, { input: { communityCode: '510112001001', householdRegistration: 'LOCAL', ...input } }, staff);
      expect(created.errors).toBeUndefined();
      return created.data!.registerResident.id;
    };
    chen = await register({ name: '陈阿姨', idNumber: chenNumber, phone: '13812345678', sensitiveTags: ['COMMUNITY_CORRECTION'] });
    li = await register({ name: '李叔', idNumber: liNumber, phone: '13987654321' });
    auditor = await tokenFor('auditor', '/510112/', 'auditor-wang');
  });

  afterAll(() => org?.stop());

  it("writes a log row when a district administrator reads a resident's full ID number", async () => {
    const district = await tokenFor('district_admin', '/510112/', 'district-zhao');
    const read = await graphqlRequest<{ resident: { idNumber: string } }>(org.url, ID_IN_FULL, { id: chen, purpose: '核实低保申请' }, district);
    expect(read.errors).toBeUndefined();
    expect(read.data!.resident.idNumber).toBe(chenNumber);

    const rows = await logOf({ residentId: chen, sub: 'district-zhao' });
    expect(rows).toEqual([
      expect.objectContaining({ actorSub: 'district-zhao', actorRoles: ['district_admin'], residentId: chen, ownerId: null, field: 'ID_NUMBER', purpose: '核实低保申请', outcome: 'GRANTED' }),
    ]);
    expect(rows[0]!.requestId).not.toBe('');
  });

  it('shows the masked number without a purpose, and logs nothing for it', async () => {
    const district = await tokenFor('district_admin', '/510112/', 'district-masked');
    const before = await rowCount();
    const read = await graphqlRequest<{ resident: { idNumber: string } }>(org.url, ID_IN_FULL, { id: chen }, district);
    expect(read.data!.resident.idNumber).toBe(`110105********${chenNumber.slice(14)}`);
    expect(await rowCount()).toBe(before);
  });

  it('refuses a purpose that says nothing or poses as the resident, and logs nothing', async () => {
    const district = await tokenFor('district_admin', '/510112/', 'district-terse');
    const before = await rowCount();
    const read = await graphqlRequest(org.url, ID_IN_FULL, { id: chen, purpose: ' x ' }, district);
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PURPOSE_LENGTH', field: 'purpose' });
    const posing = await graphqlRequest(org.url, ID_IN_FULL, { id: chen, purpose: 'self' }, district);
    expect(posing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PURPOSE_RESERVED', field: 'purpose' });
    expect(await rowCount()).toBe(before);
  });

  it("refuses a grid worker's attempt to read sensitive tags and logs it as denied", async () => {
    const gridWorker = await tokenFor('grid_worker', COMMUNITY, 'grid-worker-liu');
    const attempt = await graphqlRequest<{ resident: { name: string; sensitiveTags: string[] | null } }>(org.url, TAGS, { id: chen, purpose: '入户走访' }, gridWorker);
    expect(attempt.data!.resident).toEqual({ name: '陈阿姨', sensitiveTags: null });
    expect(attempt.errors?.[0]).toMatchObject({ path: ['resident', 'sensitiveTags'], extensions: { code: 'FORBIDDEN', reason: 'SENSITIVE_TAGS_NOT_ALLOWED' } });

    expect(await logOf({ sub: 'grid-worker-liu' })).toEqual([
      expect.objectContaining({ actorRoles: ['grid_worker'], residentId: chen, field: 'SENSITIVE_TAGS', purpose: '入户走访', outcome: 'DENIED' }),
    ]);
  });

  it("refuses a grid worker's attempt to read a full ID number and logs it as denied", async () => {
    const gridWorker = await tokenFor('grid_worker', COMMUNITY, 'grid-worker-zhou');
    const attempt = await graphqlRequest(org.url, ID_IN_FULL, { id: chen, purpose: '核对身份' }, gridWorker);
    expect(attempt.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FULL_IDENTIFIER_NOT_ALLOWED' });
    expect(JSON.stringify(attempt)).not.toContain(chenNumber);
    expect(await logOf({ sub: 'grid-worker-zhou' })).toEqual([expect.objectContaining({ field: 'ID_NUMBER', purpose: '核对身份', outcome: 'DENIED' })]);
  });

  it('lets community staff read sensitive tags when they state a purpose, and logs it', async () => {
    const staff = await tokenFor('community_staff', COMMUNITY, 'staff-sun');
    const withoutPurpose = await graphqlRequest(org.url, TAGS, { id: chen }, staff);
    expect(withoutPurpose.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PURPOSE_REQUIRED', field: 'purpose' });
    const read = await graphqlRequest<{ resident: { sensitiveTags: string[] } }>(org.url, TAGS, { id: chen, purpose: '矫正期间走访' }, staff);
    expect(read.data!.resident.sensitiveTags).toEqual(['COMMUNITY_CORRECTION']);
    expect(await logOf({ sub: 'staff-sun' })).toEqual([expect.objectContaining({ field: 'SENSITIVE_TAGS', purpose: '矫正期间走访', outcome: 'GRANTED' })]);
  });

  it("lets a resident read their own full ID and phone numbers, logged as SELF, but not another resident's", async () => {
    const [{ hash }] = (await org.service.dataSource.query(`SELECT id_number_hash AS hash FROM resident WHERE id = $1`, [chen])) as { hash: string }[];
    const personKey = `p:${hash!.slice(0, 32)}`;
    const self = await tokenFor('resident', COMMUNITY, personKey);
    const own = await graphqlRequest<{ resident: { idNumber: string; phone: string } }>(org.url, OWN_DATA, { id: chen }, self);
    expect(own.errors).toBeUndefined();
    expect(own.data!.resident).toEqual({ idNumber: chenNumber, phone: '13812345678' });
    const ownRows = await logOf({ sub: personKey });
    expect(ownRows.map((r) => [r.residentId, r.field, r.purpose, r.outcome]).sort()).toEqual([
      [chen, 'ID_NUMBER', 'SELF', 'GRANTED'],
      [chen, 'PHONE', 'SELF', 'GRANTED'],
    ]);

    // Another resident's record is out of reach altogether: not even masked numbers, so nothing to log.
    const before = await rowCount();
    const neighbour = await graphqlRequest(org.url, OWN_DATA, { id: li }, self);
    expect(neighbour.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_RECORD' });
    const pushing = await graphqlRequest(org.url, ID_IN_FULL, { id: li, purpose: '想知道邻居身份' }, self);
    expect(pushing.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_RECORD' });
    expect(JSON.stringify([neighbour, pushing])).not.toMatch(new RegExp(`${liNumber.slice(14)}|4321`));
    expect(await rowCount()).toBe(before);
  });

  it('no longer takes resident:<residentId> for the resident themself', async () => {
    const legacy = await tokenFor('resident', COMMUNITY, `resident:${chen}`);
    const read = await graphqlRequest(org.url, OWN_DATA, { id: chen }, legacy);
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_RECORD' });
    expect(JSON.stringify(read)).not.toContain(chenNumber);
  });

  it('writes the log rows of one request with one INSERT', async () => {
    const district = await tokenFor('district_admin', '/510112/', 'district-batch');
    const query = jest.spyOn(org.service.dataSource, 'query');
    try {
      const list = await graphqlRequest<{ residents: { nodes: { idNumber: string; phone: string; sensitiveTags: string[] }[] } }>(
        org.url,
        `{ residents { nodes { idNumber(purpose: "年度核查") phone(purpose: "年度核查") sensitiveTags(purpose: "年度核查") } } }`,
        {},
        district,
      );
      expect(list.errors).toBeUndefined();
      expect(list.data!.residents.nodes.map((r) => r.idNumber).sort()).toEqual([chenNumber, liNumber].sort());
      const inserts = query.mock.calls.filter(([sql]) => /INSERT INTO personal_data_access/.test(String(sql)));
      expect(inserts).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
    const rows = await logOf({ sub: 'district-batch' });
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(1);
  });

  it("logs a read of an owner's full ID number under the owner's dwelling", async () => {
    const admin = await tokenFor('platform_admin', '/');
    const compound = await graphqlRequest<{ createCompound: { id: string } }>(org.url, `mutation { createCompound(input: { communityCode: "510112001001", name: "美景华庭" }) { id } }`, {}, admin);
    const dwelling = await graphqlRequest<{ registerDwelling: { id: string } }>(
      org.url,
      `mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id } }`,
      { input: { compoundId: compound.data!.createCompound.id, building: '1', unit: '1', roomNumber: '101', exclusiveArea: 9_000 } },
      admin,
    );
    const owned = await graphqlRequest<{ setDwellingOwners: { owners: { owner: { id: string; idNumber: string } }[] } }>(
      org.url,
      `mutation($input: SetDwellingOwnersInput!) { setDwellingOwners(input: $input) { owners { owner { id idNumber } } } }`,
      { input: { dwellingId: dwelling.data!.registerDwelling.id, owners: [{ kind: 'PERSON', name: '李叔', idNumber: liNumber }] } },
      admin,
    );
    expect(owned.errors).toBeUndefined();
    const ownerId = owned.data!.setDwellingOwners.owners[0]!.owner.id;
    expect(owned.data!.setDwellingOwners.owners[0]!.owner.idNumber).toBe(`510112********${liNumber.slice(14)}`);

    const district = await tokenFor('district_admin', '/510112/', 'district-owner');
    const read = await graphqlRequest<{ dwellings: { nodes: { owners: { owner: { idNumber: string } }[] }[] } }>(
      org.url,
      `query($id: ID!) { dwellings(compoundId: $id) { nodes { owners { owner { idNumber(purpose: "业主大会资格核验") } } } } }`,
      { id: compound.data!.createCompound.id },
      district,
    );
    expect(read.data!.dwellings.nodes[0]!.owners[0]!.owner.idNumber).toBe(liNumber);
    expect(await logOf({ ownerId })).toEqual([expect.objectContaining({ ownerId, residentId: null, field: 'ID_NUMBER', purpose: '业主大会资格核验', outcome: 'GRANTED' })]);
  });

  it('pages the log newest first', async () => {
    const first = await graphqlRequest<LogPage>(org.url, LOG, { first: 2 }, auditor);
    const page1 = first.data!.personalDataAccessLog;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await graphqlRequest<LogPage>(org.url, LOG, { first: 100, after: page1.pageInfo.endCursor }, auditor);
    const all = [...page1.nodes, ...second.data!.personalDataAccessLog.nodes];
    expect(all.length).toBe(await rowCount());
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const times = all.map((r) => Date.parse(r.accessedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const future = await logOf({ from: new Date(Date.now() + 60_000).toISOString() });
    expect(future).toEqual([]);
  });

  it('shows an auditor of another district nothing, and no log to a role that does not audit', async () => {
    const elsewhere = await tokenFor('auditor', '/510113/', 'auditor-elsewhere');
    expect(await logOf({}, elsewhere)).toEqual([]);
    expect(await logOf({ residentId: chen }, elsewhere)).toEqual([]);
    const staff = await tokenFor('community_staff', COMMUNITY);
    const refused = await graphqlRequest(org.url, LOG, {}, staff);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });

  it('cannot be updated, deleted or truncated in SQL', async () => {
    const before = await rowCount();
    expect(before).toBeGreaterThan(0);
    await expect(org.service.dataSource.query(`UPDATE personal_data_access SET purpose = 'nothing to see'`)).rejects.toThrow(/append-only/);
    await expect(org.service.dataSource.query(`DELETE FROM personal_data_access`)).rejects.toThrow(/append-only/);
    await expect(org.service.dataSource.query(`TRUNCATE personal_data_access`)).rejects.toThrow(/append-only/);
    expect(await rowCount()).toBe(before);
  });
});
