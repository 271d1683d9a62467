import { generateDevKeyPair, mintToken, type DevKeyPair, type Role } from '@gongzhi/platform-auth';

export const TEST_ISSUER = 'https://gongzhi.test/issuer';
export const TEST_AUDIENCE = 'gongzhi';

let keys: Promise<DevKeyPair> | null = null;

/** One signing key pair per test process. */
export function testKeys(): Promise<DevKeyPair> {
  keys ??= generateDevKeyPair();
  return keys;
}

export async function testJwks(): Promise<string> {
  return JSON.stringify((await testKeys()).publicJwks);
}

/** A token for the given role(s) and scope path(s), signed by the test key pair. */
export async function tokenFor(roles: Role | Role[], scopes: string | string[], sub = 'test-user', expiresIn = '1h'): Promise<string> {
  return mintToken(
    (await testKeys()).privateJwk,
    { sub, roles: Array.isArray(roles) ? roles : [roles], scopes: Array.isArray(scopes) ? scopes : [scopes] },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, expiresIn },
  );
}
