import { randomBytes } from 'node:crypto';
import { loadConfig } from './config';
import { PersonalDataCipher } from './modules/resident/personal-data';

const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/org', NATS_URL: 'nats://localhost:4222', AUTH_ISSUER: 'https://id.example', AUTH_AUDIENCE: 'gongzhi', AUTH_JWKS_URL: 'https://id.example/jwks' };
const key = () => randomBytes(32).toString('base64');

describe('the personal data keys of the org configuration', () => {
  it('reads a keyring whose first key encrypts', () => {
    const config = loadConfig({ ...base, PII_ENCRYPTION_KEYS: `k2:${key()},k1:${key()}`, PII_HASH_KEY: key() });
    expect(new PersonalDataCipher(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY).currentKid).toBe('k2');
  });

  it('keeps a single PII_ENCRYPTION_KEY working as the key k1', () => {
    const single = key();
    const config = loadConfig({ ...base, PII_ENCRYPTION_KEY: single, PII_HASH_KEY: key() });
    expect(config.PII_ENCRYPTION_KEYS).toBe(`k1:${single}`);
  });

  it('lists every key problem at start-up without showing the keys', () => {
    const shortKey = Buffer.alloc(8).toString('base64');
    expect(() => loadConfig({ ...base, PII_ENCRYPTION_KEYS: `k2:${shortKey}`, PII_ENCRYPTION_KEY: key() })).toThrow(
      'org: invalid configuration\n' +
        '  - PII_ENCRYPTION_KEYS: key k2: must be 32 random bytes, base64-encoded (openssl rand -base64 32)\n' +
        '  - PII_ENCRYPTION_KEY: set PII_ENCRYPTION_KEYS or PII_ENCRYPTION_KEY, not both (list this key in PII_ENCRYPTION_KEYS as k1:<key>)\n' +
        '  - PII_HASH_KEY: is required in production',
    );
  });

  it('requires an encryption key in production', () => {
    expect(() => loadConfig({ ...base, PII_HASH_KEY: key() })).toThrow('PII_ENCRYPTION_KEYS: is required in production');
  });
});
