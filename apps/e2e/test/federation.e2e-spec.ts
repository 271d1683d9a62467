import {
  CompoundDashboardDocument,
  CompoundsDocument,
  CreateCompoundDocument,
  FundsDocument,
  MattersDocument,
  OpenFundDocument,
  RaiseMatterDocument,
  RegisterPropertyCompanyDocument,
} from '@gongzhi/client';
import { eventually, graphqlRequest, tokenFor } from '@gongzhi/platform-testing';
import { bootGraph, type Graph } from '../src/graph';
import { createDistrict } from '../src/district';

const MEIJING = '/510112/510112001/510112001001/';
const XIHE = '/510112/510112001/510112001002/';

async function mirrored(service: Graph['deliberation'], count: number): Promise<boolean> {
  const [{ n }] = await service.service.dataSource.query('SELECT count(*)::int AS n FROM org_node');
  return n === count;
}

describe('the federated graph', () => {
  let graph: Graph;
  let url: string;
  let root: string;
  let compounds: Record<string, string>;

  beforeAll(async () => {
    graph = await bootGraph();
    url = graph.gateway.url;
    root = await tokenFor('platform_admin', '/');
    compounds = await createDistrict(url, root);
    await eventually(() => mirrored(graph.deliberation, 9), 15_000, 'deliberation to mirror the district');
    await eventually(() => mirrored(graph.fund, 9), 15_000, 'fund to mirror the district');
  });

  afterAll(() => graph?.stop());

  it('reads a compound with its matters and funds in one request across three subgraphs', async () => {
    const staff = await tokenFor('community_staff', MEIJING, 'staff-meijing');
    const compoundId = compounds['美景华庭']!;
    const raised = await graphqlRequest(url, RaiseMatterDocument, { input: { compoundId, title: '电瓶车进电梯', category: 'EBIKES_IN_LIFTS' } }, staff);
    expect(raised.errors).toBeUndefined();
    expect(raised.data?.raiseMatter).toMatchObject({ status: 'RAISED', compound: { id: compoundId, name: '美景华庭' } });
    const opened = await graphqlRequest(url, OpenFundDocument, { input: { name: '美景华庭信托账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId } }, staff);
    expect(opened.errors).toBeUndefined();
    const communityFund = await graphqlRequest(url, OpenFundDocument, { input: { name: '美景社区微基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: '510112001001' } }, staff);
    expect(communityFund.errors).toBeUndefined();

    const dashboard = await graphqlRequest(url, CompoundDashboardDocument, { id: compoundId }, staff);
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data?.compound).toMatchObject({
      name: '美景华庭',
      code: '510112001001001',
      community: { code: '510112001001', name: '美景社区' },
      matters: { nodes: [{ title: '电瓶车进电梯', category: 'EBIKES_IN_LIFTS', status: 'RAISED' }] },
      funds: { nodes: [{ name: '美景华庭信托账户', kind: 'TRUST_PROPERTY_ACCOUNT' }] },
    });
  });

  it('refuses a request without a token', async () => {
    const result = await graphqlRequest(url, CompoundDashboardDocument, { id: compounds['美景华庭']! });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data?.compound ?? null).toBeNull();
  });

  it('never shows a caller another community’s compound, matters or funds', async () => {
    const xihe = await tokenFor('community_staff', XIHE, 'staff-xihe');
    const dashboard = await graphqlRequest(url, CompoundDashboardDocument, { id: compounds['美景华庭']! }, xihe);
    expect(dashboard.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    expect(dashboard.data?.compound ?? null).toBeNull();

    const list = await graphqlRequest(url, CompoundsDocument, {}, xihe);
    expect(list.data?.compounds.nodes.map((c) => c.name)).toEqual(['西河小区']);
    const matters = await graphqlRequest(url, MattersDocument, {}, xihe);
    expect(matters.data?.matters.nodes).toEqual([]);
    const funds = await graphqlRequest(url, FundsDocument, {}, xihe);
    expect(funds.data?.funds.nodes).toEqual([]);
  });

  it('refuses to write into another community', async () => {
    const xihe = await tokenFor('community_staff', XIHE, 'staff-xihe');
    const raised = await graphqlRequest(url, RaiseMatterDocument, { input: { compoundId: compounds['美景华庭']!, title: '高空抛物', category: 'OBJECTS_FROM_HEIGHT' } }, xihe);
    expect(raised.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    const [{ n }] = await graph.deliberation.service.dataSource.query(`SELECT count(*)::int AS n FROM matter WHERE title = '高空抛物'`);
    expect(n).toBe(0);
  });

  it('shows a street admin the whole street and nothing of the other street', async () => {
    const street = await tokenFor('street_admin', '/510112/510112002/', 'street-damian');
    const list = await graphqlRequest(url, CompoundsDocument, {}, street);
    expect(list.data?.compounds.nodes.map((c) => c.name)).toEqual(['洪河花园']);
    const dashboard = await graphqlRequest(url, CompoundDashboardDocument, { id: compounds['美景华庭']! }, street);
    expect(dashboard.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('bad input', () => {
    it('names the field of an empty compound name', async () => {
      const result = await graphqlRequest(url, CreateCompoundDocument, { input: { communityCode: '510112001001', name: '' } }, root);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    });

    it('names the field of an unknown community code', async () => {
      const result = await graphqlRequest(url, CreateCompoundDocument, { input: { communityCode: '510112001099', name: '无名小区' } }, root);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_AREA_CODE', field: 'input.communityCode' });
    });

    it('names the argument of a malformed id', async () => {
      const dashboard = await graphqlRequest(url, CompoundDashboardDocument, { id: '12345' }, root);
      expect(dashboard.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_ID', field: 'id' });
      const raised = await graphqlRequest(url, RaiseMatterDocument, { input: { compoundId: 'x', title: 't', category: 'DOGS' } }, root);
      expect(raised.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.compoundId' });
    });

    it('names the rule a credit code breaks', async () => {
      const district = await tokenFor('district_admin', '/510112/');
      const wrong = await graphqlRequest(url, RegisterPropertyCompanyDocument, { input: { name: '蓝光物业', creditCode: '91350100M000100Y44', districtCode: '510112' } }, district);
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CREDIT_CODE_CHECK_CHARACTER', field: 'input.creditCode' });
      const right = await graphqlRequest(url, RegisterPropertyCompanyDocument, { input: { name: '蓝光物业', creditCode: '91350100M000100Y43', districtCode: '510112' } }, district);
      expect(right.errors).toBeUndefined();
      expect(right.data?.registerPropertyCompany.districtCode).toBe('510112');
    });

    it('refuses an unknown field with a validation error, not an internal one', async () => {
      const result = await graphqlRequest(url, '{ compounds { nodes { secret } } }', {}, root);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
