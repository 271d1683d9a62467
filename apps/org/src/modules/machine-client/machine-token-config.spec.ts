import { generateDevKeyPair, type DevKeyPair } from '@gongzhi/platform-auth';
import { loadConfig } from '../../config';

const base = { DATABASE_URL: 'postgres://localhost/org' };

describe('the machine-token settings of the org configuration', () => {
  let keys: DevKeyPair;
  let other: DevKeyPair;

  beforeAll(async () => {
    [keys, other] = await Promise.all([generateDevKeyPair(), generateDevKeyPair()]);
  });

  it('takes a signing key whose public half every service trusts, with a ten-minute default lifetime', () => {
    const config = loadConfig({ ...base, AUTH_JWKS: JSON.stringify(keys.publicJwks), MACHINE_TOKEN_SIGNING_JWK: JSON.stringify(keys.privateJwk) });
    expect(config).toMatchObject({ MACHINE_TOKEN_TTL_SECONDS: 600, MACHINE_TOKEN_FAILURE_LIMIT: 10, MACHINE_TOKEN_FAILURE_WINDOW_SECONDS: 300 });
  });

  it('refuses a signing key that no verifier would accept, naming its key id', () => {
    expect(() => loadConfig({ ...base, AUTH_JWKS: JSON.stringify(other.publicJwks), MACHINE_TOKEN_SIGNING_JWK: JSON.stringify(keys.privateJwk) })).toThrow(
      `MACHINE_TOKEN_SIGNING_JWK: its public half (kid ${String(keys.privateJwk.kid)}) must be in AUTH_JWKS`,
    );
  });

  it('refuses a public key, a key without kid and a value that is not a key, without repeating it', () => {
    const publicOnly = { ...keys.privateJwk, d: undefined };
    const nameless = { ...keys.privateJwk, kid: undefined };
    const env = { ...base, AUTH_JWKS: JSON.stringify(keys.publicJwks) };
    expect(() => loadConfig({ ...env, MACHINE_TOKEN_SIGNING_JWK: JSON.stringify(publicOnly) })).toThrow('MACHINE_TOKEN_SIGNING_JWK: must be a private key');
    expect(() => loadConfig({ ...env, MACHINE_TOKEN_SIGNING_JWK: JSON.stringify(nameless) })).toThrow('MACHINE_TOKEN_SIGNING_JWK: needs a key id');
    let message = '';
    try {
      loadConfig({ ...env, MACHINE_TOKEN_SIGNING_JWK: 'secret-material' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('MACHINE_TOKEN_SIGNING_JWK: must be a JSON Web Key');
    expect(message).not.toContain('secret-material');
  });

  it('keeps token lifetimes short', () => {
    expect(() => loadConfig({ ...base, AUTH_JWKS: JSON.stringify(keys.publicJwks), MACHINE_TOKEN_TTL_SECONDS: '86400' })).toThrow(/MACHINE_TOKEN_TTL_SECONDS: /);
  });
});
