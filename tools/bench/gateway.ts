import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { print, type DocumentNode } from 'graphql';
import {
  AdminCompoundDashboardDocument,
  CompanyScoreHistoryDocument,
  FundStatementDocument,
  StreetOverdueMattersDocument,
  VoteLiveTallyDocument,
} from '@gongzhi/client';
import { generateDevKeyPair, mintToken } from '@gongzhi/platform-auth';
import { devToken, DEV_KEYS_PATH } from '../dev/dev-keys';
import {
  appArgs,
  buildDist,
  ROOT,
  spawnProcess,
  startCeilingServer,
  startHiveGateway,
  startOurGateway,
  startSubgraphs,
  SUBGRAPHS,
  type BenchProcess,
  type GatewayVariant,
  type Stack,
  type SubgraphName,
} from './gateway-stack';
import { summarizeProfile, type CpuProfile } from './cpu-profile';
import { medianRun, runLoad, type LoadResult, type LoadTarget } from './load';
import { machine, writeSection } from './report';
import { seedBenchDistrict } from './gateway-seed';

/**
 * The gateway path under load (issue 8): throughput and p50/p99 latency of five admin-console reads, each
 *   (a) through our gateway, (b) sent straight to the subgraph that owns it (for the cross-subgraph dashboard:
 *   its org part), (c) against a bare node:http server answering a JSON of the same size (the machine's
 *   ceiling), (d) through Hive Gateway on the same supergraph with its defaults and (e) with its in-flight
 *   de-duplication off; then the gateway's tuning steps before and after, and 1 vs 2 gateway processes and 1 vs 2
 *   instances of the busiest subgraph. Every server is a process of its own; the load generator (tools/bench/
 *   load.ts) is closed-loop with a fixed number of connections and runs in this process.
 *
 *   node tools/scripts/run-ts.mjs tools/bench/gateway.ts [--seconds 8] [--warmup 2] [--repeats 3]
 *     [--connections 16] [--port-base 5400] [--skip-seed] [--skip-hive] [--skip-tuning] [--skip-scaling]
 *     [--profile] [--no-write] [--database-prefix P]
 *     [--gateway-url URL --org-url URL --deliberation-url URL --property-url URL --fund-url URL [--keys FILE]]
 *
 * Without --gateway-url it starts its own stack (fresh databases on BENCH_DATABASE_URL, NATS at BENCH_NATS_URL or
 * nats://127.0.0.1:4222, the built output of `npm run build`) and seeds a small district through the gateway
 * (--skip-seed: the databases stay empty, only useful with an external seed). With --database-prefix it starts its
 * subgraphs on databases that exist already (`<P>org`, … on BENCH_DATABASE_URL: the district `npm run bench` seeded)
 * and seeds nothing; this is how `npm run bench` runs it, so that every process is the benchmark's own (CPU per
 * process, a second instance of the busiest subgraph, profiles) while the data is the seeded district's. With --gateway-url it measures a
 * running, seeded stack (tokens signed with the development keys of `npm start`, or --keys), and starts only
 * Hive Gateway, the ceiling server and the extra gateway processes itself.
 */
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    repeats: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    'port-base': { type: 'string', default: '5400' },
    'skip-seed': { type: 'boolean', default: false },
    'skip-hive': { type: 'boolean', default: false },
    'skip-tuning': { type: 'boolean', default: false },
    'skip-scaling': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'gateway-url': { type: 'string' },
    'org-url': { type: 'string' },
    'deliberation-url': { type: 'string' },
    'property-url': { type: 'string' },
    'fund-url': { type: 'string' },
    'database-prefix': { type: 'string' },
    keys: { type: 'string' },
    only: { type: 'string' },
  },
});

