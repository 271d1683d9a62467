import { DECOY_HASH, generateClientSecret, hashClientSecret, keyIdOfSecret, verifyClientSecret } from './client-secret';

const KEY_ID = '019a8f3c-1d2e-7f00-8a1b-0123456789ab';

describe('client secrets', () => {
  it('carry 256 random bits after the key id they belong to', () => {
    const secret = generateClientSecret(KEY_ID);
    expect(secret).toMatch(/^gzcs_019a8f3c1d2e7f008a1b0123456789ab_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.split('_').slice(2).join('_'), 'base64url')).toHaveLength(32);
    expect(generateClientSecret(KEY_ID)).not.toBe(secret);
    expect(keyIdOfSecret(secret)).toBe(KEY_ID);
  });

  it('tells no key id for a value not shaped like a secret', () => {
    for (const value of ['', 'secret', `gzcs_${'0'.repeat(32)}_short`, `gzcs_${'g'.repeat(32)}_${'a'.repeat(43)}`, `${generateClientSecret(KEY_ID)}x`]) {
      expect(keyIdOfSecret(value)).toBeUndefined();
    }
  });

  it('are stored as salted scrypt hashes that only the secret itself matches', async () => {
    const secret = generateClientSecret(KEY_ID);
    const [first, second] = await Promise.all([hashClientSecret(secret), hashClientSecret(secret)]);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toContain(secret.slice(38));
    expect(second).not.toBe(first);
    expect(await verifyClientSecret(secret, first)).toBe(true);
    expect(await verifyClientSecret(secret, second)).toBe(true);
    expect(await verifyClientSecret(generateClientSecret(KEY_ID), first)).toBe(false);
    expect(await verifyClientSecret(`${secret.slice(0, -1)}A`, first)).toBe(secret.endsWith('A'));
  });

  it('match neither the decoy nor a hash of another scheme', async () => {
    const secret = generateClientSecret(KEY_ID);
    expect(await verifyClientSecret(secret, DECOY_HASH)).toBe(false);
    expect(await verifyClientSecret(secret, `bcrypt$${secret}`)).toBe(false);
  });
});
