import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { deliberationModule, loadDeliberationConfig } from '@gongzhi/app-deliberation';
import { fundModule, loadFundConfig } from '@gongzhi/app-fund';
import { loadOrgConfig, orgModule } from '@gongzhi/app-org';
import type { Role } from '@gongzhi/platform-auth';
import { bootSubgraph, graphqlRequest, tokenFor, uniquePrefix, type BootedSubgraph } from '@gongzhi/platform-testing';
import { devToken, DEV_KEYS_PATH } from '../dev/dev-keys';
import { machine, writeSection } from './report';

/**
 * Event lag (issue 8): from the commit of a change in org to the commit of its effect in the services that
 * react to it, under a steady load of org writes. Each write is a `registerDwelling` (org → outbox in the same
 * transaction → relay woken by NOTIFY → JetStream → deliberation's electorate and fund's dwelling register, each
 * applied with its inbox row in one transaction).
 *
 * The bench adds two triggers of its own: one on org's `outbox` and one on each consumer's `inbox`, each a
 * `pg_notify` with the event id. PostgreSQL delivers a notification when its transaction commits, so the
 * difference between the two arrival times, both read by this process on one clock, is commit-to-applied.
 *
 *   node tools/scripts/run-ts.mjs tools/bench/events.ts [--rates 20,100] [--seconds 15] [--burst 2000]
 *     [--org-url URL --org-database-url URL --deliberation-database-url URL --fund-database-url URL [--keys FILE]]
 *
 * Without URLs it boots org, deliberation and fund in this process on databases of their own (real PostgreSQL and
 * NATS, as the tests do); with them it measures a running stack (npm start, or `npm run bench`'s) and removes
 * its triggers afterwards.
 */
const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '20,100' },
    seconds: { type: 'string', default: '15' },
    burst: { type: 'string', default: '2000' },
    'max-in-flight': { type: 'string', default: '32' },
    'org-url': { type: 'string' },
    'org-database-url': { type: 'string' },
    'deliberation-database-url': { type: 'string' },
    'fund-database-url': { type: 'string' },
    keys: { type: 'string', default: DEV_KEYS_PATH },
    'no-write': { type: 'boolean', default: false },
  },
});

const CONSUMERS = ['deliberation-from-org', 'fund-from-org'] as const;
type ConsumerName = (typeof CONSUMERS)[number];
const DISTRICT = '510112';
const COMMUNITY = '510112001001';
const COMPOUND_CODE = '510112001001998';

interface Stack {
  orgUrl: string;
  databases: { org: string; deliberation: string; fund: string };
  token(roles: Role[], scope: string): Promise<string>;
  stop(): Promise<void>;
}

function positive(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`--${name} must be a number ≥ 0, got "${value}"`);
  return number;
}

/** The value at quantile q of ascending values (nearest rank). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function bootOwnStack(): Promise<Stack> {
  const prefix = uniquePrefix();
  const booted: BootedSubgraph[] = [];
  try {
    booted.push(await bootSubgraph(orgModule, loadOrgConfig, { prefix }));
    booted.push(await bootSubgraph(deliberationModule, loadDeliberationConfig, { prefix }));
    booted.push(await bootSubgraph(fundModule, loadFundConfig, { prefix }));
  } catch (error) {
    await Promise.all(booted.map((b) => b.stop()));
    throw error;
  }
  const [org, deliberation, fund] = booted as [BootedSubgraph, BootedSubgraph, BootedSubgraph];
  return {
    orgUrl: org.url,
    databases: { org: org.database.url, deliberation: deliberation.database.url, fund: fund.database.url },
    token: (roles, scope) => tokenFor(roles, scope, 'bench-events'),
    stop: async () => {
      await Promise.all(booted.map((b) => b.stop()));
    },
  };
}

function runningStack(): Stack {
  const missing = ['org-url', 'org-database-url', 'deliberation-database-url', 'fund-database-url'].filter((name) => !args[name as keyof typeof args]);
  if (missing.length) throw new Error(`to measure a running stack give ${missing.map((m) => `--${m}`).join(', ')} as well`);
  return {
    orgUrl: args['org-url']!,
    databases: { org: args['org-database-url']!, deliberation: args['deliberation-database-url']!, fund: args['fund-database-url']! },
    token: (roles, scope) => devToken(roles, [scope], 'bench-events', '2h', args.keys),
    stop: async () => undefined,
  };
}

/** Listens for the bench's notifications on one database: commits of org events, or applications by a consumer. */
class Listener {
  readonly client: Client;
  constructor(
    url: string,
    private readonly table: 'outbox' | 'inbox',
    onNotice: (payload: string, at: number) => void,
  ) {
    this.client = new Client({ connectionString: url, application_name: 'bench-events' });
    this.client.on('notification', (message) => onNotice(message.payload ?? '', performance.now()));
  }

