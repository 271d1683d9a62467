import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { bootSubgraph, graphqlRequest, TEST_AUDIENCE, TEST_ISSUER, testKeys, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadOrgConfig, orgModule } from '../src';

const DISTRICT = '/510112/';
const STREET = '/510112/510112001/';
const OTHER_STREET = '/510112/510112002/';

const REGISTER = `mutation($input: RegisterMachineClientInput!) {
  registerMachineClient(input: $input) { clientId clientSecret client { id name scopePath roles grantedScopes createdBy revokedAt } key { id clientId createdBy revokedAt lastUsedAt } }
}`;
const ISSUE = `mutation($clientId: ID!) { issueMachineClientKey(clientId: $clientId) { clientId clientSecret key { id } } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeMachineClientKey(id: $id) { id revokedAt revokedBy } }`;
const REVOKE_CLIENT = `mutation($id: ID!) { revokeMachineClient(id: $id) { id revokedAt revokedBy } }`;
const CLIENT = `query($id: ID!) {
  machineClient(id: $id) {
    id name revokedAt
    keys { nodes { id revokedAt revokedBy lastUsedAt } }
    auditTrail { nodes { action keyId actorSub actorRoles requestId changedAt } }
  }
}`;
const CLIENTS = `query($includeRevoked: Boolean) { machineClients(includeRevoked: $includeRevoked) { nodes { id name scopePath } } }`;
const AREAS = `{ areas(first: 50) { nodes { code } } }`;

interface Credentials {
  clientId: string;
  clientSecret: string;
  keyId: string;
}

interface TokenAnswer {
  status: number;
  headers: Headers;
  body: { access_token?: string; token_type?: string; expires_in?: number; scope?: string; error?: string; error_description?: string };
}

