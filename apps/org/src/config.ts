import { z } from 'zod';
import { readConfig, serviceEnv, requireKeySource, type Env } from '@gongzhi/platform-config';

export const ORG_DEFAULT_PORT = 4001;

const key32 = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');

/** Development-only keys: a deployment with NODE_ENV=production must set its own. */
const DEV_PII_KEY = Buffer.alloc(32, 'gongzhi-dev-pii-encryption-key').toString('base64');
const DEV_PII_HASH_KEY = Buffer.alloc(32, 'gongzhi-dev-pii-lookup-hash-key').toString('base64');

const piiKeys = {
  /** AES-256-GCM key that encrypts ID and phone numbers at rest. */
  PII_ENCRYPTION_KEY: key32.optional(),
  /** HMAC-SHA256 key of the lookup hash beside each encrypted identifier (and of owner identity keys). */
  PII_HASH_KEY: key32.optional(),
};

interface PiiKeyInput {
  NODE_ENV: 'development' | 'test' | 'production';
  PII_ENCRYPTION_KEY?: string;
  PII_HASH_KEY?: string;
}

function requirePiiKeysInProduction(config: PiiKeyInput, ctx: z.RefinementCtx): void {
  if (config.NODE_ENV !== 'production') return;
  for (const name of ['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'] as const) {
    if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
  }
}

function withDevPiiKeys<T extends PiiKeyInput>(config: T): T & { PII_ENCRYPTION_KEY: string; PII_HASH_KEY: string } {
  return { ...config, PII_ENCRYPTION_KEY: config.PII_ENCRYPTION_KEY ?? DEV_PII_KEY, PII_HASH_KEY: config.PII_HASH_KEY ?? DEV_PII_HASH_KEY };
}

const orgSchema = requireKeySource(
  z
    .object({ ...serviceEnv, PORT: serviceEnv.PORT.default(ORG_DEFAULT_PORT), ...piiKeys })
    .superRefine(requirePiiKeysInProduction)
    .transform(withDevPiiKeys),
);

export type OrgConfig = z.infer<typeof orgSchema>;

/** The only reader of the environment for the org service. */
export function loadConfig(env: Env = process.env): OrgConfig {
  return readConfig('org', orgSchema, env);
}

const importSchema = z
  .object({ NODE_ENV: serviceEnv.NODE_ENV, DATABASE_URL: serviceEnv.DATABASE_URL, ...piiKeys })
  .superRefine(requirePiiKeysInProduction)
  .transform((config) => ({ ...withDevPiiKeys(config), DATABASE_POOL_SIZE: 2 }));

export type OrgImportConfig = z.infer<typeof importSchema>;

/** What the import command needs: the org database and the keys that protect personal identifiers. */
export function loadImportConfig(env: Env = process.env): OrgImportConfig {
  return readConfig('import', importSchema, env);
}
