import { bootSubgraph, graphqlRequest, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadOrgConfig, orgModule } from '../src';

const CREATE_AREA = `mutation($input: CreateAreaInput!) { createArea(input: $input) { id code level scopePath } }`;
const CREATE_COMPOUND = `mutation($input: CreateCompoundInput!) { createCompound(input: $input) { id code name scopePath community { code } } }`;
const COMPOUNDS = `query($scope: String, $first: Int, $after: String) {
  compounds(scope: $scope, first: $first, after: $after) { nodes { name code } pageInfo { hasNextPage endCursor } }
}`;

describe('org service', () => {
  let org: BootedSubgraph;
  let root: string;

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadOrgConfig);
    root = await tokenFor('platform_admin', '/');
    for (const code of ['510112', '510112001', '510112001001', '510112001002', '510112002', '510112002001']) {
      const created = await graphqlRequest(org.url, CREATE_AREA, { input: { code, name: `Area ${code}` } }, root);
      expect(created.errors).toBeUndefined();
    }
    for (const [communityCode, name] of [
      ['510112001001', 'Meijing Huating'],
      ['510112001001', 'Longquan Garden'],
      ['510112001002', 'Xiyuan'],
      ['510112002001', 'Beiyuan'],
    ]) {
      const created = await graphqlRequest(org.url, CREATE_COMPOUND, { input: { communityCode, name } }, root);
      expect(created.errors).toBeUndefined();
    }
  });

  afterAll(() => org?.stop());

  it('assigns compound codes in sequence under the community and derives the scope path', async () => {
    const result = await graphqlRequest<{ compounds: { nodes: { name: string; code: string }[] } }>(org.url, COMPOUNDS, { scope: '/510112/510112001/510112001001/' }, root);
    expect(result.data?.compounds.nodes).toEqual([
      { name: 'Meijing Huating', code: '510112001001001' },
      { name: 'Longquan Garden', code: '510112001001002' },
    ]);
  });

  it('shows a street admin every compound of the street and a community staff member only their community', async () => {
    const street = await tokenFor('street_admin', '/510112/510112001/');
    const community = await tokenFor('community_staff', '/510112/510112001/510112001002/');
    const streetView = await graphqlRequest<{ compounds: { nodes: { name: string }[] } }>(org.url, COMPOUNDS, {}, street);
    const communityView = await graphqlRequest<{ compounds: { nodes: { name: string }[] } }>(org.url, COMPOUNDS, {}, community);
    expect(streetView.data?.compounds.nodes.map((c) => c.name)).toEqual(['Meijing Huating', 'Longquan Garden', 'Xiyuan']);
    expect(communityView.data?.compounds.nodes.map((c) => c.name)).toEqual(['Xiyuan']);
  });

  it('pages through compounds with cursors', async () => {
    const first = await graphqlRequest<{ compounds: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(org.url, COMPOUNDS, { first: 3 }, root);
    expect(first.data?.compounds.nodes).toHaveLength(3);
    expect(first.data?.compounds.pageInfo.hasNextPage).toBe(true);
    const second = await graphqlRequest<{ compounds: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean } } }>(org.url, COMPOUNDS, { first: 3, after: first.data?.compounds.pageInfo.endCursor }, root);
    expect(second.data?.compounds.nodes.map((c) => c.name)).toEqual(['Beiyuan']);
    expect(second.data?.compounds.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a compound under an unknown community code, naming the field', async () => {
    const result = await graphqlRequest(org.url, CREATE_COMPOUND, { input: { communityCode: '510112009009', name: 'Nowhere' } }, root);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_AREA_CODE', field: 'input.communityCode' });
  });

  it('refuses a blank name with the field and rule, and writes nothing', async () => {
    const result = await graphqlRequest(org.url, CREATE_COMPOUND, { input: { communityCode: '510112001002', name: '   ' } }, root);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(result.errors?.[0]?.message).toContain('must not be blank');
    const [{ count }] = await org.service.dataSource.query(`SELECT count(*)::int AS count FROM compound WHERE community_id = (SELECT id FROM area WHERE code = '510112001002')`);
    expect(count).toBe(1);
  });

  it('refuses a malformed id', async () => {
    const result = await graphqlRequest(org.url, `{ compound(id: "not-an-id") { name } }`, {}, root);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_ID', field: 'id' });
  });

  it('refuses a district created by anyone but a platform administrator', async () => {
    const district = await tokenFor('district_admin', '/510112/');
    const result = await graphqlRequest(org.url, CREATE_AREA, { input: { code: '510113', name: 'Qingbaijiang' } }, district);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a street outside the caller’s district', async () => {
    const other = await tokenFor('district_admin', '/510113/');
    const result = await graphqlRequest(org.url, CREATE_AREA, { input: { code: '510112003', name: 'Elsewhere' } }, other);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
  });

  it('refuses a request without a token, and one with a forged token', async () => {
    const anonymous = await graphqlRequest(org.url, COMPOUNDS, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await graphqlRequest(org.url, COMPOUNDS, {}, `${root.slice(0, -4)}AAAA`);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' });
  });

  it('writes each created compound to the outbox in the same transaction', async () => {
    const rows = await org.service.dataSource.query(`SELECT type FROM outbox WHERE type = 'org.compound.created.v1'`);
    expect(rows).toHaveLength(4);
  });

  it('answers health and readiness', async () => {
    const health = await fetch(`${org.service.origin}/healthz`);
    const ready = await fetch(`${org.service.origin}/readyz`);
    expect(health.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', nats: 'ok' } });
  });
});
