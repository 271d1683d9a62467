import { readFile } from 'node:fs/promises';
import type { ServiceConfig } from '@gongzhi/platform-config';
import { migrateSubgraph, printSubgraphSdl, startSubgraph, type RunningSubgraph, type SubgraphModule } from '@gongzhi/platform-service';
import { createTestDatabase, TEST_NATS_URL, uniquePrefix, type TestDatabase } from './database';
import { TEST_AUDIENCE, TEST_ISSUER, testJwks, testKeys } from './tokens';

export interface BootOptions {
  natsUrl?: string;
  prefix?: string;
  env?: Record<string, string>;
}

export interface BootedSubgraph {
  service: RunningSubgraph;
  database: TestDatabase;
  prefix: string;
  url: string;
  stop(): Promise<void>;
}

/** The environment a test service runs with: its own database, a run prefix, the test key pair, a free port. */
export async function testServiceEnv(databaseUrl: string, prefix: string, natsUrl = TEST_NATS_URL): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    NATS_URL: natsUrl,
    NATS_PREFIX: prefix,
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    AUTH_JWKS: await testJwks(),
    // org signs machine clients' tokens with the test key pair, whose public half every service trusts.
    MACHINE_TOKEN_SIGNING_JWK: JSON.stringify((await testKeys()).privateJwk),
    OUTBOX_MAX_BACKOFF_MS: '1000',
  };
}

/** Boots one subgraph on a database of its own with migrations applied, as its main.ts would. */
export async function bootSubgraph<C extends ServiceConfig>(
  module: SubgraphModule<C>,
  loadConfig: (env: Record<string, string>) => C,
  options: BootOptions = {},
): Promise<BootedSubgraph> {
  const database = await createTestDatabase(module.name);
  const prefix = options.prefix ?? uniquePrefix();
  const config = loadConfig({ ...(await testServiceEnv(database.url, prefix, options.natsUrl)), ...options.env });
  await migrateSubgraph(module, config);
  const service = await startSubgraph(module, config);
  return {
    service,
    database,
    prefix,
    url: service.url,
    stop: async () => {
      await service.stop();
      await database.drop();
    },
  };
}

/**
 * The SDL a subgraph prints now, and the one committed beside it; a test compares them so a changed graph
 * without a regenerated `schema.graphql` (`nx run <app>:schema`) fails.
 */
export async function currentAndCommittedSdl<C extends ServiceConfig>(module: SubgraphModule<C>, appDir: string): Promise<{ current: string; committed: string }> {
  return { current: await printSubgraphSdl(module), committed: await readFile(`${appDir}/schema.graphql`, 'utf8') };
}
