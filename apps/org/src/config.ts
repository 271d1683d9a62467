import { z } from 'zod';
import { readConfig, serviceEnv, requireKeySource, type Env } from '@gongzhi/platform-config';
import { checkMachineTokenKey, machineTokenEnv } from './modules/machine-client/machine-token-config';
import { LEGACY_KEY_ID, readKeyring } from './modules/resident/personal-data';

export const ORG_DEFAULT_PORT = 4001;

const key32 = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');

/** Development-only keys: a deployment with NODE_ENV=production must set its own. */
const DEV_PII_KEY = Buffer.alloc(32, 'gongzhi-dev-pii-encryption-key').toString('base64');
const DEV_PII_HASH_KEY = Buffer.alloc(32, 'gongzhi-dev-pii-lookup-hash-key').toString('base64');

const keyring = z.string().superRefine((spec, ctx) => {
  for (const problem of readKeyring(spec).problems) ctx.addIssue({ code: 'custom', message: problem });
});

const piiKeys = {
  /**
   * The AES-256-GCM keys of ID and phone numbers at rest, `kid:base64key,kid2:base64key2`: the first encrypts,
   * all decrypt, so a new key goes first and an old one stays until `tools/org/reencrypt.ts` has moved its rows.
   */
  PII_ENCRYPTION_KEYS: keyring.optional(),
  /** The single key of deployments from before keyrings; it is the key `k1`. */
  PII_ENCRYPTION_KEY: key32.optional(),
  /** HMAC-SHA256 key of the lookup hash beside each encrypted identifier (and of owner identity keys); never rotated. */
  PII_HASH_KEY: key32.optional(),
};

interface PiiKeyInput {
  NODE_ENV: 'development' | 'test' | 'production';
  PII_ENCRYPTION_KEYS?: string;
  PII_ENCRYPTION_KEY?: string;
  PII_HASH_KEY?: string;
}

function checkPiiKeys(config: PiiKeyInput, ctx: z.RefinementCtx): void {
  if (config.PII_ENCRYPTION_KEYS && config.PII_ENCRYPTION_KEY) {
    ctx.addIssue({ code: 'custom', path: ['PII_ENCRYPTION_KEY'], message: `set PII_ENCRYPTION_KEYS or PII_ENCRYPTION_KEY, not both (list this key in PII_ENCRYPTION_KEYS as ${LEGACY_KEY_ID}:<key>)` });
  }
  if (config.NODE_ENV !== 'production') return;
  if (!config.PII_ENCRYPTION_KEYS && !config.PII_ENCRYPTION_KEY) ctx.addIssue({ code: 'custom', path: ['PII_ENCRYPTION_KEYS'], message: 'is required in production' });
  if (!config.PII_HASH_KEY) ctx.addIssue({ code: 'custom', path: ['PII_HASH_KEY'], message: 'is required in production' });
}

interface PiiKeys {
  /** The keyring, always in list form (`k1:<key>` for a single PII_ENCRYPTION_KEY). */
  PII_ENCRYPTION_KEYS: string;
  PII_HASH_KEY: string;
}

function withPiiKeys<T extends PiiKeyInput>(config: T): Omit<T, 'PII_ENCRYPTION_KEY'> & PiiKeys {
  const { PII_ENCRYPTION_KEY: single, ...rest } = config;
  return {
    ...rest,
    PII_ENCRYPTION_KEYS: config.PII_ENCRYPTION_KEYS ?? `${LEGACY_KEY_ID}:${single ?? DEV_PII_KEY}`,
    PII_HASH_KEY: config.PII_HASH_KEY ?? DEV_PII_HASH_KEY,
  };
}

const orgSchema = requireKeySource(
  z
    .object({ ...serviceEnv, PORT: serviceEnv.PORT.default(ORG_DEFAULT_PORT), ...piiKeys, ...machineTokenEnv })
    .superRefine(checkPiiKeys)
    .superRefine(checkMachineTokenKey)
    .transform(withPiiKeys),
);

export type OrgConfig = z.infer<typeof orgSchema>;

/** The only reader of the environment for the org service. */
export function loadConfig(env: Env = process.env): OrgConfig {
  return readConfig('org', orgSchema, env);
}

const commandSchema = z
  .object({ NODE_ENV: serviceEnv.NODE_ENV, DATABASE_URL: serviceEnv.DATABASE_URL, ...piiKeys })
  .superRefine(checkPiiKeys)
  .transform((config) => ({ ...withPiiKeys(config), DATABASE_POOL_SIZE: 2 }));

export type OrgImportConfig = z.infer<typeof commandSchema>;

/** What the import command needs: the org database and the keys that protect personal identifiers. */
export function loadImportConfig(env: Env = process.env): OrgImportConfig {
  return readConfig('import', commandSchema, env);
}

/** What the re-encryption command needs: the same as the import command. */
export function loadReencryptConfig(env: Env = process.env): OrgImportConfig {
  return readConfig('reencrypt', commandSchema, env);
}
