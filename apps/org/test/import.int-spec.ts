import { idNumberCheckCharacter } from '@gongzhi/standards';
import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadConfig } from '../src/config';
import { orgModule } from '../src/schema';

const START_IMPORT = `mutation($input: StartImportInput!) { startImport(input: $input) {
  id totalRows inserted updated unchanged rejected
  rejections(first: 100) { nodes { line field reason message } }
} }`;

interface Job {
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: { nodes: { line: number; field: string; reason: string; message: string }[] };
}

function idNumber(birth: string, sequence: string): string {
  const first17 = `510112${birth}${sequence}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

describe('bulk import', () => {
  let org: BootedSubgraph;
  let staff: string;
  let compoundCode: string;

  async function startImport(kind: string, format: string, content: string, token = staff): Promise<Job> {
    const result = await graphqlRequest<{ startImport: Job }>(org.url, START_IMPORT, { input: { kind, format, content } }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.startImport;
  }

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadConfig);
    const admin = await tokenFor('platform_admin', '/');
    for (const code of ['510112', '510112001', '510112001001', '510112001002']) {
      await graphqlRequest(org.url, `mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } }, admin);
    }
    const created = await graphqlRequest<{ createCompound: { code: string } }>(org.url, `mutation { createCompound(input: { communityCode: "510112001001", name: "美景华庭" }) { code } }`, {}, admin);
    compoundCode = created.data!.createCompound.code;
    await graphqlRequest(org.url, `mutation { createCompound(input: { communityCode: "510112001002", name: "西河小区" }) { code } }`, {}, admin);
    staff = await tokenFor('community_staff', '/510112/510112001/510112001001/');
  });

  afterAll(() => org?.stop());

  describe('dwellings', () => {
    const rows = [
      'compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold',
      ...Array.from({ length: 12 }, (_, i) => `${'{C}'},1,${1 + (i % 2)},${101 + i},89.50,REGISTER,${i < 4 ? '是' : '否'}`),
    ];
    const file = () =>
      [
        ...rows,
        `{C},2,1,201,eighty,REGISTER,false`, // line 14: not an area
        `510112001001999,2,1,202,90,REGISTER,false`, // line 15: unknown compound
        `{C},1,1,101,89.50,REGISTER,是`, // line 16: repeats line 2
        `510112001002001,1,1,101,70,REGISTER,false`, // line 17: a compound outside the caller's community
      ]
        .join('\n')
        .replaceAll('{C}', compoundCode);

    it('reports exactly the bad rows with line, field and reason, and loads the rest', async () => {
      const job = await startImport('DWELLINGS', 'CSV', file());
      expect(job).toMatchObject({ totalRows: 16, inserted: 12, updated: 0, unchanged: 0, rejected: 4 });
      expect(job.rejections.nodes.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
        { line: 14, field: 'exclusive_area_m2', reason: 'MALFORMED_AREA' },
        { line: 15, field: 'compound_code', reason: 'UNKNOWN_COMPOUND' },
        { line: 16, field: 'room', reason: 'DUPLICATE_IN_FILE' },
        { line: 17, field: 'compound_code', reason: 'OUT_OF_SCOPE' },
      ]);
      expect(job.rejections.nodes[2]!.message).toContain('line 2');
      const [{ n, area }] = await org.service.dataSource.query(`SELECT count(*)::int AS n, sum(exclusive_area)::int AS area FROM dwelling`);
      expect({ n, area }).toEqual({ n: 12, area: 12 * 8950 });
      const [{ events }] = await org.service.dataSource.query(`SELECT count(*)::int AS events FROM outbox WHERE type = 'org.dwelling.registered.v1'`);
      expect(events).toBe(12);
    });

    it('changes nothing when the same file is imported again', async () => {
      const job = await startImport('DWELLINGS', 'CSV', file());
      expect(job).toMatchObject({ totalRows: 16, inserted: 0, updated: 0, unchanged: 12, rejected: 4 });
      const [{ events }] = await org.service.dataSource.query(`SELECT count(*)::int AS events FROM outbox WHERE type LIKE 'org.dwelling.%'`);
      expect(events).toBe(12);
    });

    it('updates only the rows that changed', async () => {
      const changed = file().replace(`${compoundCode},1,1,101,89.50`, `${compoundCode},1,1,101,91.25`);
      const job = await startImport('DWELLINGS', 'CSV', changed);
      expect(job).toMatchObject({ inserted: 0, updated: 1, unchanged: 11 });
      const [{ area }] = await org.service.dataSource.query(`SELECT exclusive_area AS area FROM dwelling WHERE room_number = '101'`);
      expect(area).toBe(9125);
    });
  });

  describe('owners and residents', () => {
    it('loads owners with shares and refuses shares that do not add up', async () => {
      const a = idNumber('19800101', '123');
      const b = idNumber('19810202', '234');
      const csv = [
        'compound_code,building,unit,room,owner_kind,owner_name,id_number,credit_code,is_developer,share',
        `${compoundCode},1,1,101,ORGANIZATION,龙泉置业,,91350100M000100Y43,true,`,
        `${compoundCode},1,2,102,PERSON,张三,${a},,,`,
        `${compoundCode},1,1,103,PERSON,张三,${a},,,`,
        `${compoundCode},1,2,104,PERSON,李四,${b},,,1/2`,
        `${compoundCode},1,2,104,PERSON,张三,${a},,,1/3`,
      ].join('\n');
      const job = await startImport('OWNERS', 'CSV', csv);
      expect(job).toMatchObject({ totalRows: 5, inserted: 3, rejected: 2 });
      expect(job.rejections.nodes.map((r) => [r.line, r.reason])).toEqual([
        [5, 'SHARES_DO_NOT_ADD_UP'],
        [6, 'SHARES_DO_NOT_ADD_UP'],
      ]);
      const again = await startImport('OWNERS', 'CSV', csv);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('loads residents from NDJSON with where they live, never storing ID numbers in the clear', async () => {
      const number = idNumber('19500505', '345');
      const ndjson = [
        JSON.stringify({ community_code: '510112001001', name: '陈阿姨', id_number: number, phone: '13812345678', household: 'LOCAL', care_tags: 'ELDERLY;LIVING_ALONE', compound_code: compoundCode, building: '1', unit: '1', room: '101', relation: 'OWNER', moved_in: '2010-05-01' }),
        JSON.stringify({ community_code: '510112001001', name: '坏号码', id_number: `${number.slice(0, 17)}${number.endsWith('0') ? '1' : '0'}`, household: 'LOCAL' }),
        '{not json',
      ].join('\n');
      const job = await startImport('RESIDENTS', 'NDJSON', ndjson);
      expect(job).toMatchObject({ totalRows: 3, inserted: 1, rejected: 2 });
      expect(job.rejections.nodes.map((r) => [r.line, r.field, r.reason])).toEqual([
        [2, 'id_number', 'ID_NUMBER_CHECK_DIGIT'],
        [3, '(row)', 'MALFORMED_ROW'],
      ]);
      const [row] = await org.service.dataSource.query(`SELECT row_to_json(r)::text AS json FROM resident r`);
      expect(row.json).not.toContain(number);
      const [{ moved }] = await org.service.dataSource.query(`SELECT count(*)::int AS moved FROM outbox WHERE type = 'org.resident.moved-in.v1'`);
      expect(moved).toBe(1);
      expect(await startImport('RESIDENTS', 'NDJSON', ndjson)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, rejected: 2 });
    });

    it('counts a resident who changed or moved in once as updated, and a new one who moved in once as inserted', async () => {
      const [a, b, c, d] = ['19600101', '19610202', '19620303', '19630404'].map((born) => idNumber(born, '456'));
      const header = 'community_code,name,id_number,phone,household,care_tags,compound_code,building,unit,room,relation,moved_in';
      const first = [
        header,
        `510112001001,王一,${a},13900000001,LOCAL,,${compoundCode},1,1,103,OWNER,2015-01-01`,
        `510112001001,王二,${b},13900000002,LOCAL,,,,,,,`,
        `510112001001,王三,${c},,NON_LOCAL,,${compoundCode},1,2,104,TENANT,2016-01-01`,
      ].join('\n');
      expect(await startImport('RESIDENTS', 'CSV', first)).toMatchObject({ totalRows: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
      const second = [
        header,
        `510112001001,王一,${a},13900000001,LOCAL,,${compoundCode},1,1,103,OWNER,2015-01-01`,
        `510112001001,王二,${b},13900000022,LOCAL,,,,,,,`,
        `510112001001,王三,${c},,NON_LOCAL,,${compoundCode},1,2,102,TENANT,2017-01-01`,
        `510112001001,王四,${d},,LOCAL,,${compoundCode},1,1,101,FAMILY,2018-01-01`,
      ].join('\n');
      expect(await startImport('RESIDENTS', 'CSV', second)).toMatchObject({ totalRows: 4, inserted: 1, updated: 2, unchanged: 1, rejected: 0 });
    });
  });

  it('refuses an import by a role that does not keep the registry', async () => {
    const gridWorker = await tokenFor('grid_worker', '/510112/510112001/510112001001/');
    const result = await graphqlRequest(org.url, START_IMPORT, { input: { kind: 'DWELLINGS', format: 'CSV', content: 'compound_code\n' } }, gridWorker);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
