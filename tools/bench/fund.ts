import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';
import { uuidv7 } from '@gongzhi/platform-graphql';
import { tokenFor } from '@gongzhi/platform-testing';
import type { EntryMode } from './gateway-stack';
import { machine, timed, writeSection } from './report';
import { GraphQLClient, loadNote, median, prepare, profileFlags, rotated, SERVER_URL, spread, startService, withCpu } from './service-process';

/**
 * Fund ledger posting throughput, three ways in one run, all with synchronous_commit on and one transaction
 * per journal entry:
 *   1. through the service: `postJournalEntry` over HTTP to the fund subgraph, a process of its own started from
 *      the built output (token check, scope check in SQL, chain-head lock, idempotency, sha256 hash chain,
 *      deferred balance check, append-only triggers);
 *   2. plain INSERTs of rows of the same shape (one entry row + its postings, one transaction) into tables with
 *      primary keys only, from a pg pool in this process;
 *   3. pgbench's built-in TPC-B-like transaction on a scratch database.
 * Each runs with 1 client and with `--clients` clients (one fund per client: postings to one fund serialise by
 * design, on its chain head), `--rounds` times in a rotating order after a warm-up; the median round counts.
 *   node tools/scripts/run-ts.mjs tools/bench/fund.ts [--entries 1000] [--clients 2] [--seconds 5] [--rounds 3]
 *     [--mode dist|ts] [--port-base 5620] [--cpu-prof <dir>] [--no-write]
 */