  async start(): Promise<void> {
    await this.client.connect();
    // Outbox: 'committed <id>' when org's transaction commits, 'published <id>' when the relay's marking commits.
    const payload =
      this.table === 'outbox' ? `CASE WHEN TG_OP = 'INSERT' THEN 'committed ' ELSE 'published ' END || NEW.id::text` : `NEW.consumer || ' ' || NEW.event_id`;
    await this.client.query(`
      CREATE OR REPLACE FUNCTION bench_event_lag() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('bench_event_lag', ${payload});
        RETURN NULL;
      END $$`);
    await this.client.query(`DROP TRIGGER IF EXISTS bench_event_lag ON ${this.table}`);
    await this.client.query(`CREATE TRIGGER bench_event_lag AFTER INSERT ON ${this.table} FOR EACH ROW EXECUTE FUNCTION bench_event_lag()`);
    if (this.table === 'outbox') {
      await this.client.query(`DROP TRIGGER IF EXISTS bench_event_lag_published ON outbox`);
      await this.client.query(
        `CREATE TRIGGER bench_event_lag_published AFTER UPDATE OF published_at ON outbox FOR EACH ROW WHEN (OLD.published_at IS NULL AND NEW.published_at IS NOT NULL) EXECUTE FUNCTION bench_event_lag()`,
      );
    }
    await this.client.query('LISTEN bench_event_lag');
  }

