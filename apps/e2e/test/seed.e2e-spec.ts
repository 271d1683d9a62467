import { graphqlRequest, tokenFor, type GraphQLResponse } from '@gongzhi/platform-testing';
// tools/seed is a command, not an Nx project: the rule has no project to check it against.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadDistrict, type LoadResult, type SeedTarget } from '../../../tools/seed/load';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { planCounts, planDistrict } from '../../../tools/seed/plan';
import { bootGraph, type Graph } from '../src/graph';

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a connection, page by page (100 a page). */
async function all<T>(url: string, token: string, field: string, selection: string, args = ''): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const query = `query($after: String) { ${field}(first: 100, after: $after${args ? `, ${args}` : ''}) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`;
    const answer: GraphQLResponse<Record<string, Page<T>>> = await graphqlRequest<Record<string, Page<T>>>(url, query, { after }, token);
    if (answer.errors) throw new Error(`${field}: ${answer.errors[0]!.message}`);
    const page: Page<T> = answer.data![field]!;
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

describe('the small seeded district (what npm start loads), loaded through the services and read through the gateway', () => {
  const plan = planDistrict('small');
  const counts = planCounts(plan);
  let graph: Graph;
  let url: string;
  let root: string;
  let target: SeedTarget;
  let loaded: LoadResult;

  beforeAll(async () => {
    graph = await bootGraph();
    url = graph.gateway.url;
    root = await tokenFor('platform_admin', '/');
    target = {
      services: {
        org: { url: graph.org.url, databaseUrl: graph.org.database.url },
        deliberation: { url: graph.deliberation.url, databaseUrl: graph.deliberation.database.url },
        property: { url: graph.property.url, databaseUrl: graph.property.database.url },
        fund: { url: graph.fund.url, databaseUrl: graph.fund.database.url },
      },
      token: (roles, scopes, sub) => tokenFor(roles, scopes, sub),
    };
    loaded = await loadDistrict(plan, target, { log: () => undefined });
  }, 600_000);

  afterAll(() => graph?.stop());

  it('holds the Longquanyi tree: 2 streets, 4 communities, 8 compounds', async () => {
    expect(loaded.alreadyLoaded).toBe(false);
    const compounds = await all<{ code: string; name: string; managementMode: string }>(url, root, 'compounds', 'code name managementMode');
    expect(compounds.map((c) => c.name).sort()).toEqual(plan.compounds.map((c) => c.name).sort());
    expect(compounds.find((c) => c.code === '510112001002001')).toEqual({ code: '510112001002001', name: '西河小区', managementMode: 'TRUST_BASED' });
    const communities = await all<{ code: string }>(url, root, 'areas', 'code', 'level: COMMUNITY');
    expect(communities.map((c) => c.code).sort()).toEqual(['510112001001', '510112001002', '510112002001', '510112002002']);
  });

  it('holds every dwelling with its owners, as the electorate of a compound shows', async () => {
    const [first] = await all<{ id: string }>(url, root, 'compounds', 'id', 'scope: "/510112/510112001/510112001001/"');
    const answer = await graphqlRequest<{ electorate: { dwellingCount: number; dwellingsWithoutOwner: number; headcount: number } }>(
      url,
      'query($id: ID!) { electorate(compoundId: $id) { dwellingCount dwellingsWithoutOwner headcount } }',
      { id: first!.id },
      root,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.electorate.dwellingCount).toBe(plan.district.dwellingsPerCompound);
    expect(answer.data!.electorate.dwellingsWithoutOwner).toBe(0);
    expect(answer.data!.electorate.headcount).toBeGreaterThan(0);
  });

  it('holds a year of matters, some of them overdue now, and the year’s votes: past ones closed, the open one tallying', async () => {
    const matters = await all<{ id: string; status: string }>(url, root, 'matters', 'id status');
    expect(matters).toHaveLength(counts.matters);
    expect(matters.some((m) => m.status === 'CLOSED')).toBe(true);
    const overdue = await all<{ id: string }>(url, root, 'overdueMatters', 'id');
    expect(overdue.length).toBeGreaterThan(0);
    const votes = await all<{ id: string; status: string; electorateSize: number; ballotsCast: number }>(url, root, 'votes', 'id status electorateSize ballotsCast');
    expect(votes.map((v) => v.status).sort()).toEqual(plan.votes.map((v) => (v.open ? 'OPEN' : 'CLOSED')).sort());
    expect(votes.every((v) => v.electorateSize === plan.district.dwellingsPerCompound && v.ballotsCast > 0)).toBe(true);
    expect(votes.reduce((sum, v) => sum + v.ballotsCast, 0)).toBe(loaded.counts.ballots);
  });

  it('holds the companies with a year of evidence, the funds and the drafted credit list', async () => {
    const companies = await all<{ creditCode: string }>(url, root, 'propertyCompanies', 'creditCode');
    expect(companies.map((c) => c.creditCode).sort()).toEqual(plan.companies.map((c) => c.creditCode).sort());
    const evidence = await all<{ id: string }>(url, root, 'propertyEvidence', 'id');
    expect(evidence.length).toBeGreaterThanOrEqual(counts.evidence);
    const funds = await all<{ kind: string }>(url, root, 'funds', 'kind');
    expect(funds.map((f) => f.kind).sort()).toEqual(plan.funds.map((f) => f.kind).sort());
    const lists = await all<{ periodLabel: string }>(url, root, 'creditLists', 'periodLabel', 'districtCode: "510112"');
    expect(lists.map((l) => l.periodLabel)).toContain('SEED-1Y');
  });

  it('changes nothing when loaded a second time', async () => {
    const again = await loadDistrict(plan, target, { log: () => undefined });
    expect(again.alreadyLoaded).toBe(true);
    expect(await all(url, root, 'compounds', 'id')).toHaveLength(counts.compounds);
  });
});
