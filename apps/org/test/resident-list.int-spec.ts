import { idNumberCheckCharacter } from '@gongzhi/standards';
import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph, type GraphQLResponse } from '@gongzhi/platform-testing';
import { loadConfig } from '../src/config';
import { orgModule } from '../src/schema';

interface Row {
  id: string;
  name: string;
  careTags: string[];
}

interface Page {
  nodes: Row[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const STREETS = ['510112001', '510112002'];
const COMMUNITIES = STREETS.flatMap((s) => [`${s}001`, `${s}002`]);

/**
 * The residents' list below the district level is read path by path (ResidentService.list): these specs hold it to
 * exactly what a walk of the whole table in id order returns, page after page, for every kind of scope.
 */
describe('listing residents of a street or a community', () => {
  let org: BootedSubgraph;
  let admin: string;
  let everyone: (Row & { scopePath: string })[];

  async function page(token: string, args: string): Promise<Page> {
    const answer = await graphqlRequest<{ residents: Page }>(
      org.url,
      `query($after: String) { residents(first: 4, after: $after${args}) { nodes { id name careTags } pageInfo { hasNextPage endCursor } } }`,
      {},
      token,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.residents;
  }

  /** Every page, following the cursors. */
  async function all(token: string, args = ''): Promise<Row[]> {
    const rows: Row[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const answer: GraphQLResponse<{ residents: Page }> = await graphqlRequest<{ residents: Page }>(
        org.url,
        `query($after: String) { residents(first: 4, after: $after${args}) { nodes { id name careTags } pageInfo { hasNextPage endCursor } } }`,
        { after },
        token,
      );
      expect(answer.errors).toBeUndefined();
      rows.push(...answer.data!.residents.nodes);
      if (!answer.data!.residents.pageInfo.hasNextPage) return rows;
      after = answer.data!.residents.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  }

  const expected = (prefixes: string[], careTag?: string) =>
    everyone
      .filter((r) => prefixes.some((p) => r.scopePath.startsWith(p)) && (!careTag || r.careTags.includes(careTag)))
      .map(({ id, name, careTags }) => ({ id, name, careTags }));

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadConfig);
    admin = await tokenFor('platform_admin', '/');
    const create = async (query: string, variables: Record<string, unknown>) => {
      const answer = await graphqlRequest(org.url, query, variables, admin);
      expect(answer.errors).toBeUndefined();
    };
    for (const code of ['510112', ...STREETS, ...COMMUNITIES]) await create(`mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } });
    for (const community of COMMUNITIES) {
      for (const n of [1, 2]) await create(`mutation($input: CreateCompoundInput!) { createCompound(input: $input) { id } }`, { input: { communityCode: community, name: `小区${community}${n}` } });
    }
    const importFile = async (kind: string, lines: string[]) => {
      const answer = await graphqlRequest<{ startImport: { rejected: number; rejections: { nodes: unknown[] } } }>(
        org.url,
        `mutation($input: StartImportInput!) { startImport(input: $input) { rejected rejections(first: 3) { nodes { line field message } } } }`,
        { input: { kind, format: 'CSV', content: `${lines.join('\n')}\n` } },
        admin,
      );
      expect(answer.data?.startImport).toMatchObject({ rejected: 0, rejections: { nodes: [] } });
    };
    const compounds = COMMUNITIES.flatMap((c) => [`${c}001`, `${c}002`]);
    await importFile('DWELLINGS', ['compound_code,building,unit,room,exclusive_area_m2', ...compounds.flatMap((c) => [1, 2].map((room) => `${c},1,1,${100 + room},90`))]);
    // Street by street, as a registry is imported: 3 residents in every dwelling, and 2 in each community outside any compound.
    let serial = 0;
    const resident = (community: string, address: string) => {
      const first17 = `51011219900101${String(++serial).padStart(3, '0')}`;
      return `${community},居民${serial},${first17}${idNumberCheckCharacter(first17)},LOCAL,${serial % 3 === 0 ? 'ELDERLY' : ''},${address}`;
    };
    await importFile('RESIDENTS', [
      'community_code,name,id_number,household,care_tags,compound_code,building,unit,room,relation,moved_in',
      ...COMMUNITIES.flatMap((community) => [
        ...[`${community}001`, `${community}002`].flatMap((compound) =>
          [101, 102].flatMap((room) => [0, 1, 2].map((k) => resident(community, `${compound},1,1,${room},${k === 0 ? 'OWNER' : 'FAMILY'},2020-01-01`))),
        ),
        resident(community, ',,,,,'),
        resident(community, ',,,,,'),
      ]),
    ]);
    everyone = (await org.service.dataSource.query(`SELECT id, name, care_tags AS "careTags", scope_path AS "scopePath" FROM resident ORDER BY id`)) as (Row & { scopePath: string })[];
    expect(everyone).toHaveLength(COMMUNITIES.length * 14);
  });

  afterAll(() => org?.stop());

  it('gives a street administrator every resident of the street once, in id order, page by page', async () => {
    const street = await tokenFor('street_admin', '/510112/510112002/');
    expect(await all(street)).toEqual(expected(['/510112/510112002/']));
  });

  it('gives the same when a district-wide caller narrows to a street or a community', async () => {
    expect(await all(admin, ', scope: "/510112/510112001/"')).toEqual(expected(['/510112/510112001/']));
    expect(await all(admin, ', scope: "/510112/510112002/510112002001/"')).toEqual(expected(['/510112/510112002/510112002001/']));
  });

  it('gives staff of two communities both, and a compound’s scope only its own residents', async () => {
    const staff = await tokenFor('community_staff', ['/510112/510112001/510112001002/', '/510112/510112002/510112002001/']);
    expect(await all(staff)).toEqual(expected(['/510112/510112001/510112001002/', '/510112/510112002/510112002001/']));
    expect(await all(admin, ', scope: "/510112/510112001/510112001001/510112001001002/"')).toEqual(expected(['/510112/510112001/510112001001/510112001001002/']));
  });

  it('filters by care tag on every page', async () => {
    const street = await tokenFor('street_admin', '/510112/510112001/');
    const elderly = await all(street, ', careTag: ELDERLY');
    expect(elderly).toEqual(expected(['/510112/510112001/'], 'ELDERLY'));
    expect(elderly.length).toBeGreaterThan(4);
  });

  it('says when there is no next page and returns nothing outside the scopes', async () => {
    const small = await page(admin, ', scope: "/510112/510112001/510112001001/510112001001001/"');
    expect(small.nodes).toHaveLength(4);
    expect(small.pageInfo.hasNextPage).toBe(true);
    const none = await tokenFor('community_staff', '/510112/510112009/510112009001/');
    expect(await all(none)).toEqual([]);
  });
});
