import { RevocationSet } from './revocation';
import { createTokenVerifier, generateDevKeyPair, mintToken, type DevKeyPair, type TokenClaims } from './tokens';
import type { AuthUser } from './user';
import { VerifiedTokenCache } from './verified-token-cache';

const ISSUER = 'https://gongzhi.test/cache';
const AUDIENCE = 'gongzhi';
const someone = (sub: string): AuthUser => ({ sub, roles: ['city_platform'], scopes: ['/510112/'] });

describe('the verified-token cache', () => {
  let clock: number;
  const cache = (maxEntries = 3, maxSeconds = 300) => new VerifiedTokenCache({ maxEntries, maxSeconds, now: () => clock });

  beforeEach(() => {
    clock = Date.parse('2026-11-22T08:00:00Z');
  });

  it('answers a remembered token until it expires, then forgets it', () => {
    const tokens = cache();
    tokens.set('t1', someone('a'), clock / 1000 + 60);
    clock += 59_999;
    expect(tokens.get('t1')).toEqual(someone('a'));
    clock += 1;
    expect(tokens.get('t1')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('trusts a verification no longer than its maximum, however late the token expires', () => {
    const tokens = cache(3, 120);
    tokens.set('long-lived', someone('a'), clock / 1000 + 8 * 3600);
    clock += 119_000;
    expect(tokens.get('long-lived')).toBeDefined();
    clock += 1_000;
    expect(tokens.get('long-lived')).toBeUndefined();
  });

  it('does not remember a token that has already expired', () => {
    const tokens = cache();
    tokens.set('stale', someone('a'), clock / 1000 - 1);
    expect(tokens.get('stale')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('holds at most its bound, forgetting the least recently used first', () => {
    const tokens = cache(3);
    for (const name of ['t1', 't2', 't3']) tokens.set(name, someone(name), undefined);
    expect(tokens.get('t1')?.sub).toBe('t1');
    tokens.set('t4', someone('t4'), undefined);
    expect(tokens.size).toBe(3);
    expect(tokens.get('t2')).toBeUndefined();
    expect(['t1', 't3', 't4'].map((name) => tokens.get(name)?.sub)).toEqual(['t1', 't3', 't4']);
  });

  it('remembers nothing when switched off', () => {
    const tokens = cache(0);
    tokens.set('t1', someone('a'), undefined);
    expect(tokens.get('t1')).toBeUndefined();
  });
});

describe('a token verifier with the cache', () => {
  let keys: DevKeyPair;
  let other: DevKeyPair;
  const machine: TokenClaims = { sub: 'client:c1', roles: ['city_platform'], scopes: ['/510112/'], clientId: 'c1', keyId: 'k1' };
  const sign = (claims: TokenClaims, expiresIn = '10m', pair = keys) => mintToken(pair.privateJwk, claims, { issuer: ISSUER, audience: AUDIENCE, expiresIn });

  beforeAll(async () => {
    [keys, other] = await Promise.all([generateDevKeyPair(), generateDevKeyPair()]);
  });

  it('answers a cached token without verifying it again, and a changed token not at all', async () => {
    let clock = Date.now();
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: JSON.stringify(keys.publicJwks), cache: { maxEntries: 10, maxSeconds: 300 }, now: () => clock });
    const token = await sign(machine);
    expect(await verifier.verify(token)).toEqual({ sub: 'client:c1', roles: ['city_platform'], scopes: ['/510112/'], clientId: 'c1', keyId: 'k1' });
    expect(await verifier.verify(token)).toMatchObject({ sub: 'client:c1' });
    expect(verifier.stats).toEqual({ signatureChecks: 1, cacheHits: 1 });
    const [header, payload] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scopes: ['/'] })).toString('base64url');
    await expect(verifier.verify(`${header}.${widened}.${token.split('.')[2]}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' });
    clock += 11 * 60_000;
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    expect(verifier.stats).toEqual({ signatureChecks: 3, cacheHits: 1 });
  });

  it('refuses a cached token once its key or its client is revoked', async () => {
    const revocations = new RevocationSet();
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: JSON.stringify(keys.publicJwks), cache: { maxEntries: 10, maxSeconds: 300 }, revocations });
    const first = await sign(machine);
    const second = await sign({ ...machine, keyId: 'k2' });
    const person = await sign({ sub: 'u1', roles: ['street_admin'], scopes: ['/510112/'] });
    for (const token of [first, second, person]) await verifier.verify(token);

    revocations.revokeKey('k1');
    await expect(verifier.verify(first)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    expect(await verifier.verify(second)).toMatchObject({ keyId: 'k2' });

    revocations.revokeClient('c1');
    await expect(verifier.verify(second)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    expect(await verifier.verify(person)).toMatchObject({ sub: 'u1' });
  });

  it('accepts keys of the inline set beside those of a key-set URL', async () => {
    // The URL is never fetched: the inline set answers first, and a token of the inline key needs nothing else.
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: JSON.stringify(keys.publicJwks), jwksUrl: 'http://127.0.0.1:9/certs' });
    expect(await verifier.verify(await sign(machine))).toMatchObject({ clientId: 'c1' });
    await expect(verifier.verify(await sign(machine, '10m', other))).rejects.toMatchObject({ reason: 'INVALID_TOKEN' });
  });
});
