import { idNumberCheckCharacter } from '@gongzhi/standards';
import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadConfig } from '../src/config';
import { orgModule } from '../src/schema';

/** A valid citizen identity number born on the given date with the given sequence. */
function idNumber(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

const REGISTER_DWELLING = `mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id roomNumber } }`;
const SET_OWNERS = `mutation($input: SetDwellingOwnersInput!) { setDwellingOwners(input: $input) { id owners { shareNumerator shareDenominator owner { name kind } } } }`;
const ELECTORATE = `query($id: ID!) { electorate(compoundId: $id) {
  totalArea headcount dwellingCount dwellingsWithoutOwner
  dwellings { address exclusiveArea headcountKey ownerIdentityKeys developerUnsold }
} }`;
const REGISTER_RESIDENT = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
const RESIDENT = `query($id: ID!) { resident(id: $id) { name idNumber phone careTags sensitiveTags } }`;
const RESIDENT_IN_FULL = `query($id: ID!) { resident(id: $id) { name idNumber(purpose: "核实身份") phone(purpose: "核实身份") careTags } }`;

describe('the org registry: dwellings, owners, electorate and residents', () => {
  let org: BootedSubgraph;
  let admin: string;
  let compoundId: string;
  const dwellings: Record<string, string> = {};

  const developer = { kind: 'ORGANIZATION', name: '龙泉置业有限公司', creditCode: '91350100M000100Y43', isDeveloper: true };
  const buyerA = { kind: 'PERSON', name: '张三', idNumber: idNumber('510112', '19800101', '123') };
  const coOwnerB = { kind: 'PERSON', name: '李四', idNumber: idNumber('510112', '19850505', '234') };
  const coOwnerC = { kind: 'PERSON', name: '王五', idNumber: idNumber('510112', '19870707', '345') };
  const ownerD = { kind: 'PERSON', name: '赵六', idNumber: idNumber('510112', '19900909', '456') };

  async function register(building: string, room: string, exclusiveArea: number, developerUnsold = false): Promise<string> {
    const result = await graphqlRequest<{ registerDwelling: { id: string } }>(org.url, REGISTER_DWELLING, { input: { compoundId, building, unit: '1', roomNumber: room, exclusiveArea, developerUnsold } }, admin);
    expect(result.errors).toBeUndefined();
    return (dwellings[`${building}-${room}`] = result.data!.registerDwelling.id);
  }

  async function setOwners(dwellingId: string, owners: object[]) {
    return graphqlRequest(org.url, SET_OWNERS, { input: { dwellingId, owners } }, admin);
  }

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadConfig);
    admin = await tokenFor('platform_admin', '/');
    for (const code of ['510112', '510112001', '510112001001', '510112001002']) {
      await graphqlRequest(org.url, `mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } }, admin);
    }
    const compound = await graphqlRequest<{ createCompound: { id: string } }>(org.url, `mutation { createCompound(input: { communityCode: "510112001001", name: "美景华庭" }) { id } }`, {}, admin);
    compoundId = compound.data!.createCompound.id;

    for (const room of ['101', '102', '103']) await setOwners(await register('1', room, 10_000), [buyerA]);
    for (const room of ['201', '202', '203', '204']) await setOwners(await register('2', room, 9_000, true), [developer]);
    const shared = await register('3', '301', 12_000);
    const coOwned = await setOwners(shared, [
      { ...coOwnerB, shareNumerator: 1, shareDenominator: 2 },
      { ...coOwnerC, shareNumerator: 1, shareDenominator: 2 },
    ]);
    expect(coOwned.errors).toBeUndefined();
    await setOwners(await register('3', '302', 8_000), [ownerD]);
  });

  afterAll(() => org?.stop());

  it('counts one buyer of three dwellings once, the developer’s unsold dwellings once, and co-owners as one', async () => {
    const result = await graphqlRequest<{ electorate: { totalArea: number; headcount: number; dwellingCount: number; dwellingsWithoutOwner: number; dwellings: { address: string; headcountKey: string; ownerIdentityKeys: string[] }[] } }>(org.url, ELECTORATE, { id: compoundId }, admin);
    expect(result.errors).toBeUndefined();
    const electorate = result.data!.electorate;
    expect(electorate).toMatchObject({ totalArea: 3 * 10_000 + 4 * 9_000 + 12_000 + 8_000, headcount: 4, dwellingCount: 9, dwellingsWithoutOwner: 0 });

    const keyOf = (address: string) => electorate.dwellings.find((d) => d.address === address)!.headcountKey;
    expect(new Set(['1-1-101', '1-1-102', '1-1-103'].map(keyOf)).size).toBe(1);
    expect(['2-1-201', '2-1-202', '2-1-203', '2-1-204'].map(keyOf)).toEqual(Array(4).fill(`developer:${compoundId}`));
    const coOwned = electorate.dwellings.find((d) => d.address === '3-1-301')!;
    expect(coOwned.ownerIdentityKeys).toHaveLength(2);
    expect(coOwned.headcountKey).toBe([...coOwned.ownerIdentityKeys].sort().join('+'));
    expect(keyOf('3-1-302')).not.toBe(keyOf('1-1-101'));
    expect(JSON.stringify(electorate)).not.toContain(buyerA.idNumber);
  });

  it('gives each dwelling its full address in GB/T 39609 order', async () => {
    const result = await graphqlRequest<{ dwellings: { nodes: { roomNumber: string; address: string }[] } }>(org.url, `query($id: ID!) { dwellings(compoundId: $id, first: 1) { nodes { roomNumber address } } }`, { id: compoundId }, admin);
    expect(result.data!.dwellings.nodes[0]).toEqual({ roomNumber: '101', address: '区域510112区域510112001区域510112001001美景华庭1栋1单元101室' });
  });

  it('publishes the headcount key with every ownership change', async () => {
    const rows = (await org.service.dataSource.query(
      `SELECT envelope->'data'->>'headcountKey' AS key FROM outbox WHERE type = 'org.ownership.changed.v1' AND envelope->>'subject' = $1`,
      [dwellings['2-201']],
    )) as { key: string }[];
    expect(rows.map((r) => r.key)).toEqual([`developer:${compoundId}`]);
  });

  it('refuses shares that do not add up to one, and changes nothing', async () => {
    const result = await setOwners(dwellings['3-302']!, [{ ...ownerD, shareNumerator: 1, shareDenominator: 3 }, { ...coOwnerB, shareNumerator: 1, shareDenominator: 2 }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHARES_DO_NOT_ADD_UP', field: 'input.owners' });
    const electorate = await graphqlRequest<{ electorate: { headcount: number } }>(org.url, ELECTORATE, { id: compoundId }, admin);
    expect(electorate.data!.electorate.headcount).toBe(4);
  });

  it('refuses an owner ID number with a wrong check digit, naming the field', async () => {
    const wrong = `${ownerD.idNumber.slice(0, 17)}${ownerD.idNumber.endsWith('0') ? '1' : '0'}`;
    const result = await setOwners(dwellings['3-302']!, [{ ...ownerD, idNumber: wrong }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ID_NUMBER_CHECK_DIGIT', field: 'input.owners.0.idNumber' });
  });

  describe('residents', () => {
    let residentId: string;
    const number = idNumber('110105', '19491231', '123');

    beforeAll(async () => {
      const staff = await tokenFor('community_staff', '/510112/510112001/510112001001/');
      const created = await graphqlRequest<{ registerResident: { id: string } }>(org.url, REGISTER_RESIDENT, {
        input: { communityCode: '510112001001', name: '陈阿姨', idNumber: number, phone: '13812345678', householdRegistration: 'NON_LOCAL', careTags: ['ELDERLY', 'LIVING_ALONE'], sensitiveTags: ['COMMUNITY_CORRECTION'] },
      }, staff);
      expect(created.errors).toBeUndefined();
      residentId = created.data!.registerResident.id;
    });

    it('lets only roles that handle sensitive data record sensitive tags', async () => {
      const result = await graphqlRequest(org.url, REGISTER_RESIDENT, {
        input: { communityCode: '510112001001', name: '某人', idNumber: idNumber('510112', '19700101', '777'), householdRegistration: 'LOCAL', sensitiveTags: ['HEALTH_RECORD'] },
      }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SENSITIVE_TAGS_NOT_ALLOWED' });
    });

    it('refuses an ID number with a wrong check digit', async () => {
      const wrong = `${number.slice(0, 17)}${number.endsWith('0') ? '1' : '0'}`;
      const result = await graphqlRequest(org.url, REGISTER_RESIDENT, { input: { communityCode: '510112001001', name: '某人', idNumber: wrong, householdRegistration: 'LOCAL' } }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ID_NUMBER_CHECK_DIGIT', field: 'input.idNumber' });
    });

    it('shows community staff a masked ID number and phone, and an allowed role the full ones', async () => {
      const staff = await tokenFor('community_staff', '/510112/510112001/510112001001/');
      const masked = await graphqlRequest<{ resident: { idNumber: string; phone: string } }>(org.url, RESIDENT, { id: residentId }, staff);
      expect(masked.data!.resident).toMatchObject({ idNumber: `110105********${number.slice(14)}`, phone: '138****5678' });
      const district = await tokenFor('district_admin', '/510112/');
      const full = await graphqlRequest<{ resident: { idNumber: string; phone: string } }>(org.url, RESIDENT_IN_FULL, { id: residentId }, district);
      expect(full.data!.resident).toMatchObject({ idNumber: number, phone: '13812345678' });
    });

    it('never lets a grid worker read correction tags', async () => {
      const gridWorker = await tokenFor('grid_worker', '/510112/510112001/510112001001/');
      const result = await graphqlRequest<{ resident: { name: string; sensitiveTags: string[] | null; careTags: string[] } }>(org.url, RESIDENT, { id: residentId }, gridWorker);
      expect(result.data!.resident.sensitiveTags).toBeNull();
      expect(result.data!.resident.careTags).toEqual(['ELDERLY', 'LIVING_ALONE']);
      expect(result.errors?.[0]).toMatchObject({ path: ['resident', 'sensitiveTags'], extensions: { code: 'FORBIDDEN' } });
      const staff = await tokenFor('community_staff', '/510112/510112001/510112001001/');
      const allowed = await graphqlRequest<{ resident: { sensitiveTags: string[] } }>(org.url, `query($id: ID!) { resident(id: $id) { sensitiveTags(purpose: "社区矫正走访") } }`, { id: residentId }, staff);
      expect(allowed.data!.resident.sensitiveTags).toEqual(['COMMUNITY_CORRECTION']);
    });

    it('stores ID and phone numbers only encrypted', async () => {
      const [row] = await org.service.dataSource.query(`SELECT row_to_json(r)::text AS json FROM resident r WHERE id = $1`, [residentId]);
      expect(row.json).not.toContain(number);
      expect(row.json).not.toContain('13812345678');
    });

    it('hides a resident of another community', async () => {
      const other = await tokenFor('community_staff', '/510112/510112001/510112001002/');
      const result = await graphqlRequest(org.url, RESIDENT, { id: residentId }, other);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const list = await graphqlRequest<{ residents: { nodes: unknown[] } }>(org.url, `{ residents { nodes { id } } }`, {}, other);
      expect(list.data!.residents.nodes).toEqual([]);
    });

    it('moves a resident into a dwelling and announces it', async () => {
      const moved = await graphqlRequest(org.url, `mutation($input: MoveInInput!) { moveIn(input: $input) { id relation movedIn } }`, {
        input: { residentId, dwellingId: dwellings['3-302'], relation: 'TENANT', date: '2026-03-01' },
      }, admin);
      expect(moved.errors).toBeUndefined();
      const events = await org.service.dataSource.query(`SELECT envelope->'data'->>'relation' AS relation FROM outbox WHERE type = 'org.resident.moved-in.v1'`);
      expect(events).toEqual([{ relation: 'TENANT' }]);
    });
  });
});
