import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { databaseUrl, dropDatabase } from '@gongzhi/platform-db';
import { DEV_KEYS_PATH } from '../dev/dev-keys';
import { SIZES, type SizeName } from '../seed/district';
import { BENCHMARKS_MD, machine, writeSection } from './report';
import { summarizeTargets } from './summary';

/**
 * `npm run bench`: every benchmark of issue 8 in one run on this machine, then docs/benchmarks.md.
 *   1. boots the whole stack with `npm start`'s own script on real PostgreSQL and NATS (fresh databases
 *      gz_bench_stack_<service>, a NATS prefix of its own, SQL statement counting on), or reuses a running one;
 *   2. seeds it (tools/seed, --size; medium by default);
 *   3. runs each benchmark as a child process, one after another: SQL per operation and indexes (sql.ts) and
 *      event lag (events.ts) on that stack; then stops it and runs the gateway path (gateway.ts), which starts
 *      every process it measures itself on the seeded databases; then bulk import (org-import.ts), ballots and
 *      tally (deliberation.ts), credit scores (property.ts) and ledger postings (fund.ts) on databases of their
 *      own; a benchmark that is missing or fails is noted and the run goes on;
 *   4. writes the summary (machine, versions, every target with its ratio) at the top of docs/benchmarks.md;
 *      each benchmark has written its own section.
 *
 *   npm run bench -- [--size small|medium|district] [--skip a,b] [--only a,b] [--seconds 8] [--connections 16]
 *                    [--port-base 5600] [--keep-stack] [--reuse --gateway-url URL --database-url URL --database-prefix P]
 *                    [--no-write]
 *
 * --no-write leaves docs/benchmarks.md as it is: sql, gateway and events are told so, and the write-path
 * benchmarks (which always write their section) are skipped.
 */
const ROOT = path.resolve(__dirname, '../..');
const BENCHES = ['seed', 'sql', 'events', 'gateway', 'org-import', 'deliberation', 'property', 'fund'] as const;
type BenchName = (typeof BENCHES)[number];

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'medium' },
    skip: { type: 'string', default: '' },
    only: { type: 'string', default: '' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '16' },
    'port-base': { type: 'string', default: '5600' },
    'keep-stack': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    'gateway-url': { type: 'string' },
    'database-url': { type: 'string' },
    'database-prefix': { type: 'string', default: 'gongzhi_' },
    keys: { type: 'string', default: DEV_KEYS_PATH },
    help: { type: 'boolean', default: false },
  },
});

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
const STACK_DB_PREFIX = 'gz_bench_stack_';
const SERVICES = ['org', 'deliberation', 'property', 'fund'] as const;

interface Outcome {
  name: BenchName;
  status: 'ok' | 'failed' | 'skipped' | 'missing';
  seconds: number;
  note?: string;
}

interface StackInfo {
  gatewayUrl: string;
  subgraphUrls: Record<(typeof SERVICES)[number], string>;
  serverUrl: string;
  dbPrefix: string;
  stop(): Promise<void>;
}

function say(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

function tsNode(file: string, argv: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, file), ...argv], {
    cwd: ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json') },
    stdio: 'inherit',
  });
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(url.replace(/\/graphql$/, '/readyz'))).ok;
  } catch {
    return false;
  }
}

