import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';

/**
 * The processes of the gateway benchmark, each a separate OS process as in production: the four subgraphs,
 * one or two of our gateways, Hive Gateway, the bare-Node ceiling server. Every process's CPU time is read
 * from /proc so the benchmark can say where the CPU went; the subgraphs can count their SQL statements.
 */
export const ROOT = path.resolve(__dirname, '../..');
export const SUBGRAPHS = ['org', 'deliberation', 'property', 'fund'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

const CLOCK_TICKS = (() => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(answer.stdout.trim()) || 100;
})();

export interface BenchProcess {
  name: string;
  pid: number;
  port: number;
  url: string;
  /** CPU seconds (user + system) this process has used so far. */
  cpuSeconds(): number;
  /** SQL statements sent since the last reset (only for processes started with countSql). */
  sqlCount(reset?: boolean): Promise<number>;
  stop(): Promise<void>;
}

export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitUntil(what: string, probe: () => Promise<boolean>, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}:\n${log()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s:\n${log()}`);
}

export interface SpawnOptions {
  name: string;
  /** Arguments after `node` (entry and its arguments, loader flags). */
  args: string[];
  env: Record<string, string>;
  port: number;
  /** Path probed until it answers 200 (default /healthz). */
  readyPath?: string;
  countSql?: boolean;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeFlags?: string[];
}

export async function spawnProcess(options: SpawnOptions): Promise<BenchProcess> {
  if (await portOpen(options.port)) throw new Error(`port ${options.port} (${options.name}) is taken: choose another --port-base`);
  const counter = path.join(ROOT, 'tools/bench/sql-counter.cjs');
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...(options.countSql ? ['-r', counter] : []), ...options.args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', ...(options.countSql ? (['ipc'] as const) : [])],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const origin = `http://127.0.0.1:${options.port}`;
  await waitUntil(options.name, async () => (await fetch(`${origin}${options.readyPath ?? '/healthz'}`)).ok, child, () => tail);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: options.name,
    pid: child.pid!,
    port: options.port,
    url: `${origin}/graphql`,
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    sqlCount: (reset = false) =>
      new Promise<number>((resolve, reject) => {
        if (!child.send) return reject(new Error(`${options.name} does not count SQL`));
        const timer = setTimeout(() => reject(new Error(`${options.name} did not answer the SQL count`)), 5_000);
        child.once('message', (message: { sqlCount?: number }) => {
          clearTimeout(timer);
          resolve(Number(message.sqlCount));
        });
        child.send({ sqlCount: reset ? 'reset' : 'read' });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** How our apps are started: the built output (production) or the TypeScript sources through @swc-node/register. */
export type EntryMode = 'dist' | 'ts';

export function appArgs(app: string, mode: EntryMode, command: string[] = []): string[] {
  if (mode === 'dist') return [path.join(ROOT, `dist/apps/${app}/src/main.js`), ...command];
  return ['-r', '@swc-node/register', path.join(ROOT, `apps/${app}/src/main.ts`), ...command];
}

/** `npm run build`, incremental: the benchmark always measures the current sources. */
export function buildDist(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'tools/scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr || result.stdout}`);
}

export interface Auth {
  issuer: string;
  audience: string;
  jwks: string;
}

export interface StackOptions {
  serverUrl: string;
  natsUrl: string;
  portBase: number;
  auth: Auth;
  countSql: boolean;
  logLevel?: string;
  /**
   * Serve databases that already exist (a seeded district: `<prefix><subgraph>` on serverUrl) instead of fresh
   * ones; they are migrated (a no-op when current) and kept when the stack stops.
   */
  existingDatabasePrefix?: string;
}

export interface Stack {
  subgraphs: Record<SubgraphName, BenchProcess>;
  databases: Record<SubgraphName, string>;
  serviceEnv(name: SubgraphName, port: number): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Four subgraphs on fresh databases of their own (migrated), or on existing ones, one NATS prefix, from the built
 * output.
 */
export async function startSubgraphs(options: StackOptions): Promise<Stack> {
  const run = randomBytes(4).toString('hex');
  const prefix = `bench${run}`;
  const existing = options.existingDatabasePrefix;
  const names = Object.fromEntries(SUBGRAPHS.map((name) => [name, existing ? `${existing}${name}` : `gz_bench_${name}_${run}`])) as Record<SubgraphName, string>;
  const databases = Object.fromEntries(SUBGRAPHS.map((name) => [name, databaseUrl(options.serverUrl, names[name])])) as Record<SubgraphName, string>;
  const started: BenchProcess[] = [];
  // One set of keys for every process of the stack (a second instance must read what the first wrote). On existing
  // databases: the development keys `npm start` (and so a seeded district) uses.
  const keys = existing
    ? {
        PII_ENCRYPTION_KEY: Buffer.alloc(32, 'gongzhi-dev-pii-encryption-key').toString('base64'),
        PII_HASH_KEY: Buffer.alloc(32, 'gongzhi-dev-pii-lookup-hash-key').toString('base64'),
      }
    : { PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PII_HASH_KEY: randomBytes(32).toString('base64') };
  const intakeCodeKey = randomBytes(32).toString('base64');
  const serviceEnv = (name: SubgraphName, port: number): Record<string, string> => ({
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel ?? 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databases[name],
    DATABASE_POOL_SIZE: '10',
    NATS_URL: options.natsUrl,
    NATS_PREFIX: prefix,
    AUTH_ISSUER: options.auth.issuer,
    AUTH_AUDIENCE: options.auth.audience,
    AUTH_JWKS: options.auth.jwks,
    ...keys,
    INTAKE_CODE_KEY: intakeCodeKey,
  });
  const stop = async () => {
    await Promise.all(started.map((p) => p.stop()));
    if (!existing) await Promise.all(SUBGRAPHS.map((name) => dropDatabase(options.serverUrl, names[name]).catch(() => undefined)));
  };
  try {
    for (const name of SUBGRAPHS) {
      if (!existing) await ensureDatabase(options.serverUrl, names[name]);
      const migrate = spawnSync(process.execPath, appArgs(name, 'dist', ['migrate']), { cwd: ROOT, env: { ...process.env, ...serviceEnv(name, 0) }, encoding: 'utf8' });
      if (migrate.status !== 0) throw new Error(`${name} migrations failed:\n${migrate.stderr || migrate.stdout}`);
    }
    const subgraphs = {} as Record<SubgraphName, BenchProcess>;
    await Promise.all(
      SUBGRAPHS.map(async (name, i) => {
        const port = options.portBase + 10 + i;
        const service = await spawnProcess({ name, args: appArgs(name, 'dist', ['serve']), env: serviceEnv(name, port), port, readyPath: '/readyz', countSql: options.countSql });
        started.push(service);
        subgraphs[name] = service;
      }),
    );
    return { subgraphs, databases, serviceEnv, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface GatewayVariant {
  mode: EntryMode;
  /** Extra gateway environment: SUBGRAPH_FETCHER, DEDUPLICATE_SUBGRAPH_REQUESTS, … */
  env?: Record<string, string>;
  nodeFlags?: string[];
}

/** One of our gateways in front of `urls` (name → URL, or several URLs comma-separated). */
export function startOurGateway(port: number, urls: Record<SubgraphName, string>, variant: GatewayVariant, name = 'gateway'): Promise<BenchProcess> {
  return spawnProcess({
    name,
    args: appArgs('gateway', variant.mode),
    port,
    readyPath: '/healthz',
    nodeFlags: variant.nodeFlags,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      APOLLO_TELEMETRY_DISABLED: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORG_URL: urls.org,
      DELIBERATION_URL: urls.deliberation,
      PROPERTY_URL: urls.property,
      FUND_URL: urls.fund,
      // The load comes from one address and one token: the limiter would answer 429 within a second.
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_IDENTITY: '0',
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'),
      ...variant.env,
    },
  });
}

/**
 * Hive Gateway (`hive-gateway supergraph`) on the committed supergraph with the subgraph URLs of this run, its
 * defaults otherwise, forwarding the Authorization header; `dedupe: false` switches its in-flight
 * de-duplication off (`transportEntries['*.http'].options.deduplicateInflightRequests`).
 */
export async function startHiveGateway(port: number, urls: Record<SubgraphName, string>, dedupe: boolean, workDir: string): Promise<BenchProcess> {
  mkdirSync(workDir, { recursive: true });
  const supergraph = readFileSync(path.join(ROOT, 'apps/gateway/supergraph.graphql'), 'utf8').replace(
    /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
    (whole, name: string) => (name in urls ? `@join__graph(name: "${name}", url: "${urls[name as SubgraphName]}")` : whole),
  );
  const supergraphPath = path.join(workDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraph);
  const configPath = path.join(workDir, `gateway-${dedupe ? 'default' : 'no-dedupe'}.config.mjs`);
  writeFileSync(
    configPath,
    `// Written by tools/bench/gateway.ts: Hive Gateway with its defaults, forwarding the bearer token.
export const gatewayConfig = {
  supergraph: ${JSON.stringify(supergraphPath)},
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
  },
${dedupe ? '' : "  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },\n"}};
`,
  );
  const bin = path.join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  if (!existsSync(bin)) throw new Error('@graphql-hive/gateway is not installed');
  return spawnProcess({
    name: dedupe ? 'hive' : 'hive-no-dedupe',
    args: [bin, 'supergraph', supergraphPath, '--config-path', configPath, '--host', '127.0.0.1', '--port', String(port)],
    port,
    readyPath: '/healthcheck',
    env: { NODE_ENV: 'production' },
  });
}

export async function startCeilingServer(port: number): Promise<BenchProcess> {
  return spawnProcess({ name: 'bare node:http', args: [path.join(ROOT, 'tools/bench/ceiling-server.mjs'), String(port)], port, readyPath: '/bytes/2', env: {} });
}