describe('machine clients: the registry and the token endpoint', () => {
  let org: BootedSubgraph;
  let district: string;
  let tokenUrl: string;
  let platform: Credentials;

  async function register(input: Record<string, unknown>, token = district) {
    return graphqlRequest<{ registerMachineClient: { clientId: string; clientSecret: string; client: Record<string, unknown>; key: { id: string } } }>(
      org.url,
      REGISTER,
      { input: { name: '成都市12345热线平台', scopePath: DISTRICT, roles: ['city_platform'], grantedScopes: [DISTRICT], ...input } },
      token,
    );
  }

  async function registered(input: Record<string, unknown>): Promise<Credentials> {
    const result = await register(input);
    expect(result.errors).toBeUndefined();
    const answer = result.data!.registerMachineClient;
    return { clientId: answer.clientId, clientSecret: answer.clientSecret, keyId: answer.key.id };
  }

  async function requestToken(form: Record<string, string> | string, headers: Record<string, string> = {}): Promise<TokenAnswer> {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: typeof form === 'string' ? form : new URLSearchParams(form).toString(),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as TokenAnswer['body'] };
  }

  const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}` });
  const withBasic = (credentials: Credentials, form: Record<string, string> = {}) => requestToken({ grant_type: 'client_credentials', ...form }, basic(credentials.clientId, credentials.clientSecret));

  async function tokenOf(credentials: Credentials, form: Record<string, string> = {}): Promise<string> {
    const answer = await withBasic(credentials, form);
    expect(answer.body.error_description).toBeUndefined();
    return answer.body.access_token!;
  }

  async function rowCounts(): Promise<number[]> {
    const [row] = (await org.service.dataSource.query(
      `SELECT (SELECT count(*) FROM machine_client)::int AS c, (SELECT count(*) FROM machine_client_key)::int AS k,
              (SELECT count(*) FROM machine_client_audit)::int AS a, (SELECT count(*) FROM outbox WHERE type LIKE 'org.machine-client.%')::int AS o`,
    )) as { c: number; k: number; a: number; o: number }[];
    return [row!.c, row!.k, row!.a, row!.o];
  }

  beforeAll(async () => {
    org = await bootSubgraph(orgModule, loadOrgConfig, { env: { MACHINE_TOKEN_FAILURE_LIMIT: '3', MACHINE_TOKEN_FAILURE_WINDOW_SECONDS: '600' } });
    tokenUrl = `${org.service.origin}/oauth/token`;
    const root = await tokenFor('platform_admin', '/');
    for (const code of ['510112', '510112001', '510112001001', '510112002']) {
      const created = await graphqlRequest(org.url, `mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } }, root);
      expect(created.errors).toBeUndefined();
    }
    district = await tokenFor('district_admin', DISTRICT, 'district-zhao');
    platform = await registered({});
  });

  afterAll(() => org?.stop());

  describe('the registry', () => {
    it('registers a client with a first key whose secret is shown once and stored only as a hash', async () => {
      const result = await register({ name: '区城市运行管理平台', grantedScopes: [STREET, OTHER_STREET] });
      expect(result.errors).toBeUndefined();
      const answer = result.data!.registerMachineClient;
      expect(answer.client).toEqual({
        id: answer.clientId,
        name: '区城市运行管理平台',
        scopePath: DISTRICT,
        roles: ['city_platform'],
        grantedScopes: [STREET, OTHER_STREET],
        createdBy: 'district-zhao',
        revokedAt: null,
      });
      expect(answer.key).toMatchObject({ clientId: answer.clientId, createdBy: 'district-zhao', revokedAt: null, lastUsedAt: null });
      expect(answer.clientSecret).toMatch(new RegExp(`^gzcs_${answer.key.id.replace(/-/g, '')}_[A-Za-z0-9_-]{43}$`));

      const random = answer.clientSecret.slice(-43);
      const stored = (await org.service.dataSource.query(
        `SELECT (SELECT count(*) FROM machine_client_key k WHERE k::text LIKE '%' || $1 || '%')::int AS keys,
                (SELECT count(*) FROM outbox WHERE envelope::text LIKE '%' || $1 || '%')::int AS events,
                (SELECT secret_hash FROM machine_client_key WHERE id = $2) AS hash`,
        [random, answer.key.id],
      )) as { keys: number; events: number; hash: string }[];
      expect(stored).toEqual([{ keys: 0, events: 0, hash: expect.stringMatching(/^scrypt\$16384\$8\$1\$/) }]);

      const read = await graphqlRequest(org.url, `query($id: ID!) { machineClient(id: $id) { keys { nodes { id } } } }`, { id: answer.clientId }, district);
      expect(JSON.stringify(read)).not.toContain(random);
      expect(read.data).toEqual({ machineClient: { keys: { nodes: [{ id: answer.key.id }] } } });
    });

    it('records every change in the audit trail and the outbox', async () => {
      const client = await registered({ name: '审计留痕测试平台' });
      const second = await graphqlRequest<{ issueMachineClientKey: { key: { id: string } } }>(org.url, ISSUE, { clientId: client.clientId }, district);
      const secondKey = second.data!.issueMachineClientKey.key.id;
      await graphqlRequest(org.url, REVOKE_KEY, { id: client.keyId }, district);
      const root = await tokenFor('platform_admin', '/', 'root-admin');
      await graphqlRequest(org.url, REVOKE_CLIENT, { id: client.clientId }, root);

      const read = await graphqlRequest<{ machineClient: { auditTrail: { nodes: { action: string; keyId: string | null; actorSub: string; actorRoles: string[] }[] } } }>(
        org.url,
        CLIENT,
        { id: client.clientId },
        district,
      );
      expect(read.data!.machineClient.auditTrail.nodes.map(({ action, keyId, actorSub, actorRoles }) => ({ action, keyId, actorSub, actorRoles }))).toEqual([
        { action: 'REGISTERED', keyId: null, actorSub: 'district-zhao', actorRoles: ['district_admin'] },
        { action: 'KEY_ISSUED', keyId: client.keyId, actorSub: 'district-zhao', actorRoles: ['district_admin'] },
        { action: 'KEY_ISSUED', keyId: secondKey, actorSub: 'district-zhao', actorRoles: ['district_admin'] },
        { action: 'KEY_REVOKED', keyId: client.keyId, actorSub: 'district-zhao', actorRoles: ['district_admin'] },
        { action: 'REVOKED', keyId: null, actorSub: 'root-admin', actorRoles: ['platform_admin'] },
      ]);

      const events = (await org.service.dataSource.query(`SELECT type, envelope->'data' AS data FROM outbox WHERE envelope->>'subject' = $1 ORDER BY seq`, [client.clientId])) as {
        type: string;
        data: Record<string, unknown>;
      }[];
      expect(events.map((event) => event.type)).toEqual([
        'org.machine-client.registered.v1',
        'org.machine-client.key-issued.v1',
        'org.machine-client.key-issued.v1',
        'org.machine-client.key-revoked.v1',
        'org.machine-client.revoked.v1',
      ]);
      expect(events[4]!.data).toMatchObject({ clientId: client.clientId, scopePath: DISTRICT, keyIds: [secondKey] });
    });

    it('refuses administrator roles, unknown roles and scopes outside the client or the tree, writing nothing', async () => {
      const before = await rowCounts();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ roles: ['district_admin'] }, 'ROLE_NOT_FOR_MACHINE_CLIENTS', 'input.roles'],
        [{ roles: ['city_platform', 'platform_admin'] }, 'ROLE_NOT_FOR_MACHINE_CLIENTS', 'input.roles'],
        [{ roles: ['street_admin'] }, 'ROLE_NOT_FOR_MACHINE_CLIENTS', 'input.roles'],
        [{ roles: ['superuser'] }, 'UNKNOWN_ROLE', 'input.roles'],
        [{ scopePath: STREET, grantedScopes: [OTHER_STREET] }, 'SCOPE_OUTSIDE_CLIENT', 'input.grantedScopes'],
        [{ grantedScopes: ['/510112/510112009/'] }, 'UNKNOWN_SCOPE_PATH', 'input.grantedScopes'],
        [{ scopePath: '510112' }, 'MALFORMED_SCOPE', 'input.scopePath'],
        // class-validator's failures name the field inside the input object.
        [{ name: '   ' }, 'VALIDATION_FAILED', 'name'],
        [{ name: '热线\u0000平台' }, 'VALIDATION_FAILED', 'name'],
        [{ roles: [] }, 'VALIDATION_FAILED', 'roles'],
      ];
      for (const [input, reason, field] of cases) {
        const result = await register({ name: `拒绝${reason}`, ...input });
        expect({ input, error: result.errors?.[0]?.extensions }).toEqual({ input, error: expect.objectContaining({ code: 'BAD_USER_INPUT', reason, field }) });
      }
      const taken = await register({});
      expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MACHINE_CLIENT_NAME_TAKEN', field: 'input.name' });
      expect(await rowCounts()).toEqual(before);
    });

    it('lets only district and platform administrators manage clients, within their scopes', async () => {
      const street = await tokenFor('street_admin', DISTRICT);
      expect((await register({ name: '街道试探' }, street)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      const otherStreet = await tokenFor('district_admin', OTHER_STREET);
      expect((await register({ name: '越界', scopePath: STREET, grantedScopes: [STREET] }, otherStreet)).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'OUT_OF_SCOPE',
      });
      const list = await graphqlRequest<{ machineClients: { nodes: unknown[] } }>(org.url, CLIENTS, { includeRevoked: true }, otherStreet);
      expect(list.data!.machineClients.nodes).toEqual([]);
      expect((await graphqlRequest(org.url, CLIENT, { id: platform.clientId }, otherStreet)).data).toEqual({ machineClient: null });
      expect((await graphqlRequest(org.url, REVOKE_KEY, { id: platform.keyId }, otherStreet)).errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'MACHINE_CLIENT_KEY_NOT_FOUND',
      });
      expect((await graphqlRequest(org.url, ISSUE, { clientId: platform.clientId }, otherStreet)).errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'MACHINE_CLIENT_NOT_FOUND',
      });
      expect((await graphqlRequest(org.url, CLIENTS, {}, await tokenFor('city_platform', DISTRICT))).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    });
  });

  describe('POST /oauth/token', () => {
    it('issues a short-lived ES256 token for HTTP Basic credentials, never cached', async () => {
      const answer = await withBasic(platform);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600, scope: DISTRICT });

      const token = answer.body.access_token!;
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: (await testKeys()).privateJwk.kid });
      const { payload } = await jwtVerify(token, createLocalJWKSet((await testKeys()).publicJwks), { issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
      expect(payload).toMatchObject({ sub: `client:${platform.clientId}`, client_id: platform.clientId, key_id: platform.keyId, roles: ['city_platform'], scopes: [DISTRICT] });
      expect(payload.jti).toEqual(expect.any(String));
      expect(payload.exp! - payload.iat!).toBe(600);

      const areas = await graphqlRequest<{ areas: { nodes: { code: string }[] } }>(org.url, AREAS, {}, token);
      expect(areas.data!.areas.nodes.map((area) => area.code)).toEqual(['510112', '510112001', '510112001001', '510112002']);
      const [{ last_used_at: lastUsed }] = (await org.service.dataSource.query('SELECT last_used_at FROM machine_client_key WHERE id = $1', [platform.keyId])) as { last_used_at: Date | null }[];
      expect(lastUsed).toBeInstanceOf(Date);
    });

    it('accepts client_id and client_secret in the body, and narrows the token to a requested scope', async () => {
      const answer = await requestToken({ grant_type: 'client_credentials', client_id: platform.clientId, client_secret: platform.clientSecret, scope: STREET });
      expect(answer.status).toBe(200);
      expect(answer.body.scope).toBe(STREET);
      const areas = await graphqlRequest<{ areas: { nodes: { code: string }[] } }>(org.url, AREAS, {}, answer.body.access_token);
      expect(areas.data!.areas.nodes.map((area) => area.code)).toEqual(['510112001', '510112001001']);
    });

    it('refuses a scope outside the grant with invalid_scope', async () => {
      const narrow = await registered({ name: '街道级平台', scopePath: STREET, grantedScopes: [STREET] });
      for (const scope of [DISTRICT, OTHER_STREET, `${STREET} ${OTHER_STREET}`]) {
        const answer = await withBasic(narrow, { scope });
        expect({ scope, status: answer.status, error: answer.body.error }).toEqual({ scope, status: 400, error: 'invalid_scope' });
      }
      expect((await withBasic(narrow, { scope: 'everything' })).body.error).toBe('invalid_scope');
    });

    it('refuses a wrong secret and an unknown client with invalid_client and a WWW-Authenticate challenge', async () => {
      const other = await registered({ name: '错误密钥测试' });
      for (const credentials of [
        { ...other, clientSecret: `${other.clientSecret.slice(0, -2)}xx` },
        { ...other, clientSecret: platform.clientSecret },
        { ...other, clientId: '019a0000-0000-7000-8000-000000000000' },
        { ...other, clientId: 'not-a-client' },
      ]) {
        const answer = await withBasic(credentials);
        expect({ status: answer.status, error: answer.body.error, challenge: answer.headers.get('www-authenticate') }).toEqual({
          status: 401,
          error: 'invalid_client',
          challenge: 'Basic realm="gongzhi", charset="UTF-8"',
        });
      }
      const noCredentials = await requestToken({ grant_type: 'client_credentials' });
      expect([noCredentials.status, noCredentials.body.error]).toEqual([401, 'invalid_client']);
    });

    it('refuses malformed requests with invalid_request or unsupported_grant_type', async () => {
      const cases: [string | Record<string, string>, Record<string, string>, number, string][] = [
        [{ grant_type: 'password', username: 'a', password: 'b' }, basic(platform.clientId, platform.clientSecret), 400, 'unsupported_grant_type'],
        [{ grant_type: 'authorization_code', code: 'x' }, basic(platform.clientId, platform.clientSecret), 400, 'unsupported_grant_type'],
        [{ client_id: platform.clientId, client_secret: platform.clientSecret }, {}, 400, 'invalid_request'],
        ['grant_type=client_credentials&grant_type=client_credentials', basic(platform.clientId, platform.clientSecret), 400, 'invalid_request'],
        [{ grant_type: 'client_credentials', client_secret: platform.clientSecret }, basic(platform.clientId, platform.clientSecret), 400, 'invalid_request'],
        [JSON.stringify({ grant_type: 'client_credentials' }), { 'content-type': 'application/json', ...basic(platform.clientId, platform.clientSecret) }, 400, 'invalid_request'],
        [`grant_type=client_credentials&padding=${'x'.repeat(9000)}`, basic(platform.clientId, platform.clientSecret), 400, 'invalid_request'],
        [{ grant_type: 'client_credentials' }, { authorization: 'Basic !!!' }, 401, 'invalid_client'],
        [{ grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }, 401, 'invalid_client'],
      ];
      for (const [form, headers, status, error] of cases) {
        const answer = await requestToken(form, headers);
        expect({ form, status: answer.status, error: answer.body.error, noStore: answer.headers.get('cache-control') }).toEqual({ form, status, error, noStore: 'no-store' });
      }
    });

    it('refuses a revoked key at once, keeps the client’s other key working, and refuses tokens issued with the revoked key', async () => {
      const rotating = await registered({ name: '密钥轮换测试' });
      const issued = await graphqlRequest<{ issueMachineClientKey: { clientSecret: string; key: { id: string } } }>(org.url, ISSUE, { clientId: rotating.clientId }, district);
      const next: Credentials = { clientId: rotating.clientId, clientSecret: issued.data!.issueMachineClientKey.clientSecret, keyId: issued.data!.issueMachineClientKey.key.id };
      const oldToken = await tokenOf(rotating);
      const newToken = await tokenOf(next);

      const revoked = await graphqlRequest<{ revokeMachineClientKey: { id: string; revokedAt: string; revokedBy: string } }>(org.url, REVOKE_KEY, { id: rotating.keyId }, district);
      expect(revoked.data!.revokeMachineClientKey).toMatchObject({ id: rotating.keyId, revokedBy: 'district-zhao', revokedAt: expect.any(String) });

      const refused = await withBasic(rotating);
      expect([refused.status, refused.body.error, refused.body.error_description]).toEqual([401, 'invalid_client', expect.stringContaining('revoked')]);
      const stale = await graphqlRequest(org.url, AREAS, {}, oldToken);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
      expect((await graphqlRequest(org.url, AREAS, {}, newToken)).errors).toBeUndefined();
      expect((await withBasic(next)).status).toBe(200);

      const again = await graphqlRequest(org.url, REVOKE_KEY, { id: rotating.keyId }, district);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'KEY_ALREADY_REVOKED' });
    });

    it('refuses a revoked client’s keys and tokens, and issues it no new key', async () => {
      const leaving = await registered({ name: '停用测试平台' });
      const token = await tokenOf(leaving);
      const revoked = await graphqlRequest<{ revokeMachineClient: { revokedAt: string | null } }>(org.url, REVOKE_CLIENT, { id: leaving.clientId }, district);
      expect(revoked.data!.revokeMachineClient.revokedAt).toEqual(expect.any(String));

      const refused = await withBasic(leaving);
      expect([refused.status, refused.body.error, refused.body.error_description]).toEqual([401, 'invalid_client', 'the client has been revoked']);
      expect((await graphqlRequest(org.url, AREAS, {}, token)).errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
      expect((await graphqlRequest(org.url, ISSUE, { clientId: leaving.clientId }, district)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MACHINE_CLIENT_REVOKED' });
      const listed = await graphqlRequest<{ machineClients: { nodes: { id: string }[] } }>(org.url, CLIENTS, {}, district);
      expect(listed.data!.machineClients.nodes.map((client) => client.id)).not.toContain(leaving.clientId);
      const all = await graphqlRequest<{ machineClients: { nodes: { id: string }[] } }>(org.url, CLIENTS, { includeRevoked: true }, district);
      expect(all.data!.machineClients.nodes.map((client) => client.id)).toContain(leaving.clientId);
    });

    it('refuses a client id for the rest of the window after repeated failures, even with the right secret', async () => {
      const guessed = await registered({ name: '限流测试平台' });
      for (let attempt = 0; attempt < 3; attempt++) {
        expect((await withBasic({ ...guessed, clientSecret: `${guessed.clientSecret.slice(0, -1)}${attempt}` })).status).toBe(401);
      }
      const blocked = await withBasic(guessed);
      expect([blocked.status, blocked.body.error]).toEqual([429, 'temporarily_unavailable']);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await withBasic(platform)).status).toBe(200);
    });
  });
});
