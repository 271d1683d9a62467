import { ConfigError, readConfig } from './read-config';
import { serviceConfigSchema } from './fragments';

describe('readConfig', () => {
  const schema = serviceConfigSchema(4001);

  it('lists every problem at once, each naming its variable', () => {
    let error: unknown;
    try {
      readConfig('org', schema, { PORT: 'eighty', NATS_URL: 'http://x', AUTH_JWKS: '{"nope":1}' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^DATABASE_URL: /m);
    expect(problems).toMatch(/^NATS_URL: must be a nats:\/\/ URL/m);
    expect(problems).toMatch(/^AUTH_JWKS: must be a JSON Web Key Set/m);
  });

  it('asks for a token key source', () => {
    expect(() => readConfig('org', schema, { DATABASE_URL: 'postgres://localhost/db' })).toThrow(/AUTH_JWKS_URL: set AUTH_JWKS_URL .* or AUTH_JWKS/);
  });

  it('applies defaults, treats empty values as unset and freezes the result', () => {
    const config = readConfig('org', schema, { DATABASE_URL: 'postgres://localhost/db', AUTH_JWKS_URL: 'https://idp.example/certs', NATS_PREFIX: '' });
    expect(config).toMatchObject({ PORT: 4001, NATS_URL: 'nats://127.0.0.1:4222', DATABASE_POOL_SIZE: 10, NODE_ENV: 'development' });
    expect(config.NATS_PREFIX).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('counts SQL statements only when asked, and never in production', () => {
    const env = { DATABASE_URL: 'postgres://localhost/db', AUTH_JWKS_URL: 'https://idp.example/certs' };
    expect(readConfig('org', schema, env).SQL_STATEMENT_COUNT).toBe(false);
    expect(readConfig('org', schema, { ...env, SQL_STATEMENT_COUNT: 'true' }).SQL_STATEMENT_COUNT).toBe(true);
    expect(() => readConfig('org', schema, { ...env, SQL_STATEMENT_COUNT: 'yes' })).toThrow(/SQL_STATEMENT_COUNT: /);
    expect(() => readConfig('org', schema, { ...env, SQL_STATEMENT_COUNT: 'true', NODE_ENV: 'production' })).toThrow(
      /SQL_STATEMENT_COUNT: is for benchmarks and development only/,
    );
  });
});
