import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_NATS_URL, testJwks, uniquePrefix } from '@gongzhi/platform-testing';
import { appArgs, buildDist, ROOT, spawnProcess, startOurGateway, SUBGRAPHS, type BenchProcess, type EntryMode, type SubgraphName } from './gateway-stack';
import { median } from './report';

/**
 * The write-path benchmarks (deliberation ballots and tally, fund postings) measure a service the way it runs in
 * production: the subgraph and the gateway are OS processes of their own, started from the built output; the
 * benchmark process is only the client (and the raw-SQL baseline's client), so both sides of every ratio are
 * driven from the same process at the same concurrency.
 */
export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ServiceUnderTest {
  process: BenchProcess;
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  mode: EntryMode;
  port: number;
  env?: Record<string, string>;
  /** Count the SQL statements the process sends (tools/bench/sql-counter.cjs). */
  countSql?: boolean;
  nodeFlags?: string[];
}

/** `npm run build` unless the TypeScript sources are run directly. */
export function prepare(mode: EntryMode): void {
  if (mode === 'dist') buildDist();
}

/** One subgraph on a fresh, migrated database of its own, verifying tokens signed by the test key pair. */
export async function startService(name: SubgraphName, options: ServiceOptions): Promise<ServiceUnderTest> {
  const database = `gz_bench_${name}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(SERVER_URL, database);
  const url = databaseUrl(SERVER_URL, database);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '10',
    NATS_URL: process.env.BENCH_NATS_URL ?? TEST_NATS_URL,
    NATS_PREFIX: uniquePrefix(),
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    AUTH_JWKS: await testJwks(),
    // Production requires keys of its own; the benchmark does not care which.
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(32).toString('base64'),
    INTAKE_CODE_KEY: randomBytes(32).toString('base64'),
    SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'),
    ...options.env,
  };
  try {
    const migrate = spawnSync(process.execPath, appArgs(name, options.mode, ['migrate']), { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`${name} migrations failed:\n${migrate.stderr || migrate.stdout}`);
    const child = await spawnProcess({
      name,
      args: appArgs(name, options.mode, ['serve']),
      env,
      port: options.port,
      readyPath: '/readyz',
      countSql: options.countSql,
      nodeFlags: options.nodeFlags,
    });
    return {
      process: child,
      databaseUrl: url,
      stop: async () => {
        await child.stop();
        await dropDatabase(SERVER_URL, database);
      },
    };
  } catch (error) {
    await dropDatabase(SERVER_URL, database);
    throw error;
  }
}

/** Our gateway in front of one subgraph (the others point at a closed port: the operations measured never reach them). */
export function startGatewayFor(name: SubgraphName, subgraphUrl: string, options: Omit<ServiceOptions, 'env' | 'countSql'>): Promise<BenchProcess> {
  const urls = Object.fromEntries(SUBGRAPHS.map((other) => [other, other === name ? subgraphUrl : 'http://127.0.0.1:9/graphql'])) as Record<SubgraphName, string>;
  return startOurGateway(options.port, urls, { mode: options.mode, nodeFlags: options.nodeFlags });
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A keep-alive GraphQL client with `connections` connections of its own (one per request in flight). */
export class GraphQLClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    url: string,
    connections: number,
    private readonly token: string,
  ) {
    const target = new URL(url);
    this.pool = new Pool(target.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
    this.path = target.pathname;
  }

  async request<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
    const response = await this.pool.request({
      method: 'POST',
      path: this.path,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.body.json()) as GraphQLAnswer<T>;
  }

  /** The data of an answer without errors; throws naming the operation otherwise. */
  async data<T>(what: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const answer = await this.request<T>(query, variables);
    if (answer.errors?.length || !answer.data) throw new Error(`${what}: ${JSON.stringify(answer.errors ?? answer)}`);
    return answer.data;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Runs `work` for every item with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The order of the contenders in round `round`: rotated, so none always runs first (or right after another). */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** CPU seconds the given processes use while `run` runs. */
export async function withCpu<T>(processes: BenchProcess[], run: () => Promise<T>): Promise<{ result: T; cpu: number[] }> {
  const before = processes.map((p) => p.cpuSeconds());
  const result = await run();
  return { result, cpu: processes.map((p, i) => p.cpuSeconds() - before[i]!) };
}

/** "min–max" of some values, rounded, for the spread beside a median. */
export function spread(values: number[], digits = 0): string {
  if (values.length < 2) return '';
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(digits)}–${sorted[sorted.length - 1]!.toFixed(digits)}`;
}

export { median };

/** What the load average says about the measurement, in one sentence. */
export function loadNote(before: number, after = loadavg()[0]!): string {
  const cores = cpus().length;
  const busy = Math.max(before, after) > cores / 2;
  return `Load average (1 min) ${before.toFixed(2)} before and ${after.toFixed(2)} after the run on ${cores} cores${
    busy ? ': the machine was shared with other work, so absolute figures are low and ratios approximate' : ''
  }.`;
}

/** The value of a `--cpu-prof <dir>` option as node flags for the processes under test. */
export function profileFlags(dir: string | undefined, name: string): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
}
