import { createHash } from 'node:crypto';
import { print } from 'graphql';
import { CompoundDashboardDocument, CompoundsDocument } from '@gongzhi/client';
import type { RunningGateway } from '@gongzhi/app-gateway';
import { eventually, graphqlRequest, tokenFor } from '@gongzhi/platform-testing';
import { createDistrict } from '../src/district';
import { bootGraph, startGatewayFor, type Graph } from '../src/graph';

const MEIJING = '/510112/510112001/510112001001/';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const post = (url: string, body: unknown, token?: string): Promise<Answer> =>
  send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A refusal a client can act on: no data, only closed-set BAD_USER_INPUT errors, one of them naming why. */
function expectRefused(answer: Answer, reason: string | RegExp, status = 400): void {
  expect(answer.status).toBe(status);
  expect(answer.body.data ?? null).toBeNull();
  expect(new Set(answer.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  expect(answer.body.errors?.map((e) => e.extensions?.reason)).toContainEqual(expect.stringMatching(reason));
}

/** An unsigned JWT: the gateway keys rate limits by its subject without verifying it. */
const forgedToken = (sub: string) => `e30.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}.c2ln`;

describe('the attack corpus, through the gateway', () => {
  let graph: Graph;
  let url: string;
  let staff: string;
  let compoundId: string;

  const dashboardWorks = async (gatewayUrl: string) => {
    const dashboard = await graphqlRequest(gatewayUrl, CompoundDashboardDocument, { id: compoundId }, staff);
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data?.compound).toMatchObject({ name: '美景华庭', community: { name: '美景社区' } });
  };

  beforeAll(async () => {
    graph = await bootGraph();
    url = graph.gateway.url;
    const compounds = await createDistrict(url, await tokenFor('platform_admin', '/'));
    compoundId = compounds['美景华庭']!;
    staff = await tokenFor('community_staff', MEIJING, 'staff-meijing');
    await eventually(async () => (await graphqlRequest(url, CompoundDashboardDocument, { id: compoundId }, staff)).errors === undefined, 15_000, 'the district to reach every subgraph');
  });

  afterAll(() => graph?.stop());

  it('still answers a normal dashboard query', async () => {
    await dashboardWorks(url);
  });

  it('refuses a depth bomb', async () => {
    let selection = 'id';
    for (let level = 0; level < 20; level++) selection = `matters { nodes { compound { ${selection} } } }`;
    const answer = await post(url, { query: `query Bomb($id: ID!) { compound(id: $id) { ${selection} } }`, variables: { id: compoundId } }, staff);
    expectRefused(answer, 'QUERY_TOO_DEEP');
    expect(answer.body.errors?.map((e) => e.message)).toContainEqual(expect.stringMatching(/depth limit of 10 exceeded/));
  });

  it('refuses an alias flood', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: compounds { nodes { id } }`).join(' ');
    expectRefused(await post(url, { query: `{ ${aliases} }` }, staff), 'TOO_MANY_ALIASES');
  });

  it('refuses a fragment cycle', async () => {
    const query = 'query Cycle { compounds { nodes { ...Loop } } } fragment Loop on Compound { matters { nodes { compound { ...Loop } } } }';
    const answer = await post(url, { query }, staff);
    expectRefused(answer, /./);
    expect(answer.body.errors?.map((e) => e.message).join('\n')).toMatch(/Cannot spread fragment "Loop" within itself/);
  });

  it('refuses a costly fan-out, a directive flood and a token flood', async () => {
    const fanOut = '{ compounds(first: 100) { nodes { id matters(first: 100) { nodes { id title } } } } }';
    expectRefused(await post(url, { query: fanOut }, staff), 'QUERY_TOO_COSTLY');
    const directives = Array.from({ length: 50 }, () => '@include(if: true)').join(' ');
    expectRefused(await post(url, { query: `{ __typename ${directives} }` }, staff), 'TOO_MANY_DIRECTIVES');
    const tokens = Array.from({ length: 3_000 }, () => '__typename').join(' ');
    expectRefused(await post(url, { query: `{ ${tokens} }` }, staff), 'TOO_MANY_TOKENS');
  });

  it('refuses a batched brute force (an array body): HTTP batching is off', async () => {
    const guesses = Array.from({ length: 100 }, (_, i) => ({ query: print(CompoundDashboardDocument), variables: { id: `guess-${i}` } }));
    const answer = await post(url, guesses, staff);
    expectRefused(answer, 'BAD_REQUEST');
    expect(answer.body.errors?.[0]?.message).toMatch(/batching/i);
  });

  it('refuses an oversized document with 413', async () => {
    const answer = await post(url, { query: `{ __typename }${' '.repeat(1_100_000)}` }, staff);
    expectRefused(answer, 'REQUEST_TOO_LARGE', 413);
  });

  it('hides field suggestions', async () => {
    const answer = await post(url, { query: '{ compoundz { nodes { id } } }' }, staff);
    expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors?.[0]?.message).toContain('Cannot query field "compoundz"');
    expect(answer.body.errors?.[0]?.message).not.toMatch(/Did you mean|"compounds"/);
  });

  it('prevents cross-site requests: a simple GET, a text/plain POST and a GET mutation are refused', async () => {
    const simpleGet = await send(`${url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expectRefused(simpleGet, 'BAD_REQUEST');
    expect(simpleGet.body.errors?.[0]?.message).toMatch(/CSRF/);

    const textPlain = await send(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expectRefused(textPlain, 'BAD_REQUEST');
    expect(textPlain.body.errors?.[0]?.message).toMatch(/CSRF/);

    const mutation = 'mutation { createArea(input: { code: "510112003", name: "十陵街道" }) { id } }';
    const getMutation = await send(`${url}?query=${encodeURIComponent(mutation)}`, { method: 'GET', headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${staff}` } });
    expectRefused(getMutation, 'BAD_REQUEST', 405);
    const areas = await graph.org.service.dataSource.query(`SELECT count(*)::int AS n FROM area WHERE code = '510112003'`);
    expect(areas).toEqual([{ n: 0 }]);
  });

  describe('in production mode', () => {
    let production: RunningGateway;

    beforeAll(async () => {
      production = await startGatewayFor(graph, { NODE_ENV: 'production' });
    });

    afterAll(() => production?.stop());

    it('refuses introspection and still answers the dashboard', async () => {
      const answer = await post(production.url, { query: '{ __schema { types { name } } }' }, staff);
      expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED');
      expect(answer.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
      expect((await post(url, { query: '{ __schema { queryType { name } } }' }, staff)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      await dashboardWorks(production.url);
    });
  });

  describe('with rate limits', () => {
    let limited: RunningGateway;
    const ping = (token?: string) => post(limited.url, { query: '{ __typename }' }, token);

    beforeAll(async () => {
      limited = await startGatewayFor(graph, { RATE_LIMIT_PER_IDENTITY: '3', RATE_LIMIT_PER_IP: '8', RATE_LIMIT_WINDOW_SECONDS: '60' });
    });

    afterAll(() => limited?.stop());

    it('answers a burst past the per-identity and then the per-address limit with 429 and Retry-After', async () => {
      for (let i = 0; i < 3; i++) expect((await ping(staff)).body).toEqual({ data: { __typename: 'Query' } });
      const overIdentity = await ping(staff);
      expectRefused(overIdentity, 'RATE_LIMITED', 429);
      expect(Number(overIdentity.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(overIdentity.headers.get('retry-after')).toMatch(/^\d+$/);

      // Other callers from the same address get through until the address's window (8, the refusal included) fills.
      for (const subject of ['someone-else', 'another', 'a-third', 'a-fourth']) {
        expect((await ping(forgedToken(subject))).body).toEqual({ data: { __typename: 'Query' } });
      }
      // Inventing new subjects does not escape the address limit.
      expectRefused(await ping(forgedToken('brand-new')), 'RATE_LIMITED', 429);
      expectRefused(await ping(), 'RATE_LIMITED', 429);
      expect((await fetch(new URL('/healthz', limited.url))).status).toBe(200);
    });
  });

  describe('in allow-list mode', () => {
    let allowList: RunningGateway;

    beforeAll(async () => {
      allowList = await startGatewayFor(graph, { NODE_ENV: 'production', PERSISTED_DOCUMENTS_ONLY: 'true' });
    });

    afterAll(() => allowList?.stop());

    it('runs the operations libs/client ships, sent in full or by hash', async () => {
      await dashboardWorks(allowList.url);
      const sha256Hash = createHash('sha256').update(print(CompoundsDocument)).digest('hex');
      const byHash = await post(allowList.url, { extensions: { persistedQuery: { version: 1, sha256Hash } } }, staff);
      expect(byHash.status).toBe(200);
      expect(byHash.body.errors).toBeUndefined();
      expect(byHash.body.data).toMatchObject({ compounds: { nodes: [{ name: '美景华庭' }] } });
    });

    it('refuses any other document or hash', async () => {
      const adHoc = await post(allowList.url, { query: '{ compounds { nodes { id name } } }' }, staff);
      expectRefused(adHoc, 'OPERATION_NOT_ALLOWED');
      expect(adHoc.body.errors?.[0]?.message).toMatch(/Only persisted operations are accepted/);
      const unknownHash = await post(allowList.url, { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }, staff);
      expectRefused(unknownHash, 'OPERATION_NOT_ALLOWED');
    });
  });
});