const positive = (name: string, value: string | undefined): number => {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number, got "${value}"`);
  return number;
};
const SECONDS = positive('seconds', args.seconds);
const WARMUP = Number(args.warmup ?? 0);
const REPEATS = Math.round(positive('repeats', args.repeats));
const CONNECTIONS = Math.round(positive('connections', args.connections));
const PORT_BASE = Math.round(positive('port-base', args['port-base']));
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Every port this benchmark listens on lies in --port-base … --port-base + 29 (the subgraphs of its own stack: + 10 … + 13). */
const PORTS = {
  gateway: PORT_BASE,
  gateway2: PORT_BASE + 1,
  variant: PORT_BASE + 2,
  hive: PORT_BASE + 3,
  hiveNoDedupe: PORT_BASE + 4,
  ceiling: PORT_BASE + 5,
  secondInstance: PORT_BASE + 6,
  scaled: PORT_BASE + 7,
  scaled2: PORT_BASE + 8,
  tuningSteps: PORT_BASE + 20,
  profiledGateway: PORT_BASE + 27,
  profiledSubgraph: PORT_BASE + 28,
};

/** One admin-console read: the document through the gateway, and the part sent straight to its subgraph. */
interface Operation {
  name: string;
  label: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
  owner: SubgraphName;
  direct: { query: string; variables: Record<string, unknown>; label: string };
  crossSubgraph: boolean;
}

const COMPOUND_SUMMARY = `query CompoundSummary($id: ID!) {
  compound(id: $id) { id name code type managementMode community { code name } }
}`;

interface TuningStep {
  step: string;
  variant: GatewayVariant;
  /** Compare with this step (index) instead of the previous one: an alternative, not a step forward. */
  compareTo?: number;
  results?: Map<string, Measured>;
}

/** A measured run: the median of the repeats by throughput, with CPU per request of the processes involved. */
interface Measured extends LoadResult {
  label: string;
  cpuMsPerRequest: Record<string, number>;
}

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
const rounded = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const ratio = (value: number, base: number) => (base > 0 && Number.isFinite(value) ? `${(value / base).toFixed(2)}×` : '–');

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string }[]; bytes: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body(query, variables) });
  const text = await response.text();
  return { ...(JSON.parse(text) as { data?: T; errors?: { message: string }[] }), bytes: Buffer.byteLength(text) };
}

/** Finds the sample entities by asking the gateway, as a console would: the busiest compound, vote and fund. */
async function discoverOperations(gatewayUrl: string, token: string): Promise<Operation[]> {
  const must = <T>(what: string, answer: { data?: T; errors?: { message: string }[] }): T => {
    if (answer.errors?.length || !answer.data) throw new Error(`${what}: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    return answer.data;
  };
  const compounds = must(
    'compounds',
    await graphql<{ compounds: { nodes: { id: string; scopePath: string }[] } }>(gatewayUrl, token, `{ compounds(first: 30) { nodes { id scopePath } } }`, {}),
  ).compounds.nodes;
  if (compounds.length === 0) throw new Error('no compounds: seed the district first (or drop --skip-seed)');
  let best = { id: compounds[0]!.id, scopePath: compounds[0]!.scopePath, weight: -1 };
  for (const compound of compounds) {
    const dashboard = await graphql<{ compound: { matters: { nodes: unknown[] }; serviceAssignments: { nodes: unknown[] }; funds: { nodes: unknown[] } } }>(
      gatewayUrl,
      token,
      print(AdminCompoundDashboardDocument),
      { id: compound.id },
    );
    const c = dashboard.data?.compound;
    const weight = c ? c.matters.nodes.length + 3 * c.serviceAssignments.nodes.length + 3 * c.funds.nodes.length : -1;
    if (weight > best.weight) best = { ...compound, weight };
  }
  const street = `/${best.scopePath.split('/').filter(Boolean).slice(0, 2).join('/')}/`;

  const votes = must('votes', await graphql<{ votes: { nodes: { id: string }[] } }>(gatewayUrl, token, `{ votes(first: 30) { nodes { id } } }`, {})).votes.nodes;
  if (votes.length === 0) throw new Error('no votes in the district: seed one');
  let vote = { id: votes[0]!.id, ballots: -1 };
  for (const { id } of votes) {
    const tally = await graphql<{ vote: { ballotsCast: number } | null }>(gatewayUrl, token, print(VoteLiveTallyDocument), { id });
    if ((tally.data?.vote?.ballotsCast ?? -1) > vote.ballots) vote = { id, ballots: tally.data!.vote!.ballotsCast };
  }

  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const funds = must('funds', await graphql<{ funds: { nodes: { id: string }[] } }>(gatewayUrl, token, `{ funds(first: 30) { nodes { id } } }`, {})).funds.nodes;
  if (funds.length === 0) throw new Error('no funds in the district: seed one');
  let fund = { id: funds[0]!.id, lines: -1 };
  for (const { id } of funds) {
    const statement = await graphql<{ incomeStatement: { income: unknown[]; expenses: unknown[] } }>(gatewayUrl, token, print(FundStatementDocument), { fundId: id, from: yearAgo, to: today });
    const lines = statement.data ? statement.data.incomeStatement.income.length + statement.data.incomeStatement.expenses.length : -1;
    if (lines > fund.lines) fund = { id, lines };
  }

  const single = (name: string, label: string, document: DocumentNode, variables: Record<string, unknown>, owner: SubgraphName): Operation => ({
    name,
    label,
    document,
    variables,
    owner,
    direct: { query: print(document), variables, label: `${owner} subgraph directly` },
    crossSubgraph: false,
  });
  return [
    {
      name: 'AdminCompoundDashboard',
      label: 'compound dashboard (org + deliberation + property + fund)',
      document: AdminCompoundDashboardDocument,
      variables: { id: best.id },
      owner: 'org',
      direct: { query: COMPOUND_SUMMARY, variables: { id: best.id }, label: 'its org part directly (CompoundSummary)' },
      crossSubgraph: true,
    },
    single('StreetOverdueMatters', "a street's overdue matters", StreetOverdueMattersDocument, { scope: street, first: 20 }, 'deliberation'),
    single('VoteLiveTally', "a vote's live tally", VoteLiveTallyDocument, { id: vote.id }, 'deliberation'),
    single('CompanyScoreHistory', "companies' credit-score history", CompanyScoreHistoryDocument, { first: 10, history: 12 }, 'property'),
    single('FundStatement', 'a fund statement (a year)', FundStatementDocument, { fundId: fund.id, from: yearAgo, to: today }, 'fund'),
  ];
}

