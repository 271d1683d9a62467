import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// connection URL');
const natsUrl = z
  .string()
  .regex(/^(nats|tls):\/\/.+/, 'must be a nats:// URL (comma-separate several servers)');

/** Variables every app reads. */
export const baseEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port,
};

/**
 * How tokens are verified. `AUTH_JWKS_URL` points at a real OIDC provider's key set (Keycloak:
 * `<realm>/protocol/openid-connect/certs`); `AUTH_JWKS` inlines a public key set (the development key pair,
 * or beside an OIDC provider's the public half of org's machine-token key, whose keys are then tried first).
 * Verified tokens are remembered (`AUTH_CACHE_ENTRIES`, 0 = off) until they expire, at most
 * `AUTH_CACHE_MAX_SECONDS`.
 */
export const authEnv = {
  AUTH_ISSUER: z.string().min(1).default('https://gongzhi.local/dev'),
  AUTH_AUDIENCE: z.string().min(1).default('gongzhi'),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_JWKS: z
    .string()
    .optional()
    .refine((v) => v === undefined || isJwks(v), 'must be a JSON Web Key Set ({"keys":[...]})'),
  AUTH_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  AUTH_CACHE_MAX_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
};

/** Variables of a subgraph service: its own database and the shared broker. */
export const serviceEnv = {
  ...baseEnv,
  ...authEnv,
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NATS_URL: natsUrl.default('nats://127.0.0.1:4222'),
  NATS_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9]*$/, 'must be lower-case letters and digits, starting with a letter')
    .optional(),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().min(100).default(30_000),
  /** Count SQL statements per request and serve them at /debug/sql-statements (benchmarks and development). */
  SQL_STATEMENT_COUNT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
};

function isJwks(value: string): boolean {
  try {
    const parsed = JSON.parse(value) as { keys?: unknown };
    return Array.isArray(parsed.keys) && parsed.keys.length > 0;
  } catch {
    return false;
  }
}

/** A token verifier needs one of the two key sources. */
export function requireKeySource<T extends { AUTH_JWKS_URL?: string; AUTH_JWKS?: string }>(
  schema: z.ZodType<T>,
): z.ZodType<T> {
  return schema.refine((c) => Boolean(c.AUTH_JWKS_URL || c.AUTH_JWKS), {
    message: 'set AUTH_JWKS_URL (an OIDC provider) or AUTH_JWKS (an inline public key set)',
    path: ['AUTH_JWKS_URL'],
  });
}

/** The schema of a subgraph service listening on `defaultPort` unless PORT says otherwise. */
export function serviceConfigSchema(defaultPort: number) {
  return requireKeySource(z.object({ ...serviceEnv, PORT: port.default(defaultPort) })).refine((c) => !(c.SQL_STATEMENT_COUNT && c.NODE_ENV === 'production'), {
    message: 'is for benchmarks and development only: it is refused with NODE_ENV=production',
    path: ['SQL_STATEMENT_COUNT'],
  });
}
export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
