import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { fundModule, loadFundConfig } from '@gongzhi/app-fund';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';
import { migrateSubgraph, startSubgraph } from '@gongzhi/platform-service';
import { graphqlRequest, testServiceEnv, tokenFor, uniquePrefix } from '@gongzhi/platform-testing';
import { machine, timed, writeSection } from './report';

/**
 * Fund ledger posting throughput, three ways in one run, all with synchronous_commit on and one transaction
 * per journal entry:
 *   1. through the service: `postJournalEntry` over HTTP (JWT check, scope check in SQL, chain-head lock,
 *      idempotency lookup, sha256 hash chain, deferred balance check, append-only triggers);
 *   2. plain INSERTs of the very same rows (one entry row + its postings) into tables with primary keys only;
 *   3. pgbench's built-in TPC-B-like transaction on a scratch database.
 * Each runs with 1 client and with `--clients` clients (one fund per client: postings to one fund serialise by
 * design, on its chain head).
 *   node tools/scripts/run-ts.mjs tools/bench/fund.ts [--entries 2000] [--clients 4] [--seconds 10]
 */
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COMMUNITY = '/510112/510112001/510112001001/';
const POST = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id } }`;

interface Rate {
  entries: number;
  ms: number;
}

const perSecond = (count: number, ms: number) => count / (ms / 1000);
const fmt = (value: number) => Math.round(value).toLocaleString('en-US');

/** Runs `clients` workers, each doing its share of `total` operations, and times the whole. */
async function concurrently(clients: number, total: number, work: (client: number, index: number) => Promise<void>): Promise<Rate> {
  const share = Math.floor(total / clients);
  const { ms } = await timed(() =>
    Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; i < share; i++) await work(client, i);
      }),
    ),
  );
  return { entries: share * clients, ms };
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
  const { values } = parseArgs({ options: { entries: { type: 'string', default: '2000' }, clients: { type: 'string', default: '4' }, seconds: { type: 'string', default: '10' } } });
  const entries = Number(values.entries);
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  const loadBefore = os.loadavg()[0]!;

  await dropDatabase(SERVER, 'gz_bench_fund');
  await ensureDatabase(SERVER, 'gz_bench_fund');
  await dropDatabase(SERVER, 'gz_bench_pgbench');
  await ensureDatabase(SERVER, 'gz_bench_pgbench');
  const fundUrl = databaseUrl(SERVER, 'gz_bench_fund');
  const pgbenchUrl = databaseUrl(SERVER, 'gz_bench_pgbench');
  const config = loadFundConfig({ ...(await testServiceEnv(fundUrl, uniquePrefix())), DATABASE_POOL_SIZE: String(clients + 2) });
  await migrateSubgraph(fundModule, config);
  const service = await startSubgraph(fundModule, config);
  const pool = new Pool({ connectionString: fundUrl, max: clients + 1 });
  try {
    const [{ synchronous_commit: syncCommit }] = (await pool.query(`SHOW synchronous_commit`)).rows as { synchronous_commit: string }[];
    const token = await tokenFor('community_staff', COMMUNITY, 'bench');
    const funds = Array.from({ length: clients + 1 }, (_, i) => `01900000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`);
    for (const id of funds) {
      await pool.query(`INSERT INTO fund (id, name, kind, owner_scope_path, community_code, opened_by) VALUES ($1, '基准测试基金', 'COMMUNITY_MICRO_FUND', $2, '510112001001', 'bench')`, [
        id,
        COMMUNITY,
      ]);
    }
    const post = async (fundId: string, key: string) => {
      const result = await graphqlRequest(
        service.url,
        POST,
        {
          input: {
            fundId,
            idempotencyKey: key,
            memo: 'Benchmark donation',
            effectiveDate: '2026-06-01',
            lines: [
              { account: 'CASH', side: 'DEBIT', amountFen: '12345' },
              { account: 'INCOME_DONATION_RESIDENT', side: 'CREDIT', amountFen: '12345' },
            ],
          },
        },
        token,
      );
      if (result.errors) throw new Error(result.errors[0]!.message);
    };

    process.stdout.write('warming up …\n');
    for (let i = 0; i < 50; i++) await post(funds[clients]!, `warm-${i}`);

    process.stdout.write(`through the service: ${entries} entries with 1 client, then with ${clients} …\n`);
    const serviceOne = await concurrently(1, entries, (_, i) => post(funds[0]!, `one-${i}`));
    const serviceMany = await concurrently(clients, entries, (client, i) => post(funds[client]!, `many-${i}`));

    process.stdout.write('plain INSERTs of the same rows …\n');
    await pool.query(`CREATE TABLE plain_entry (LIKE journal_entry INCLUDING DEFAULTS, PRIMARY KEY (id))`);
    await pool.query(`CREATE TABLE plain_posting (LIKE posting INCLUDING DEFAULTS, PRIMARY KEY (entry_id, line_no))`);
    const rows = (
      await pool.query(
        `SELECT e.id, e.fund_id, e.seq, e.idempotency_key, e.kind, e.memo, e.effective_date::text AS effective_date, e.posted_by, e.posted_at, e.prev_hash, e.hash,
                array_agg(p.line_no ORDER BY p.line_no) AS lines, array_agg(p.account_code ORDER BY p.line_no) AS accounts, array_agg(p.amount_fen::text ORDER BY p.line_no) AS amounts
           FROM journal_entry e JOIN posting p ON p.entry_id = e.id
          WHERE e.idempotency_key NOT LIKE 'warm-%' GROUP BY e.id ORDER BY e.id`,
      )
    ).rows as { id: string; fund_id: string; seq: string; idempotency_key: string; kind: string; memo: string; effective_date: string; posted_by: string; posted_at: Date; prev_hash: string; hash: string; lines: number[]; accounts: string[]; amounts: string[] }[];
    const postingsPerEntry = rows[0]!.lines.length;
    const insertRow = async (row: (typeof rows)[number]) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO plain_entry (id, fund_id, seq, idempotency_key, kind, memo, effective_date, posted_by, posted_at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [row.id, row.fund_id, row.seq, row.idempotency_key, row.kind, row.memo, row.effective_date, row.posted_by, row.posted_at, row.prev_hash, row.hash],
        );
        for (const [index, line] of row.lines.entries()) {
          await client.query(`INSERT INTO plain_posting (entry_id, line_no, fund_id, account_code, amount_fen) VALUES ($1, $2, $3, $4, $5)`, [
            row.id,
            line,
            row.fund_id,
            row.accounts[index],
            row.amounts[index],
          ]);
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    const half = Math.floor(rows.length / 2);
    const plainOne = await concurrently(1, half, (_, i) => insertRow(rows[i]!));
    const plainMany = await concurrently(clients, rows.length - half, (client, i) => insertRow(rows[half + client * Math.floor((rows.length - half) / clients) + i]!));

    process.stdout.write(`pgbench TPC-B-like, ${seconds} s with 1 client, then with ${clients} …\n`);
    execFileSync('pgbench', ['-i', '-q', '-s', '1', '-h', new URL(pgbenchUrl).hostname, '-p', new URL(pgbenchUrl).port || '5432', '-U', 'postgres', 'gz_bench_pgbench'], { stdio: 'pipe' });
    const tpsOne = pgbenchTps(pgbenchUrl, 1, seconds);
    const tpsMany = pgbenchTps(pgbenchUrl, clients, seconds);
    const loadAfter = os.loadavg()[0]!;

    const line = (label: string, ours: Rate, plain: Rate, tps: number) => {
      const oursEntries = perSecond(ours.entries, ours.ms);
      const plainEntries = perSecond(plain.entries, plain.ms);
      return `| ${label} | ${fmt(oursEntries)} entries/s = ${fmt(oursEntries * postingsPerEntry)} postings/s | ${fmt(plainEntries * postingsPerEntry)} postings/s | ${(oursEntries / plainEntries).toFixed(2)}× | ${fmt(tps)} TPS | ${(oursEntries / tps).toFixed(2)}× |`;
    };
    const lines = [
      `## fund: ledger postings (\`node tools/scripts/run-ts.mjs tools/bench/fund.ts --entries ${entries} --clients ${clients} --seconds ${seconds}\`)`,
      '',
      `Machine: ${machine()}; PostgreSQL 15 on the same machine, \`synchronous_commit = ${syncCommit}\`, one transaction per journal entry everywhere. Measured ${new Date().toISOString().slice(0, 10)}.`,
      `Load average (1 min) ${loadBefore.toFixed(2)} before and ${loadAfter.toFixed(2)} after the run${loadBefore > os.cpus().length / 2 ? ': the machine was busy with other work, so absolute figures are low and ratios noisy' : ''}.`,
      '',
      `Each entry has ${postingsPerEntry} postings. "Service" is \`postJournalEntry\` over HTTP: token check, scope check in SQL, chain-head lock, idempotency lookup, sha256 chain, deferred balance check, append-only triggers. "Plain INSERTs" writes the same entry and posting rows into tables with primary keys only. pgbench runs its built-in TPC-B-like script (scale 1) on a scratch database.`,
      '',
      '| clients | service | plain INSERTs of the same rows | service ÷ plain | pgbench TPC-B-like | service entries/s ÷ pgbench TPS |',
      '| --- | --- | --- | --- | --- | --- |',
      line('1', serviceOne, plainOne, tpsOne),
      line(String(clients), serviceMany, plainMany, tpsMany),
      '',
      'With several clients each posts to its own fund: postings to one fund serialise on its chain head by design (gap-free sequence, exact hash links).',
    ];
    writeSection('fund-ledger', lines.join('\n'));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await pool.end();
    await service.stop();
    await dropDatabase(SERVER, 'gz_bench_fund');
    await dropDatabase(SERVER, 'gz_bench_pgbench');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