/** Accepts HTTP 200 answers without GraphQL errors. */
const accept = (status: number, text: string) => status === 200 && !text.includes('"errors"');

async function measure(label: string, targets: LoadTarget[], processes: BenchProcess[], repeat: number): Promise<LoadResult & { cpu: Record<string, number> }> {
  const before: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const result = await runLoad(targets, {
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    accept,
    onWindow: (edge) => {
      for (const p of processes) {
        if (edge === 'start') before[p.name] = p.cpuSeconds();
        else cpu[p.name] = p.cpuSeconds() - before[p.name]!;
      }
    },
  });
  process.stdout.write(
    `  ${label.padEnd(58)} #${repeat + 1}: ${rounded(result.rps).padStart(6)} req/s  p50 ${rounded(result.p50, 1)} ms  p99 ${rounded(result.p99, 1)} ms${result.errors ? `  ${result.errors} errors (${result.firstError})` : ''}\n`,
  );
  return { ...result, cpu };
}

interface Scenario {
  key: string;
  label: string;
  targets: LoadTarget[];
  processes: BenchProcess[];
}

/** Runs every scenario `REPEATS` times, interleaved (so a disturbance hits all alike), and keeps the median run. */
async function measureAll(scenarios: Scenario[]): Promise<Map<string, Measured>> {
  const runs = new Map<string, (LoadResult & { cpu: Record<string, number> })[]>();
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const scenario of scenarios) {
      const result = await measure(scenario.label, scenario.targets, scenario.processes, repeat);
      runs.set(scenario.key, [...(runs.get(scenario.key) ?? []), result]);
    }
  }
  const measured = new Map<string, Measured>();
  for (const scenario of scenarios) {
    const all = runs.get(scenario.key)!;
    const median = medianRun(all) as LoadResult & { cpu: Record<string, number> };
    const served = median.requests || 1;
    measured.set(scenario.key, {
      ...median,
      label: scenario.label,
      cpuMsPerRequest: Object.fromEntries(Object.entries(median.cpu).map(([name, seconds]) => [name, (seconds * 1000) / served])),
    });
  }
  return measured;
}

/**
 * SQL statements per request of each operation, per subgraph, over 20 requests one after another through the
 * gateway. Subgraphs started with SQL_STATEMENT_COUNT=true (as `npm run bench` starts them) count by request id
 * (`/debug/sql-statements`); the benchmark's own stack counts in each process (tools/bench/sql-counter.cjs).
 */
async function countSql(
  ops: Operation[],
  gatewayUrl: string,
  token: string,
  subgraphUrls: Record<SubgraphName, string>,
  processes?: Record<SubgraphName, BenchProcess>,
): Promise<{ counts: Map<string, Record<SubgraphName, number>>; how: string } | undefined> {
  const n = 20;
  const debugCount = async (name: SubgraphName, requestId: string): Promise<number | undefined> => {
    try {
      const answer = await fetch(`${new URL(subgraphUrls[name]).origin}/debug/sql-statements?requestId=${encodeURIComponent(requestId)}`);
      if (!answer.ok) return undefined;
      return ((await answer.json()) as { statements?: number }).statements;
    } catch {
      return undefined;
    }
  };
  const byRequestId = (await debugCount('org', 'probe')) !== undefined;
  if (!byRequestId && !processes) return undefined;
  const counts = new Map<string, Record<SubgraphName, number>>();
  for (const op of ops) {
    const requestId = `bench-gateway-${op.name}-${Date.now()}`;
    if (!byRequestId) await Promise.all(SUBGRAPHS.map((name) => processes![name].sqlCount(true)));
    for (let i = 0; i < n; i++) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
        body: body(print(op.document), op.variables),
      });
      await response.arrayBuffer();
    }
    const after = await Promise.all(SUBGRAPHS.map(async (name) => (byRequestId ? ((await debugCount(name, requestId)) ?? Number.NaN) : processes![name].sqlCount())));
    counts.set(op.name, Object.fromEntries(SUBGRAPHS.map((name, i) => [name, after[i]! / n])) as Record<SubgraphName, number>);
  }
  return { counts, how: byRequestId ? 'by request id in each subgraph (SQL_STATEMENT_COUNT=true, `/debug/sql-statements`)' : 'in each subgraph process (a benchmark-only preload wrapping pg’s `Client#query`)' };
}

function target(url: string, token: string, query: string, variables: Record<string, unknown>): LoadTarget {
  return { url, headers: { authorization: `Bearer ${token}` }, body: body(query, variables) };
}