const COMMUNITY = '/510112/510112001/510112001001/';
const POST = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id } }`;
const POSTINGS_PER_ENTRY = 2;

type Contender = 'service' | 'plain' | 'pgbench';
const CONTENDERS: Contender[] = ['service', 'plain', 'pgbench'];

const fmt = (value: number) => Math.round(value).toLocaleString('en-US');

/** Runs `clients` workers, each doing `each` operations back to back; entries per second overall. */
async function perSecond(clients: number, each: number, work: (client: number, index: number) => Promise<void>): Promise<number> {
  const { ms } = await timed(() =>
    Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; i < each; i++) await work(client, i);
      }),
    ),
  );
  return (clients * each) / (ms / 1000);
}

function pgbenchTps(url: string, clients: number, seconds: number): number {
  const target = new URL(url);
  const args = ['-h', target.hostname, '-p', target.port || '5432', '-U', decodeURIComponent(target.username || 'postgres')];
  const output = execFileSync('pgbench', [...args, '-c', String(clients), '-j', String(Math.min(clients, os.cpus().length)), '-T', String(seconds), '-n', target.pathname.slice(1)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output) ?? /tps = ([\d.]+)/.exec(output);
  if (!match) throw new Error(`pgbench printed no tps:\n${output}`);
  return Number(match[1]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '2' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      mode: { type: 'string', default: 'dist' },
      'port-base': { type: 'string', default: '5620' },
      'cpu-prof': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const entries = Number(values.entries);
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const mode = values.mode as EntryMode;
  if (mode !== 'dist' && mode !== 'ts') throw new Error('--mode must be dist or ts');
  if (![entries, clients, seconds, rounds, Number(values['port-base'])].every((n) => Number.isInteger(n) && n > 0)) throw new Error('numeric options must be positive integers');
  const loadBefore = os.loadavg()[0]!;

  prepare(mode);
  const pgbenchDb = `gz_bench_pgbench_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(SERVER_URL, pgbenchDb);
  const pgbenchUrl = databaseUrl(SERVER_URL, pgbenchDb);
  const stops: (() => Promise<void>)[] = [() => dropDatabase(SERVER_URL, pgbenchDb)];
  try {
    const service = await startService('fund', {
      mode,
      port: Number(values['port-base']) + 4,
      env: { DATABASE_POOL_SIZE: String(clients + 2) },
      countSql: true,
      nodeFlags: profileFlags(values['cpu-prof'], 'fund'),
    });
    stops.unshift(() => service.stop());
    const pool = new Pool({ connectionString: service.databaseUrl, max: clients + 1 });
    stops.unshift(() => pool.end());
    const token = await tokenFor('community_staff', COMMUNITY, 'bench');
    const client = new GraphQLClient(service.process.url, clients, token);
    stops.unshift(() => client.close());
    const { synchronous_commit: syncCommit } = (await pool.query<{ synchronous_commit: string }>(`SHOW synchronous_commit`)).rows[0]!;

    const funds = Array.from({ length: clients + 1 }, (_, i) => `01900000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`);
    for (const id of funds) {
      await pool.query(`INSERT INTO fund (id, name, kind, owner_scope_path, community_code, opened_by) VALUES ($1, '基准测试基金', 'COMMUNITY_MICRO_FUND', $2, '510112001001', 'bench')`, [
        id,
        COMMUNITY,
      ]);
    }
    let keys = 0;
    const post = async (fundId: string) => {
      await client.data('postJournalEntry', POST, {
        input: {
          fundId,
          idempotencyKey: `bench-${keys++}`,
          memo: 'Benchmark donation',
          effectiveDate: '2026-06-01',
          lines: [
            { account: 'CASH', side: 'DEBIT', amountFen: '12345' },
            { account: 'INCOME_DONATION_RESIDENT', side: 'CREDIT', amountFen: '12345' },
          ],
        },
      });
    };

    // Plain INSERTs: rows of the same shape and size as the service's (ids, a hash chain of 64 hex digits).
    await pool.query(`CREATE TABLE plain_entry (LIKE journal_entry INCLUDING DEFAULTS, PRIMARY KEY (id))`);
    await pool.query(`CREATE TABLE plain_posting (LIKE posting INCLUDING DEFAULTS, PRIMARY KEY (entry_id, line_no))`);
    const plainSeq = funds.map(() => 0);
    const insertPlain = async (fund: number) => {
      const id = uuidv7();
      const seq = ++plainSeq[fund]!;
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        await connection.query(
          `INSERT INTO plain_entry (id, fund_id, seq, idempotency_key, kind, memo, effective_date, posted_by, posted_at, prev_hash, hash)
           VALUES ($1, $2, $3, $4, 'MANUAL', 'Benchmark donation', '2026-06-01', 'bench', now(), $5, $6)`,
          [id, funds[fund], seq, `plain-${fund}-${seq}`, randomBytes(32).toString('hex'), randomBytes(32).toString('hex')],
        );
        for (const [line, account, amount] of [
          [1, 'CASH', '12345'],
          [2, 'INCOME_DONATION_RESIDENT', '-12345'],
        ] as const) {
          await connection.query(`INSERT INTO plain_posting (entry_id, line_no, fund_id, account_code, amount_fen) VALUES ($1, $2, $3, $4, $5)`, [id, line, funds[fund], account, amount]);
        }
        await connection.query('COMMIT');
      } finally {
        connection.release();
      }
    };
    execFileSync('pgbench', ['-i', '-q', '-s', '1', '-h', new URL(pgbenchUrl).hostname, '-p', new URL(pgbenchUrl).port || '5432', '-U', 'postgres', pgbenchDb], { stdio: 'pipe' });

    process.stdout.write('warming up …\n');
    for (let i = 0; i < 100; i++) await post(funds[clients]!);
    for (let i = 0; i < 100; i++) await insertPlain(clients);
    pgbenchTps(pgbenchUrl, 1, 1);

    const results = new Map<string, number[]>();
    const record = (key: string, value: number) => results.set(key, [...(results.get(key) ?? []), value]);
    const cpuPerEntry: number[] = [];
    const statementsPerEntry: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const n of [1, clients]) {
        process.stdout.write(`round ${round + 1}/${rounds}, ${n} client${n > 1 ? 's' : ''}: ${entries} entries through the service, ${entries} plain, pgbench for ${seconds} s …\n`);
        for (const contender of rotated(CONTENDERS, round)) {
          if (contender === 'service') {
            await service.process.sqlCount(true);
            const { result, cpu } = await withCpu([service.process], () => perSecond(n, Math.ceil(entries / n), (c) => post(funds[c]!)));
            record(`service:${n}`, result);
            if (n === 1) {
              cpuPerEntry.push((cpu[0]! * 1000) / entries);
              statementsPerEntry.push((await service.process.sqlCount()) / entries);
            }
          } else if (contender === 'plain') {
            record(`plain:${n}`, await perSecond(n, Math.ceil(entries / n), (c) => insertPlain(c)));
          } else {
            record(`pgbench:${n}`, pgbenchTps(pgbenchUrl, n, seconds));
          }
        }
      }
    }

    const med = (key: string) => median(results.get(key)!);
    const line = (n: number) => {
      const ours = med(`service:${n}`);
      const plain = med(`plain:${n}`);
      const tps = med(`pgbench:${n}`);
      return `| ${n} | ${fmt(ours)} entries/s = ${fmt(ours * POSTINGS_PER_ENTRY)} postings/s (${spread(results.get(`service:${n}`)!)}) | ${fmt(plain)} entries/s (${spread(results.get(`plain:${n}`)!)}) | ${(ours / plain).toFixed(2)}× | ${fmt(tps)} TPS (${spread(results.get(`pgbench:${n}`)!)}) | ${(ours / tps).toFixed(2)}× |`;
    };
    const lines = [
      `## fund: ledger postings (\`node tools/scripts/run-ts.mjs tools/bench/fund.ts --entries ${entries} --clients ${clients} --seconds ${seconds} --rounds ${rounds}\`)`,
      '',
      `Machine: ${machine()}; PostgreSQL (\`synchronous_commit = ${syncCommit}\`) and the fund subgraph (a process of its own, ${mode === 'dist' ? 'built output' : 'TypeScript through @swc-node/register'}) on the same machine; one durable transaction per journal entry everywhere. Measured ${new Date().toISOString().slice(0, 10)}.`,
      loadNote(loadBefore),
      '',
      `Each entry has ${POSTINGS_PER_ENTRY} postings. "Service" is \`postJournalEntry\` over HTTP: token check, scope check in SQL, chain-head lock, idempotency, sha256 chain, deferred balance check, append-only triggers. "Plain" writes an entry row and its posting rows of the same shape in one transaction (BEGIN, 3 INSERTs, COMMIT) into tables with primary keys only. pgbench runs its built-in TPC-B-like script (scale 1) on a scratch database. Medians of ${rounds} rounds (slowest–fastest in brackets), after a warm-up.`,
      '',
      '| clients | service | plain INSERTs | service ÷ plain | pgbench TPC-B-like | service entries/s ÷ pgbench TPS |',
      '| --- | --- | --- | --- | --- | --- |',
      line(1),
      line(clients),
      '',
      `Per entry through the service (1 client, median): ${median(cpuPerEntry).toFixed(2)} ms of subgraph CPU and ${median(statementsPerEntry).toFixed(1)} SQL round trips (BEGIN, scope check, chain-head lock, one statement for the entry, its postings and the head, COMMIT).`,
      'With several clients each posts to its own fund: postings to one fund serialise on its chain head by design (gap-free sequence, exact hash links).',
      'The target of issue 8 compares one durable transaction with another: entries/s ≥ 0.5× pgbench TPS.',
    ];
    if (!values['no-write']) writeSection('fund-ledger', lines.join('\n'));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => process.stderr.write(`stopping: ${String(error)}\n`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