/** Boots the stack with tools/dev/start.mjs on the benchmark's server, fresh databases and a NATS prefix of its own. */
async function bootStack(portBase: number): Promise<StackInfo> {
  const prefix = `gzb${Date.now().toString(36)}`;
  for (const service of SERVICES) await dropDatabase(SERVER, `${STACK_DB_PREFIX}${service}`);
  say(`booting the stack (gateway :${portBase}, subgraphs :${portBase + 1}–${portBase + 4}, databases ${STACK_DB_PREFIX}*, NATS prefix ${prefix}) …`);
  const child = spawn(process.execPath, [path.join(ROOT, 'tools/dev/start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: SERVER,
      NATS_URL: NATS,
      NATS_PREFIX: prefix,
      GATEWAY_PORT: String(portBase),
      GONGZHI_DB_PREFIX: STACK_DB_PREFIX,
      GONGZHI_SEED: 'none',
      SQL_STATEMENT_COUNT: 'true',
      LOG_LEVEL: 'warn',
      // The load generators send thousands of requests a second from one address and one token.
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_IDENTITY: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = exitOf(child);
  const gatewayUrl = `http://127.0.0.1:${portBase}/graphql`;
  const deadline = Date.now() + 240_000;
  while (!output.includes('Gongzhi is running')) {
    if (child.exitCode !== null) throw new Error(`the stack did not start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the stack did not start within 240 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!(await ready(gatewayUrl))) throw new Error(`the gateway at ${gatewayUrl} is not ready`);
  return {
    gatewayUrl,
    subgraphUrls: Object.fromEntries(SERVICES.map((s, i) => [s, `http://127.0.0.1:${portBase + 1 + i}/graphql`])) as StackInfo['subgraphUrls'],
    serverUrl: SERVER,
    dbPrefix: STACK_DB_PREFIX,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      }
      // The streams of this run's prefix go with it.
      const nc = await connect({ servers: NATS.split(','), name: 'bench-cleanup' }).catch(() => null);
      if (nc) {
        const jsm = await jetstreamManager(nc);
        for await (const stream of jsm.streams.list()) {
          if (stream.config.name.startsWith(`${prefix}_`)) await jsm.streams.delete(stream.config.name).catch(() => undefined);
        }
        await nc.close();
      }
    },
  };
}

function reusedStack(): StackInfo {
  const gatewayUrl = args['gateway-url'] ?? 'http://127.0.0.1:4000/graphql';
  const gateway = new URL(gatewayUrl);
  const serverUrl = args['database-url'] ?? `postgres://postgres:postgres@127.0.0.1:${process.env.GONGZHI_PG_PORT ?? 54329}/postgres`;
  return {
    gatewayUrl,
    subgraphUrls: Object.fromEntries(SERVICES.map((s, i) => [s, `${gateway.protocol}//${gateway.hostname}:${Number(gateway.port || 80) + 1 + i}/graphql`])) as StackInfo['subgraphUrls'],
    serverUrl,
    dbPrefix: args['database-prefix'],
    stop: async () => undefined,
  };
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

async function versions(stack: StackInfo | null): Promise<string[]> {
  const lines: string[] = [];
  const client = new Client({ connectionString: stack?.serverUrl ?? SERVER });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const sync = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    const autovacuum = await client.query<{ autovacuum: string }>('SHOW autovacuum');
    lines.push(`PostgreSQL ${rows[0]!.server_version} (synchronous_commit ${sync.rows[0]!.synchronous_commit}, autovacuum ${autovacuum.rows[0]!.autovacuum})`);
  } catch (error) {
    lines.push(`PostgreSQL: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const natsVersion = spawnSync(process.env.NATS_SERVER_BIN ?? 'nats-server', ['--version'], { encoding: 'utf8' });
  lines.push(natsVersion.status === 0 ? natsVersion.stdout.trim() : 'nats-server: version not found on PATH');
  const packages = ['@apollo/gateway', '@apollo/server', '@graphql-hive/gateway', 'graphql', 'type-graphql', 'typeorm', 'pg', '@nats-io/jetstream', 'undici'];
  lines.push(packages.map((p) => `${p} ${versionOf(p)}`).join(', '));
  return lines;
}

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write(`see the comment at the top of ${path.relative(process.cwd(), __filename)}\n`);
    return;
  }
  const size = args.size as SizeName;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, got "${args.size}"`);
  const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = [...list(args.skip), ...list(args.only)].filter((name) => !BENCHES.includes(name as BenchName));
  if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(', ')}: choose from ${BENCHES.join(', ')}`);
  const wanted = (name: BenchName) => (args.only ? list(args.only).includes(name) : !list(args.skip).includes(name));
  const portBase = Number(args['port-base']);
  if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65_000) throw new Error(`--port-base must be a port number, got "${args['port-base']}"`);

  const started = new Date();
  const loadBefore = loadavg();
  const outcomes: Outcome[] = [];
  const stack = args.reuse ? reusedStack() : await bootStack(portBase);
  const stop = async () => {
    if (!args['keep-stack']) await stack.stop().catch((error: unknown) => say(`stopping the stack: ${String(error)}`));
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  const versionLines = await versions(stack);
  const dbUrl = (service: string) => databaseUrl(stack.serverUrl, `${stack.dbPrefix}${service}`);

  const writesAlways: BenchName[] = ['org-import', 'deliberation', 'property', 'fund'];
  const run = async (name: BenchName, file: string, argv: string[], env: NodeJS.ProcessEnv = {}) => {
    if (!wanted(name) || (args['no-write'] && writesAlways.includes(name))) {
      outcomes.push({ name, status: 'skipped', seconds: 0 });
      return;
    }
    if (args['no-write'] && name !== 'seed') argv = [...argv, '--no-write'];
    if (!existsSync(path.join(ROOT, file))) {
      say(`${file} is not there yet: skipped`);
      outcomes.push({ name, status: 'missing', seconds: 0, note: `${file} not found` });
      return;
    }
    say(`── ${name}: ${file} ${argv.join(' ')}`);
    const t0 = Date.now();
    const code = await exitOf(tsNode(file, argv, env));
    const seconds = (Date.now() - t0) / 1000;
    outcomes.push({ name, status: code === 0 ? 'ok' : 'failed', seconds, ...(code === 0 ? {} : { note: `exit code ${code}` }) });
    say(`── ${name}: ${code === 0 ? 'done' : `FAILED (exit code ${code})`} in ${seconds.toFixed(0)} s`);
  };

  try {
    const stackArgs = ['--gateway', stack.gatewayUrl, '--database-url', stack.serverUrl, '--database-prefix', stack.dbPrefix, '--keys', args.keys];
    await run('seed', 'tools/seed/seed.ts', ['--size', size, ...stackArgs]);
    await run('sql', 'tools/bench/sql.ts', [...stackArgs]);
    await run('events', 'tools/bench/events.ts', [
      '--org-url',
      stack.subgraphUrls.org,
      '--org-database-url',
      dbUrl('org'),
      '--deliberation-database-url',
      dbUrl('deliberation'),
      '--fund-database-url',
      dbUrl('fund'),
      '--keys',
      args.keys,
    ]);
    // The gateway benchmark starts every process it measures itself (CPU per process, a second instance of the
    // busiest subgraph, profiles), on the seeded databases: the stack above stops first, its databases stay.
    await stop();
    await run('gateway', 'tools/bench/gateway.ts', [
      '--database-prefix',
      stack.dbPrefix,
      '--seconds',
      args.seconds,
      '--connections',
      args.connections,
      '--profile',
    ], { BENCH_DATABASE_URL: stack.serverUrl });
    // The write-path benchmarks make databases of their own on BENCH_DATABASE_URL, beside the seeded stack.
    await run('org-import', 'tools/bench/org-import.ts', ['--size', size]);
    await run('deliberation', 'tools/bench/deliberation.ts', []);
    await run('property', 'tools/bench/property.ts', []);
    await run('fund', 'tools/bench/fund.ts', []);
  } finally {
    await stop();
  }

  const loadAfter = loadavg();
  const doc = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '';
  const targets = summarizeTargets(doc);
  const minutes = (Date.now() - started.getTime()) / 60_000;
  const d = SIZES[size];
  const compounds = d.streets * d.communitiesPerStreet * d.compoundsPerCommunity;
  const lines = [
    `## Summary (\`npm run bench -- --size ${size}\`, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes.toFixed(0)} min)`,
    '',
    `Machine: ${machine()}. ${versionLines.join('; ')}.`,
    '',
    `Load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} before and ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} after the run, on ${cpus().length} cores` +
      (Math.max(loadBefore[0]!, loadAfter[0]!) > cpus().length ? ': the machine was busy with other work, so the figures are approximate.' : '.'),
    `The ${size} district (${compounds} compounds, ${compounds * d.dwellingsPerCompound} dwellings; tools/seed) was seeded into a stack started as \`npm start\` starts it`,
    `(each service and the gateway a process of its own), which served the SQL and event-lag benchmarks; the gateway benchmark then started its own processes on the same`,
    `databases, and the write-path benchmarks used databases of their own. Sections below are rewritten by the benchmark named in their heading; a section not rewritten in this run keeps its earlier date.`,
    '',
    '| target (issue 8) | measured | verdict | section |',
    '| --- | --- | --- | --- |',
    ...targets.map((t) => `| ${t.target} | ${t.measured} | ${t.verdict} | ${t.section} |`),
    '',
    '| benchmark | outcome | minutes |',
    '| --- | --- | --- |',
    ...outcomes.map((o) => `| ${o.name} | ${o.status}${o.note ? ` (${o.note})` : ''} | ${(o.seconds / 60).toFixed(1)} |`),
  ];
  if (!args['no-write']) writeSection('summary', lines.join('\n'), { first: true });
  process.stdout.write(`\n${lines.join('\n')}\n`);
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