  async stop(): Promise<void> {
    await this.client.query(`DROP TRIGGER IF EXISTS bench_event_lag ON ${this.table}`).catch(() => undefined);
    if (this.table === 'outbox') await this.client.query(`DROP TRIGGER IF EXISTS bench_event_lag_published ON outbox`).catch(() => undefined);
    await this.client.query(`DROP FUNCTION IF EXISTS bench_event_lag()`).catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

interface Measured {
  label: string;
  writes: number;
  seconds: number;
  lags: Record<ConsumerName, number[]>;
  /** Commit in org to the relay's commit of `published_at` (JetStream acknowledged the event). */
  relay: number[];
  /** Events committed but not applied within the wait. */
  missing: number;
}

async function main(): Promise<void> {
  const rates = args.rates.split(',').map((r) => positive('rates', r));
  const seconds = positive('seconds', args.seconds);
  const burst = positive('burst', args.burst);
  const maxInFlight = positive('max-in-flight', args['max-in-flight']);
  const external = Boolean(args['org-url']);
  const stack = external ? runningStack() : await bootOwnStack();

  const committed = new Map<string, number>();
  const published = new Map<string, number>();
  const applied = new Map<string, Map<ConsumerName, number>>();
  const listeners = [
    new Listener(stack.databases.org, 'outbox', (payload, at) => {
      const [what, id] = payload.split(' ') as [string, string];
      (what === 'committed' ? committed : published).set(id, at);
    }),
    new Listener(stack.databases.deliberation, 'inbox', (payload, at) => record(payload, at)),
    new Listener(stack.databases.fund, 'inbox', (payload, at) => record(payload, at)),
  ];
  function record(payload: string, at: number): void {
    const [consumer, id] = payload.split(' ') as [ConsumerName, string];
    if (!CONSUMERS.includes(consumer)) return;
    let byConsumer = applied.get(id);
    if (!byConsumer) applied.set(id, (byConsumer = new Map()));
    byConsumer.set(consumer, at);
  }

  try {
    const admin = await stack.token(['platform_admin'], '/');
    const call = async (query: string, variables: Record<string, unknown>) => {
      const answer = await graphqlRequest<Record<string, { id: string }>>(stack.orgUrl, query, variables, admin);
      if (answer.errors?.length) throw new Error(`${query.slice(0, 60)}: ${answer.errors[0]!.message} (${answer.errors[0]!.extensions?.reason})`);
      return answer.data!;
    };
    // A compound of the bench's own (created once), so its writes never touch a seeded one.
    for (const [code, name] of [[DISTRICT, '龙泉驿区'], ['510112001', '龙泉街道'], [COMMUNITY, '美景社区']]) {
      const answer = await graphqlRequest(stack.orgUrl, `mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name } }, admin);
      if (answer.errors?.length && answer.errors[0]!.extensions?.code !== 'CONFLICT') throw new Error(`createArea ${code}: ${answer.errors[0]!.message}`);
    }
    const compounds = await graphqlRequest<{ compounds: { nodes: { id: string; code: string }[] } }>(
      stack.orgUrl,
      `query($scope: String) { compounds(scope: $scope, first: 100) { nodes { id code } } }`,
      { scope: `/${DISTRICT}/510112001/${COMMUNITY}/` },
      admin,
    );
    let compoundId = compounds.data?.compounds.nodes.find((c) => c.code === COMPOUND_CODE)?.id;
    compoundId ??= (
      await call(`mutation($input: CreateCompoundInput!) { createCompound(input: $input) { id } }`, {
        input: { communityCode: COMMUNITY, code: COMPOUND_CODE, name: '事件基准小区' },
      })
    ).createCompound!.id;

    for (const listener of listeners) await listener.start();
    const run = `${Date.now().toString(36)}`;
    let serial = 0;
    const register = () =>
      call(`mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id } }`, {
        input: { compoundId, building: `E${run}`, unit: String(1 + Math.floor(serial / 1000)), roomNumber: String(1000 + (serial++ % 1000)), exclusiveArea: 8_000 + (serial % 4_000) },
      });

    /** Waits until every event committed since `since` has been applied by both consumers (or the wait ends). */
    const collect = async (label: string, writes: number, elapsed: number, since: Set<string>): Promise<Measured> => {
      const deadline = Date.now() + 60_000;
      const pending = () => [...committed.keys()].filter((id) => !since.has(id) && CONSUMERS.some((c) => !applied.get(id)?.has(c)));
      while (pending().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const lags = { 'deliberation-from-org': [] as number[], 'fund-from-org': [] as number[] };
      const relay: number[] = [];
      for (const [id, at] of committed) {
        if (since.has(id)) continue;
        const out = published.get(id);
        if (out !== undefined) relay.push(out - at);
        for (const consumer of CONSUMERS) {
          const done = applied.get(id)?.get(consumer);
          if (done !== undefined) lags[consumer].push(done - at);
        }
      }
      for (const list of [...Object.values(lags), relay]) list.sort((a, b) => a - b);
      return { label, writes, seconds: elapsed, lags, relay, missing: pending().length };
    };

    // Warm-up: connections, plans and JIT on every path.
    for (let i = 0; i < 20; i++) await register();
    await collect('warm-up', 20, 0, new Set());

    const results: Measured[] = [];
    for (const rate of rates) {
      const before = new Set(committed.keys());
      const total = Math.max(1, Math.round(rate * seconds));
      process.stdout.write(`event lag at ${rate} org writes/s for ${seconds} s (${total} writes) …\n`);
      const start = performance.now();
      let inFlight = 0;
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        while (inFlight >= maxInFlight) await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight++;
        writes.push(register().finally(() => inFlight--));
      }
      await Promise.all(writes);
      results.push(await collect(`${rate} writes/s`, total, (performance.now() - start) / 1000, before));
    }

    if (burst > 0) {
      process.stdout.write(`a burst: one import of ${burst} dwellings, ${burst} events committed at once …\n`);
      const before = new Set(committed.keys());
      const rows = Array.from({ length: burst }, (_, i) => `${COMPOUND_CODE},B${run},${1 + Math.floor(i / 100)},${1000 + (i % 100)},${80 + (i % 40)}.50,REGISTER,false`);
      const start = performance.now();
      const job = await call(`mutation($input: StartImportInput!) { startImport(input: $input) { id rejected } }`, {
        input: { kind: 'DWELLINGS', format: 'CSV', content: `compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold\n${rows.join('\n')}\n` },
      });
      if ((job.startImport as unknown as { rejected: number }).rejected) throw new Error('the burst import rejected rows');
      results.push(await collect(`burst of ${burst}`, burst, (performance.now() - start) / 1000, before));
    }

    const load = loadavg();
    const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '—');
    const row = (label: string, what: string, lags: number[]) =>
      `| ${label} | ${what} | ${lags.length} | ${fmt(quantile(lags, 0.5))} | ${fmt(quantile(lags, 0.99))} | ${fmt(lags.at(-1) ?? Number.NaN)} |`;
    const table = results.flatMap((r) => {
      const label = `${r.label} (${r.writes} events, ${(r.writes / Math.max(r.seconds, 0.001)).toFixed(0)}/s achieved)`;
      return [row(label, 'relay: commit → published to JetStream', r.relay), ...CONSUMERS.map((consumer) => row(label, `commit → applied by ${consumer}`, r.lags[consumer]))];
    });
    const steady = results.filter((r) => !r.label.startsWith('burst'));
    const worstP99 = Math.max(...steady.flatMap((r) => CONSUMERS.map((c) => quantile(r.lags[c], 0.99))));
    const missing = results.reduce((sum, r) => sum + r.missing, 0);
    const lines = [
      `## Event lag: commit in org → applied in deliberation and fund (\`node tools/scripts/run-ts.mjs tools/bench/events.ts --rates ${args.rates} --seconds ${seconds} --burst ${burst}\`)`,
      '',
      `Machine: ${machine()}; ${external ? 'the running stack (seeded district)' : 'org, deliberation and fund booted in the bench process'}, PostgreSQL and NATS JetStream on the same machine. Measured ${new Date().toISOString().slice(0, 10)}; load average ${load.map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores.`,
      '',
      'Each write is one `registerDwelling` sent to org at a fixed rate (open loop, at most ' + maxInFlight + ' in flight). Lag is the time from the',
      'commit of org’s transaction (its outbox row) to the commit of the consumer’s transaction (its inbox row and the effect),',
      'both seen as PostgreSQL notifications by the bench on one clock; the relay row stops at the commit of the relay’s',
      '`published_at` (JetStream has acknowledged the event). The relay is woken by NOTIFY at commit (no polling).',
      '',
      '| load | stage | events | p50 ms | p99 ms | max ms |',
      '| --- | --- | --- | --- | --- | --- |',
      ...table,
      '',
      `Target (issue 8): p99 ≤ 250 ms at the steady rates: worst p99 ${fmt(worstP99)} ms — **${worstP99 <= 250 ? 'met' : 'missed'}**.` +
        (missing ? ` ${missing} events were not applied within 60 s of the end of their run.` : ''),
      'The burst shows how long a bulk import’s events take to drain; it is not held to the target.',
      ...(load[0]! > cpus().length ? ['', `The machine was busy (load average ${load[0]!.toFixed(1)} on ${cpus().length} cores): figures are approximate.`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!args['no-write']) writeSection('events', lines.join('\n'));
  } finally {
    for (const listener of listeners) await listener.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