async function main(): Promise<void> {
  const started = new Date();
  const loadBefore = loadavg();
  const cleanups: (() => Promise<void>)[] = [];
  const workDir = path.join(tmpdir(), `gongzhi-bench-gateway-${process.pid}`);
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`));
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    process.stdout.write('building dist/ …\n');
    buildDist();
    const external = args['gateway-url'];
    let token: string;
    let stack: Stack | undefined;
    let subgraphUrls: Record<SubgraphName, string>;
    let gateway: BenchProcess | undefined;
    let gatewayUrl: string;

    if (external) {
      const missing = SUBGRAPHS.filter((name) => !args[`${name}-url`]);
      if (missing.length) throw new Error(`with --gateway-url, give ${missing.map((m) => `--${m}-url`).join(', ')} too (the direct measurements need them)`);
      subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, args[`${name}-url`]!])) as Record<SubgraphName, string>;
      gatewayUrl = external;
      token = await devToken(['platform_admin'], ['/'], 'bench-gateway', '2h', args.keys ?? DEV_KEYS_PATH);
    } else {
      const keys = await generateDevKeyPair();
      const auth = { issuer: 'https://gongzhi.local/bench', audience: 'gongzhi', jwks: JSON.stringify(keys.publicJwks) };
      token = await mintToken(keys.privateJwk, { sub: 'bench-admin', roles: ['platform_admin'], scopes: ['/'] }, { issuer: auth.issuer, audience: auth.audience, expiresIn: '4h' });
      process.stdout.write('starting the four subgraphs on fresh databases …\n');
      const existingDatabasePrefix = args['database-prefix'];
      stack = await startSubgraphs({ serverUrl: SERVER_URL, natsUrl: NATS_URL, portBase: PORT_BASE, auth, countSql: true, ...(existingDatabasePrefix ? { existingDatabasePrefix } : {}) });
      cleanups.push(() => stack!.stop());
      subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, stack!.subgraphs[name].url])) as Record<SubgraphName, string>;
      gateway = await startOurGateway(PORTS.gateway, subgraphUrls, { mode: 'dist' });
      cleanups.push(() => gateway!.stop());
      gatewayUrl = gateway.url;
      if (!args['skip-seed'] && !existingDatabasePrefix) {
        process.stdout.write('seeding a small district through the gateway …\n');
        await seedBenchDistrict(gatewayUrl, token);
      }
    }

    let ops = await discoverOperations(gatewayUrl, token);
    if (args.only) ops = ops.filter((op) => args.only!.split(',').includes(op.name));
    const sizes = new Map<string, number>();
    for (const op of ops) {
      const through = await graphql(gatewayUrl, token, print(op.document), op.variables);
      if (through.errors) throw new Error(`${op.name} through the gateway: ${JSON.stringify(through.errors)}`);
      const direct = await graphql(subgraphUrls[op.owner], token, op.direct.query, op.direct.variables);
      if (direct.errors) throw new Error(`${op.name} directly: ${JSON.stringify(direct.errors)}`);
      sizes.set(op.name, through.bytes);
      process.stdout.write(`${op.name}: ${through.bytes} bytes through the gateway, ${direct.bytes} bytes directly\n`);
    }
    const sql = await countSql(ops, gatewayUrl, token, subgraphUrls, stack?.subgraphs);

    // Gateways of the comparison. Ours in its production configuration runs in-flight de-duplication; the
    // de-duplication-off run is what compares fairly with the direct subgraph.
    const ourGateway = gateway ?? (await startOurGateway(PORTS.gateway, subgraphUrls, { mode: 'dist' }));
    if (!gateway) cleanups.push(() => ourGateway.stop());
    const ourNoDedupe = await startOurGateway(PORTS.variant, subgraphUrls, { mode: 'dist', env: { DEDUPLICATE_SUBGRAPH_REQUESTS: 'false' } }, 'gateway-no-dedupe');
    cleanups.push(() => ourNoDedupe.stop());
    const ceiling = await startCeilingServer(PORTS.ceiling);
    cleanups.push(() => ceiling.stop());
    let hive: BenchProcess | undefined;
    let hiveNoDedupe: BenchProcess | undefined;
    if (!args['skip-hive']) {
      hive = await startHiveGateway(PORTS.hive, subgraphUrls, true, workDir);
      cleanups.push(() => hive!.stop());
      hiveNoDedupe = await startHiveGateway(PORTS.hiveNoDedupe, subgraphUrls, false, workDir);
      cleanups.push(() => hiveNoDedupe!.stop());
      for (const op of ops) {
        const answer = await graphql(hive.url, token, print(op.document), op.variables);
        if (answer.errors) throw new Error(`${op.name} through Hive Gateway: ${JSON.stringify(answer.errors)}`);
      }
    }
    const subgraphProcesses = stack ? SUBGRAPHS.map((name) => stack!.subgraphs[name]) : [];

    // 1. Every operation against every target.
    const scenarios: Scenario[] = [];
    for (const op of ops) {
      const query = print(op.document);
      scenarios.push({ key: `${op.name}:direct`, label: `${op.name} → ${op.owner} directly`, targets: [target(subgraphUrls[op.owner], token, op.direct.query, op.direct.variables)], processes: subgraphProcesses });
      scenarios.push({ key: `${op.name}:ours`, label: `${op.name} → our gateway`, targets: [target(ourGateway.url, token, query, op.variables)], processes: [ourGateway, ...subgraphProcesses] });
      scenarios.push({ key: `${op.name}:ours-no-dedupe`, label: `${op.name} → our gateway, no de-duplication`, targets: [target(ourNoDedupe.url, token, query, op.variables)], processes: [ourNoDedupe, ...subgraphProcesses] });
      if (hive && hiveNoDedupe) {
        scenarios.push({ key: `${op.name}:hive`, label: `${op.name} → Hive Gateway (defaults)`, targets: [target(hive.url, token, query, op.variables)], processes: [hive, ...subgraphProcesses] });
        scenarios.push({ key: `${op.name}:hive-no-dedupe`, label: `${op.name} → Hive Gateway, no de-duplication`, targets: [target(hiveNoDedupe.url, token, query, op.variables)], processes: [hiveNoDedupe, ...subgraphProcesses] });
      }
      scenarios.push({ key: `${op.name}:ceiling`, label: `${op.name} → bare node:http (${sizes.get(op.name)} B)`, targets: [target(`${ceiling.url.replace('/graphql', '')}/bytes/${sizes.get(op.name)}`, token, query, op.variables)], processes: [ceiling] });
    }
    process.stdout.write(`measuring ${scenarios.length} scenarios × ${REPEATS} repeats, ${WARMUP} s warm-up + ${SECONDS} s each, ${CONNECTIONS} connections …\n`);
    const results = await measureAll(scenarios);

    // 2. The tuning steps, before and after, on the dashboard and one single-subgraph read.
    const tuningOps = ops.filter((op) => op.name === 'AdminCompoundDashboard' || op.name === 'VoteLiveTally');
    const noDedupe = { DEDUPLICATE_SUBGRAPH_REQUESTS: 'false' };
    const tuning: TuningStep[] = [
      { step: 'before: TypeScript through @swc-node/register, Apollo’s default fetcher (make-fetch-happen)', variant: { mode: 'ts', env: { SUBGRAPH_FETCHER: 'make-fetch-happen', ...noDedupe } } },
      { step: '+ built JavaScript (dist/)', variant: { mode: 'dist', env: { SUBGRAPH_FETCHER: 'make-fetch-happen', ...noDedupe } } },
      { step: '+ undici fetcher: pooled keep-alive connections, no node-fetch objects per request', variant: { mode: 'dist', env: noDedupe } },
      { step: '+ in-flight de-duplication (the production configuration)', variant: { mode: 'dist', env: {} } },
      { step: 'for comparison: the undici fetcher with 4 requests pipelined per connection (de-duplication off)', variant: { mode: 'dist', env: { SUBGRAPH_PIPELINING: '4', ...noDedupe } }, compareTo: 2 },
    ];
    if (!args['skip-tuning']) {
      process.stdout.write('tuning steps …\n');
      const gateways = await Promise.all(tuning.map((step, i) => startOurGateway(PORTS.tuningSteps + i, subgraphUrls, step.variant, `gateway-step-${i + 1}`)));
      cleanups.push(() => Promise.all(gateways.map((g) => g.stop())).then(() => undefined));
      const measured = await measureAll(
        tuning.flatMap((_step, i) =>
          tuningOps.map((op) => ({
            key: `${i}:${op.name}`,
            label: `${op.name} → step ${i + 1}`,
            targets: [target(gateways[i]!.url, token, print(op.document), op.variables)],
            processes: [gateways[i]!, ...subgraphProcesses],
          })),
        ),
      );
      tuning.forEach((step, i) => (step.results = new Map(tuningOps.map((op) => [op.name, measured.get(`${i}:${op.name}`)!]))));
    }

    // 3. Scaling out: 1 vs 2 gateway processes (two ports, round-robin per connection in the load generator),
    //    and 1 vs 2 instances of the busiest subgraph (the gateway spreads over both, undici BalancedPool).
    const scaling: { label: string; result: Measured }[] = [];
    // The busiest subgraph: the most CPU per dashboard request.
    const base = results.get('AdminCompoundDashboard:ours-no-dedupe');
    const busiest: SubgraphName | undefined =
      base && stack ? SUBGRAPHS.reduce((a, b) => ((base.cpuMsPerRequest[a] ?? 0) >= (base.cpuMsPerRequest[b] ?? 0) ? a : b)) : undefined;
    const dashboard = ops.find((op) => op.name === 'AdminCompoundDashboard');
    if (!args['skip-scaling'] && dashboard) {
      process.stdout.write('scaling out …\n');
      const query = print(dashboard.document);
      const plain: GatewayVariant = { mode: 'dist', env: noDedupe };
      const second = await startOurGateway(PORTS.gateway2, subgraphUrls, plain, 'gateway-2');
      cleanups.push(() => second.stop());
      const scenarios2: Scenario[] = [
        { key: '1g', label: '1 gateway process', targets: [target(ourNoDedupe.url, token, query, dashboard.variables)], processes: [ourNoDedupe, ...subgraphProcesses] },
        {
          key: '2g',
          label: '2 gateway processes (2 ports, round-robin per connection)',
          targets: [target(ourNoDedupe.url, token, query, dashboard.variables), target(second.url, token, query, dashboard.variables)],
          processes: [ourNoDedupe, second, ...subgraphProcesses],
        },
      ];
      if (busiest && stack) {
        const extra = await spawnProcess({
          name: `${busiest}-2`,
          args: appArgs(busiest, 'dist', ['serve']),
          env: stack.serviceEnv(busiest, PORTS.secondInstance),
          port: PORTS.secondInstance,
          readyPath: '/readyz',
        });
        cleanups.push(() => extra.stop());
        const spread = { ...subgraphUrls, [busiest]: `${subgraphUrls[busiest]},${extra.url}` };
        const scaled = await startOurGateway(PORTS.scaled, spread, plain, 'gateway-scaled');
        cleanups.push(() => scaled.stop());
        const scaled2 = await startOurGateway(PORTS.scaled2, spread, plain, 'gateway-scaled-2');
        cleanups.push(() => scaled2.stop());
        scenarios2.push(
          { key: '1g2s', label: `1 gateway process, 2 ${busiest} instances`, targets: [target(scaled.url, token, query, dashboard.variables)], processes: [scaled, extra, ...subgraphProcesses] },
          {
            key: '2g2s',
            label: `2 gateway processes, 2 ${busiest} instances`,
            targets: [target(scaled.url, token, query, dashboard.variables), target(scaled2.url, token, query, dashboard.variables)],
            processes: [scaled, scaled2, extra, ...subgraphProcesses],
          },
        );
      }
      const measured = await measureAll(scenarios2);
      for (const scenario of scenarios2) scaling.push({ label: scenario.label, result: measured.get(scenario.key)! });
    }

    // 4. Where the CPU goes: CPU profiles of the gateway and of one subgraph under the dashboard load (a second,
    //    profiled instance of the busiest subgraph, which the profiled gateway alone sends to).
    const profiles: { title: string; table: string }[] = [];
    if (args.profile && dashboard) {
      process.stdout.write('profiling the gateway and a subgraph under the dashboard load …\n');
      const dir = path.join(workDir, 'cpu-prof');
      const flags = (name: string) => {
        mkdirSync(path.join(dir, name), { recursive: true });
        return ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, name)}`];
      };
      const profiledSubgraph = busiest ?? 'property';
      const urls = { ...subgraphUrls };
      let subgraphInstance: BenchProcess | undefined;
      if (stack) {
        subgraphInstance = await spawnProcess({
          name: `${profiledSubgraph}-profiled`,
          args: appArgs(profiledSubgraph, 'dist', ['serve']),
          env: stack.serviceEnv(profiledSubgraph, PORTS.profiledSubgraph),
          port: PORTS.profiledSubgraph,
          readyPath: '/readyz',
          nodeFlags: flags('subgraph'),
        });
        urls[profiledSubgraph] = subgraphInstance.url;
      }
      const profiled = await startOurGateway(PORTS.profiledGateway, urls, { mode: 'dist', env: { DEDUPLICATE_SUBGRAPH_REQUESTS: 'false' }, nodeFlags: flags('gateway') }, 'gateway-profiled');
      await runLoad([target(profiled.url, token, print(dashboard.document), dashboard.variables)], { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, accept });
      await profiled.stop();
      await subgraphInstance?.stop();
      for (const [name, title] of [
        ['gateway', 'the gateway'],
        ['subgraph', `the ${profiledSubgraph} subgraph`],
      ] as const) {
        const folder = path.join(dir, name);
        const file = existsSync(folder) ? readdirSync(folder).find((f) => f.endsWith('.cpuprofile')) : undefined;
        if (file) profiles.push({ title, table: summarizeProfile(JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as CpuProfile, 15, SECONDS * 1000) });
      }
    }

    const loadAfter = loadavg();
    const markdown = report({ started, loadBefore, loadAfter, ops, sizes, results, sql, tuning, tuningOps, scaling, busiest, profiles, external: Boolean(external), ...(args['database-prefix'] && !external ? { seededPrefix: args['database-prefix'] } : {}), hive: Boolean(hive) });
    if (args['no-write']) process.stdout.write(`\n${markdown}\n`);
    else {
      writeSection('gateway', markdown);
      process.stdout.write('wrote the gateway section of docs/benchmarks.md\n');
    }
  } finally {
    await stopAll();
  }
}

