import { fundModule, loadFundConfig } from '@gongzhi/app-fund';
import { bootSubgraph, eventually, graphqlRequest, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { createDistrict } from '../src/district';
import { bootGraph, type Graph } from '../src/graph';

const STREET_1 = '/510112/510112001/';
const REGISTER = `mutation($input: RegisterMachineClientInput!) { registerMachineClient(input: $input) { clientId clientSecret key { id } } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeMachineClientKey(id: $id) { id revokedAt } }`;
const COMPOUNDS = `{ compounds(first: 50) { nodes { name } } }`;
const MATTERS = `{ matters(first: 50) { nodes { title channel } } }`;
const FUNDS = `{ funds(first: 5) { nodes { id } } }`;
const RAISE = `mutation($input: RaiseMatterInput!) { raiseMatter(input: $input) { id title channel compound { name } } }`;

interface TokenAnswer {
  status: number;
  body: { access_token?: string; token_type?: string; expires_in?: number; scope?: string; error?: string; error_description?: string };
}

/**
 * A city platform (the 12345 hotline's system) as integrators run it: register through the gateway, get a token
 * with its client credentials from the gateway's `/oauth/token`, call the graph, and lose access everywhere
 * once a district administrator revokes its key.
 */
describe('a city platform through the gateway: client credentials, scoped calls, revocation', () => {
  let graph: Graph;
  let compounds: Record<string, string>;
  let district: string;
  let credentials: { clientId: string; clientSecret: string; keyId: string };
  let lateFund: BootedSubgraph | undefined;
  /** A token issued before its key was revoked, still far from expiry. */
  let revokedToken: string;

  async function requestToken(clientId: string, clientSecret: string): Promise<TokenAnswer> {
    const response = await fetch(`${graph.gateway.origin}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    return { status: response.status, body: (await response.json()) as TokenAnswer['body'] };
  }

  const raiseHotlineMatter = (token: string, compound: string, ticket: string) =>
    graphqlRequest<{ raiseMatter: { title: string; channel: string; compound: { name: string } } }>(
      graph.gateway.url,
      RAISE,
      { input: { compoundId: compounds[compound], title: `12345工单${ticket}：电瓶车进电梯`, category: 'EBIKES_IN_LIFTS', channel: 'CITY_HOTLINE', hotlineTicket: ticket } },
      token,
    );

  beforeAll(async () => {
    graph = await bootGraph();
    const root = await tokenFor('platform_admin', '/', 'setup');
    compounds = await createDistrict(graph.gateway.url, root);
    await eventually(async () => {
      const [{ n }] = (await graph.deliberation.service.dataSource.query('SELECT count(*)::int AS n FROM org_node')) as { n: number }[];
      return n === 9;
    }, 20_000, 'deliberation to mirror the district');
    district = await tokenFor('district_admin', '/510112/', 'district-zhao');
    const registered = await graphqlRequest<{ registerMachineClient: { clientId: string; clientSecret: string; key: { id: string } } }>(
      graph.gateway.url,
      REGISTER,
      { input: { name: '成都市12345热线平台', scopePath: STREET_1, roles: ['city_platform'], grantedScopes: [STREET_1] } },
      district,
    );
    expect(registered.errors).toBeUndefined();
    const answer = registered.data!.registerMachineClient;
    credentials = { clientId: answer.clientId, clientSecret: answer.clientSecret, keyId: answer.key.id };
  }, 120_000);

  afterAll(async () => {
    await lateFund?.stop();
    await graph?.stop();
  });

  it('gets a token with its credentials and raises a hotline matter inside its scope, nowhere else', async () => {
    const issued = await requestToken(credentials.clientId, credentials.clientSecret);
    expect(issued).toEqual({ status: 200, body: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 600, scope: STREET_1 } });
    const token = issued.body.access_token!;

    const raised = await raiseHotlineMatter(token, '美景华庭', 'A0001');
    expect(raised.errors).toBeUndefined();
    expect(raised.data!.raiseMatter).toMatchObject({ title: '12345工单A0001：电瓶车进电梯', channel: 'CITY_HOTLINE', compound: { name: '美景华庭' } });

    const listed = await graphqlRequest<{ compounds: { nodes: { name: string }[] } }>(graph.gateway.url, COMPOUNDS, {}, token);
    expect(listed.data!.compounds.nodes.map((compound) => compound.name).sort()).toEqual(['美景华庭', '西河小区'].sort());

    const elsewhere = await raiseHotlineMatter(token, '洪河花园', 'A0002');
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
  });

  it('is refused by every service, and gets no new token, once a district administrator revokes its key', async () => {
    const token = (await requestToken(credentials.clientId, credentials.clientSecret)).body.access_token!;
    revokedToken = token;
    expect((await graphqlRequest(graph.gateway.url, MATTERS, {}, token)).errors).toBeUndefined();
    expect((await graphqlRequest(graph.gateway.url, FUNDS, {}, token)).errors).toBeUndefined();

    const revoked = await graphqlRequest(graph.gateway.url, REVOKE_KEY, { id: credentials.keyId }, district);
    expect(revoked.errors).toBeUndefined();

    // org owns the registry: the very next call is refused.
    const orgCall = await graphqlRequest(graph.gateway.url, COMPOUNDS, {}, token);
    expect(orgCall.data).toBeNull();
    expect(orgCall.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });

    // The other services learn it from org's event: refused as soon as it arrives.
    for (const [service, query] of [
      ['deliberation', MATTERS],
      ['fund', FUNDS],
    ] as const) {
      const refused = await eventually(
        async () => {
          const answer = await graphqlRequest(graph.gateway.url, query, {}, token);
          return answer.errors?.[0]?.extensions?.reason === 'TOKEN_REVOKED' && answer;
        },
        10_000,
        `${service} to refuse the revoked token`,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    }

    const again = await requestToken(credentials.clientId, credentials.clientSecret);
    expect(again).toEqual({ status: 401, body: { error: 'invalid_client', error_description: expect.stringContaining('revoked') } });
  });

  it('is refused at once by a service started after the revocation, which reads past revocations before it answers', async () => {
    lateFund = await bootSubgraph(fundModule, loadFundConfig, { prefix: graph.org.prefix });
    const answer = await graphqlRequest(lateFund.url, FUNDS, {}, revokedToken);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    expect((await graphqlRequest(lateFund.url, FUNDS, {}, await tokenFor('city_platform', STREET_1, 'hotline-from-the-identity-provider'))).errors).toBeUndefined();
  });
});