interface ReportInput {
  started: Date;
  loadBefore: number[];
  loadAfter: number[];
  ops: Operation[];
  sizes: Map<string, number>;
  results: Map<string, Measured>;
  sql?: { counts: Map<string, Record<SubgraphName, number>>; how: string };
  tuning: TuningStep[];
  tuningOps: Operation[];
  scaling: { label: string; result: Measured }[];
  busiest?: SubgraphName;
  profiles: { title: string; table: string }[];
  external: boolean;
  /** The prefix of the seeded databases the benchmark's own subgraphs served, if any. */
  seededPrefix?: string;
  hive: boolean;
}

function report(input: ReportInput): string {
  const { results, ops } = input;
  const gatewayCpu = (m: Measured | undefined) => {
    if (!m) return '–';
    const own = Object.entries(m.cpuMsPerRequest).find(([name]) => name.startsWith('gateway') || name.startsWith('hive'));
    return own ? rounded(own[1], 2) : '–';
  };
  const lines: string[] = [
    `## gateway: the admin-console path under load (\`node tools/scripts/run-ts.mjs tools/bench/gateway.ts\`)`,
    '',
    `Machine: ${machine()}; PostgreSQL, NATS, the four subgraphs, the gateways and the load generator all on this machine. ` +
      `Measured ${input.started.toISOString().slice(0, 16).replace('T', ' ')} UTC; load average ${input.loadBefore.map((l) => l.toFixed(2)).join(' / ')} before, ` +
      `${input.loadAfter.map((l) => l.toFixed(2)).join(' / ')} after (${cpus().length} cores).`,
    '',
    `Versions: @apollo/gateway ${version('@apollo/gateway')}, @apollo/server ${version('@apollo/server')}, graphql ${version('graphql')}, undici ${version('undici')}, ` +
      `@graphql-hive/gateway ${version('@graphql-hive/gateway')}, Node ${process.version}.`,
    '',
    `Load: closed loop, ${CONNECTIONS} keep-alive connections each sending the next request when the last answer is read, ` +
      `${WARMUP} s warm-up then ${SECONDS} s measured, ${REPEATS} repeats interleaved across targets, the median repeat by throughput shown; ` +
      `every request is the same operation with the same variables and the same token (a platform administrator), so in-flight ` +
      `de-duplication can share subgraph fetches between concurrent requests. Only HTTP 200 answers without GraphQL errors count. ` +
      `Servers run from the built output (\`npm run build\`, NODE_ENV=production), each in its own process; rate limits off.` +
      (input.external
        ? ' The stack was started outside the benchmark.'
        : input.seededPrefix
          ? ` The benchmark started its own subgraphs on the seeded district of \`npm run bench\` (databases \`${input.seededPrefix}*\`), with a preload counting SQL statements by wrapping pg's \`Client#query\`.`
          : ' The benchmark started the stack on fresh databases and seeded a small district through the gateway.'),
    '',
    '### Per operation',
    '',
    '“÷ direct” is throughput over the same read sent straight to the owning subgraph (for the dashboard: its org part alone, as issue 8 defines it). ' +
      'CPU is the gateway’s (or Hive’s) CPU milliseconds per request over the measured window.',
    '',
  ];
  for (const op of ops) {
    const direct = results.get(`${op.name}:direct`);
    lines.push(`**${op.name}** — ${op.label}; ${input.sizes.get(op.name)} bytes answered`, '', '| target | req/s | p50 ms | p99 ms | ÷ direct | gateway CPU ms/req |', '| --- | --- | --- | --- | --- | --- |');
    const row = (key: string, label: string) => {
      const m = results.get(`${op.name}:${key}`);
      if (!m) return;
      lines.push(`| ${label} | ${rounded(m.rps)} | ${rounded(m.p50, 1)} | ${rounded(m.p99, 1)} | ${direct ? ratio(m.rps, direct.rps) : '–'} | ${key === 'direct' || key === 'ceiling' ? '–' : gatewayCpu(m)} |`);
    };
    row('direct', op.direct.label);
    row('ours', 'our gateway (production configuration, de-duplication on)');
    row('ours-no-dedupe', 'our gateway, de-duplication off');
    row('hive', 'Hive Gateway, defaults (de-duplication on)');
    row('hive-no-dedupe', 'Hive Gateway, de-duplication off');
    row('ceiling', `bare node:http, fixed ${input.sizes.get(op.name)}-byte JSON (ceiling)`);
    lines.push('');
  }

  lines.push('### Targets of issue 8', '', '| target | operation | measured | verdict |', '| --- | --- | --- | --- |');
  const verdict = (value: number, goal: number) => (value >= goal ? `met (${(value / goal).toFixed(2)}× the goal)` : `missed by ${Math.round((1 - value / goal) * 100)}%`);
  for (const op of ops) {
    const direct = results.get(`${op.name}:direct`);
    const goal = op.crossSubgraph ? 0.25 : 0.5;
    for (const [key, label] of [
      ['ours-no-dedupe', 'de-duplication off'],
      ['ours', 'de-duplication on'],
    ] as const) {
      const m = results.get(`${op.name}:${key}`);
      if (direct && m) lines.push(`| gateway ≥ ${goal}× direct (${label}) | ${op.name} | ${ratio(m.rps, direct.rps)} | ${verdict(m.rps / direct.rps, goal)} |`);
    }
    const hive = results.get(`${op.name}:hive`);
    const ours = results.get(`${op.name}:ours`);
    if (hive && ours) lines.push(`| ours ≥ Hive Gateway, both with defaults | ${op.name} | ${ratio(ours.rps, hive.rps)} | ${verdict(ours.rps / hive.rps, 1)} |`);
    const hiveOff = results.get(`${op.name}:hive-no-dedupe`);
    const oursOff = results.get(`${op.name}:ours-no-dedupe`);
    if (hiveOff && oursOff) lines.push(`| ours ≥ Hive Gateway, both without de-duplication | ${op.name} | ${ratio(oursOff.rps, hiveOff.rps)} | ${verdict(oursOff.rps / hiveOff.rps, 1)} |`);
  }
  lines.push('');

  if (input.sql) {
    lines.push(
      '### SQL statements per request',
      '',
      `Counted ${input.sql.how}, over 20 requests one after another through the gateway; BEGIN/COMMIT count as statements. ` +
        'The statements themselves and their plans are in the SQL section (tools/bench/sql.ts).',
      '',
      `| operation | ${SUBGRAPHS.join(' | ')} | total |`,
      `| --- | ${SUBGRAPHS.map(() => '---').join(' | ')} | --- |`,
    );
    for (const op of ops) {
      const counts = input.sql.counts.get(op.name);
      if (!counts) continue;
      const total = SUBGRAPHS.reduce((sum, name) => sum + counts[name], 0);
      lines.push(`| ${op.name} | ${SUBGRAPHS.map((name) => rounded(counts[name], 1)).join(' | ')} | ${rounded(total, 1)} |`);
    }
    lines.push('');
  }

  if (input.tuning.some((t) => t.results)) {
    lines.push(
      '### Tuning, step by step',
      '',
      'Each step is our gateway with the changes above it, all measured in the same run, interleaved; the ratio is throughput against the previous step (or the step named).',
      '',
      '| step | ' + input.tuningOps.map((op) => `${op.name} req/s (gateway CPU ms/req)`).join(' | ') + ' | ' + input.tuningOps.map((op) => `${op.name} ×`).join(' | ') + ' |',
      '| --- | ' + input.tuningOps.map(() => '---').join(' | ') + ' | ' + input.tuningOps.map(() => '---').join(' | ') + ' |',
    );
    input.tuning.forEach((step, i) => {
      if (!step.results) return;
      const base = step.compareTo !== undefined ? input.tuning[step.compareTo] : input.tuning[i - 1];
      const cells = input.tuningOps.map((op) => {
        const m = step.results!.get(op.name);
        return m ? `${rounded(m.rps)} (${gatewayCpu(m)})` : '–';
      });
      const gains = input.tuningOps.map((op) => {
        const m = step.results!.get(op.name);
        const p = base?.results?.get(op.name);
        return m && p ? `${ratio(m.rps, p.rps)}${step.compareTo !== undefined ? ` of step ${step.compareTo + 1}` : ''}` : '–';
      });
      lines.push(`| ${i + 1}. ${step.step} | ${cells.join(' | ')} | ${gains.join(' | ')} |`);
    });
    lines.push('');
  }

  if (input.scaling.length) {
    const base = input.scaling[0]!.result.rps;
    lines.push(
      '### Scaling out (the dashboard, de-duplication off)',
      '',
      'Two gateway processes listen on two ports; the load generator spreads its connections over them round-robin (in production: ' +
        'any HTTP load balancer, or one process per core behind the container platform). Two instances of the busiest subgraph ' +
        `(${input.busiest ?? '–'}, by CPU per dashboard request) share one database; the gateway spreads its requests over both ` +
        '(several URLs in `<NAME>_URL`, undici `BalancedPool`).',
      '',
      '| configuration | req/s | p50 ms | p99 ms | × 1 process |',
      '| --- | --- | --- | --- | --- |',
      ...input.scaling.map(({ label, result }) => `| ${label} | ${rounded(result.rps)} | ${rounded(result.p50, 1)} | ${rounded(result.p99, 1)} | ${ratio(result.rps, base)} |`),
      '',
      `With ${cpus().length} cores shared by PostgreSQL, the subgraphs, the gateways and the load generator, a second process can only help while a core is idle; ` +
        'see the CPU split per process below.',
      '',
    );
  }

  const dashboardRun = results.get('AdminCompoundDashboard:ours-no-dedupe');
  if (dashboardRun) {
    lines.push(
      '### Where the CPU goes (dashboard through our gateway, de-duplication off)',
      '',
      '| process | CPU ms per request |',
      '| --- | --- |',
      ...Object.entries(dashboardRun.cpuMsPerRequest).map(([name, ms]) => `| ${name} | ${rounded(ms, 2)} |`),
      '',
    );
  }
  for (const { title, table } of input.profiles) lines.push(`### CPU profile of ${title} (dashboard, de-duplication off, self time of the measured window)`, '', table, '');
  if (loadavg()[0]! > cpus().length * 0.5 || input.loadBefore[0]! > cpus().length * 0.5) {
    lines.push(`The machine was not quiet (load average ${input.loadBefore[0]!.toFixed(2)} before the run): absolute figures are low and ratios noisy.`, '');
  }
  return lines.join('\n');
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

