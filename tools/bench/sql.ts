import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { print, type DocumentNode } from 'graphql';
import { Pool } from 'pg';
import { AdminCompoundDashboardDocument, CompanyScoreHistoryDocument, FundStatementDocument, StreetOverdueMattersDocument, VoteLiveTallyDocument } from '@gongzhi/client';
import type { Role } from '@gongzhi/platform-auth';
import { databaseUrl } from '@gongzhi/platform-db';
import { devToken, DEV_KEYS_PATH } from '../dev/dev-keys';
import { machine, writeSection } from './report';

/**
 * SQL statements per operation on the seeded district, and the plan of each statement (issue 8). Every operation
 * goes through the gateway with an `x-request-id` of its own; the subgraphs (started with
 * SQL_STATEMENT_COUNT=true, as `npm run bench` starts them) count the statements each request sent and keep their
 * text, which this benchmark reads back from `/debug/sql-statements` and runs again under EXPLAIN ANALYZE on the
 * subgraph's database. A scan of a whole table of more than 10,000 rows is flagged: a list the caller's scope
 * narrows should find its rows through an index.
 *
 *   node tools/scripts/run-ts.mjs tools/bench/sql.ts --gateway URL --database-url URL [--database-prefix gz_bench_stack_]
 *     [--keys FILE] [--save NAME] [--compare NAME] [--no-write]
 *
 * --save keeps this run's counts and times in tmp/bench-sql-NAME.json; --compare shows them beside this run's
 * (before and after a change).
 */
const { values: args } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    'database-url': { type: 'string', default: `postgres://postgres:postgres@127.0.0.1:${process.env.GONGZHI_PG_PORT ?? 54329}/postgres` },
    'database-prefix': { type: 'string', default: 'gongzhi_' },
    keys: { type: 'string', default: DEV_KEYS_PATH },
    save: { type: 'string' },
    compare: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const SUBGRAPHS = ['org', 'deliberation', 'property', 'fund'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];
const BIG_TABLE = 10_000;
const ROOT = path.resolve(__dirname, '../..');

interface Operation {
  name: string;
  label: string;
  document: string;
  variables: Record<string, unknown>;
  roles: Role[];
  scope: string;
}

interface StatementPlan {
  subgraph: Subgraph;
  sql: string;
  ms: number;
  seqScans: string[];
}

export interface Measured {
  name: string;
  statements: Record<Subgraph, number>;
  /** Sum of the EXPLAIN ANALYZE execution times of the operation's reads. */
  sqlMs: number;
  slowest: StatementPlan | null;
  seqScans: string[];
}

const COMPOUNDS_OVERVIEW = `query($first: Int, $scope: String) {
  compounds(first: $first, scope: $scope) {
    nodes {
      id name community { code name }
      matters(first: 3) { nodes { id title status } }
      funds(first: 3) { nodes { id name kind } }
      serviceAssignments(first: 2) { nodes { id status company { id name } } }
    }
  }
}`;
const MATTERS_WITH_COMPOUNDS = `query($first: Int) { matters(first: $first) { nodes { id title status compound { id name community { name } } } } }`;

/** Lists of one compound, fund or program, with what an admin console shows beside each row. */
const KEYED_LISTS: [string, string][] = [
  ['dwellings+owners (compound)', `query($compound: ID!) { dwellings(compoundId: $compound, first: 50) { nodes { id roomNumber owners { shareNumerator owner { id } } } } }`],
  ['electorate (compound)', `query($compound: ID!) { electorate(compoundId: $compound) { dwellingCount headcount totalArea } }`],
  ['buildingLeaders (compound)', `query($compound: ID!) { buildingLeaders(compoundId: $compound, first: 20) { nodes { id role isPartyMember } } }`],
  ['matters+timeline (compound)', `query($compound: ID!) { matters(compoundId: $compound, first: 20) { nodes { id status timeline(first: 10) { nodes { toStatus at } } evaluation { ratings } } } }`],
  ['evaluationAverages (street)', `query($street: String) { evaluationAverages(groupBy: COMPOUND, scope: $street, first: 20) { nodes { key ratings meanRatingHundredths } } }`],
  ['journalEntries+postings (trust fund)', `query($trust: ID!) { journalEntries(fundId: $trust, first: 20) { nodes { id kind postings { account debitFen creditFen } } } }`],
  ['dwellingArrears (trust fund)', `query($trust: ID!) { dwellingArrears(fundId: $trust, first: 20) { nodes { id roomNumber arrearsFen } } }`],
  ['balanceSheet (trust fund)', `query($trust: ID!, $asOf: String!) { balanceSheet(fundId: $trust, asOf: $asOf) { __typename } }`],
  ['donations (micro-fund)', `query($fund: ID!) { donations(fundId: $fund, first: 20) { nodes { id amountFen } } }`],
  ['expenditures+decisions (micro-fund)', `query($fund: ID!) { expenditures(fundId: $fund, first: 20) { nodes { id status decisions { decision } } } }`],
  ['pointsBalances (program)', `query($program: ID!) { pointsBalances(programId: $program, first: 20) { nodes { residentId availablePoints } } }`],
  ['creditLists+scores (district)', `query($district: String!) { creditLists(districtCode: $district, first: 5) { nodes { id scores(first: 20) { nodes { grade rank company { name } } } } } }`],
];

/** The reads of a scoped list for each service, as a street administrator sees them. */
const SCOPED_LISTS: [string, string][] = [
  ['matters', `{ matters(first: 20) { nodes { id title status } } }`],
  ['votes', `{ votes(first: 20) { nodes { id title status } } }`],
  ['meetings', `query($scope: String) { meetings(first: 20, scope: $scope) { nodes { id title scheduledAt } } }`],
  ['funds', `{ funds(first: 20) { nodes { id name kind } } }`],
  ['serviceAssignments', `{ serviceAssignments(first: 20) { nodes { id status } } }`],
  ['propertyEvidence', `{ propertyEvidence(first: 20) { nodes { id kind occurredOn } } }`],
  ['residents', `{ residents(first: 20) { nodes { id } } }`],
  ['residents of a community', `query($scope: String) { residents(first: 20, scope: $scope) { nodes { id } } }`],
  ['grids', `query($scope: String) { grids(first: 20, scope: $scope) { nodes { id name } } }`],
  ['governanceBodies', `query($scope: String) { governanceBodies(first: 20, scope: $scope) { nodes { id name } } }`],
];

async function main(): Promise<void> {
  const server = args['database-url'];
  const prefix = args['database-prefix'];
  const pools = Object.fromEntries(SUBGRAPHS.map((s) => [s, new Pool({ connectionString: databaseUrl(server, `${prefix}${s}`), max: 2 })])) as Record<Subgraph, Pool>;
  const gateway = new URL(args.gateway);
  const subgraphOrigin = (i: number) => `${gateway.protocol}//${gateway.hostname}:${Number(gateway.port || 80) + 1 + i}`;
  try {
    const one = async <T>(subgraph: Subgraph, sql: string, params: unknown[] = []): Promise<T | undefined> => (await pools[subgraph].query(sql, params)).rows[0] as T | undefined;
    // Samples of the seeded district: the busiest compound, its street and community, an open vote, a fund.
    const compound = await one<{ compound_id: string; scope_path: string }>(
      'deliberation',
      `SELECT compound_id, min(scope_path) AS scope_path FROM matter GROUP BY compound_id ORDER BY count(*) DESC, compound_id LIMIT 1`,
    );
    const vote = await one<{ id: string }>('deliberation', `SELECT id FROM vote ORDER BY status DESC, id LIMIT 1`);
    const fund = await one<{ id: string }>('fund', `SELECT id FROM fund WHERE kind = 'COMMUNITY_MICRO_FUND' ORDER BY id LIMIT 1`);
    const trust = await one<{ id: string }>('fund', `SELECT id FROM fund WHERE kind = 'TRUST_PROPERTY_ACCOUNT' ORDER BY id LIMIT 1`);
    const program = await one<{ id: string }>('fund', `SELECT id FROM fund WHERE kind = 'VOLUNTEER_POINTS' ORDER BY id LIMIT 1`);
    if (!compound || !vote || !fund || !trust || !program) throw new Error('the databases hold no seeded district: run npm run seed (or npm run bench) first');
    const parts = compound.scope_path.split('/').filter(Boolean);
    const street = `/${parts[0]}/${parts[1]}/`;
    // The scoped lists look at the last street and community registered: the worst case for a walk in id order.
    const last = await one<{ scope_path: string }>('org', `SELECT scope_path FROM compound ORDER BY code DESC LIMIT 1`);
    const lastParts = (last?.scope_path ?? compound.scope_path).split('/').filter(Boolean);
    const lastStreet = `/${lastParts[0]}/${lastParts[1]}/`;
    const lastCommunity = `/${lastParts[0]}/${lastParts[1]}/${lastParts[2]}/`;
    const year = new Date().getUTCFullYear();

    const admin: Pick<Operation, 'roles' | 'scope'> = { roles: ['platform_admin'], scope: '/' };
    const streetAdmin: Pick<Operation, 'roles' | 'scope'> = { roles: ['street_admin'], scope: street };
    const lastStreetAdmin: Pick<Operation, 'roles' | 'scope'> = { roles: ['street_admin'], scope: lastStreet };
    const doc = (d: DocumentNode) => print(d);
    const ops: Operation[] = [
      { name: 'AdminCompoundDashboard', label: 'a compound’s dashboard (all four subgraphs)', document: doc(AdminCompoundDashboardDocument), variables: { id: compound.compound_id }, ...admin },
      { name: 'CompoundsOverview×5', label: '5 compounds with matters, funds, companies (entity batches)', document: COMPOUNDS_OVERVIEW, variables: { first: 5, scope: street }, ...admin },
      { name: 'CompoundsOverview×20', label: 'the same for 20 compounds: counts must not grow', document: COMPOUNDS_OVERVIEW, variables: { first: 20, scope: street }, ...admin },
      { name: 'MattersWithCompound×20', label: '20 matters with their compound (org resolves 20 references)', document: MATTERS_WITH_COMPOUNDS, variables: { first: 20 }, ...streetAdmin },
      { name: 'StreetOverdueMatters', label: 'a street’s overdue matters', document: doc(StreetOverdueMattersDocument), variables: { scope: street, first: 20 }, ...admin },
      { name: 'VoteLiveTally', label: 'a vote’s live tally', document: doc(VoteLiveTallyDocument), variables: { id: vote.id }, ...admin },
      { name: 'CompanyScoreHistory', label: 'companies with their score history', document: doc(CompanyScoreHistoryDocument), variables: { first: 20, history: 5 }, ...admin },
      { name: 'FundStatement', label: 'a fund’s income statement for a year', document: doc(FundStatementDocument), variables: { fundId: fund.id, from: `${year - 1}-01-01`, to: `${year}-12-31` }, ...admin },
      ...KEYED_LISTS.map(([name, document]) => ({
        name,
        label: `first page of ${name}`,
        document,
        variables: { compound: compound.compound_id, fund: fund.id, trust: trust.id, program: program.id, street, asOf: `${year}-12-31`, district: parts[0] },
        ...admin,
      })).map((op) => ({ ...op, variables: Object.fromEntries(Object.entries(op.variables).filter(([key]) => op.document.includes(`$${key}`))) })),
      ...SCOPED_LISTS.map(([name, document]) => ({
        name: `${name} (last street)`,
        label: `first page of ${name} in a street’s scope`,
        document,
        variables: document.includes('$scope') ? { scope: name === 'residents of a community' ? lastCommunity : lastStreet } : {},
        ...lastStreetAdmin,
      })),
    ];

    const tokens = new Map<string, string>();
    const tokenFor = async (op: Operation) => {
      const key = `${op.roles.join()}|${op.scope}`;
      if (!tokens.has(key)) tokens.set(key, await devToken(op.roles, [op.scope], 'bench-sql', '1h', args.keys));
      return tokens.get(key)!;
    };
    const sizes = new Map<string, number>();
    for (const subgraph of SUBGRAPHS) {
      const rows = (await pools[subgraph].query(`SELECT relname, n_live_tup AS n FROM pg_stat_user_tables`)).rows as { relname: string; n: string }[];
      for (const row of rows) sizes.set(`${subgraph}.${row.relname}`, Number(row.n));
    }

    const seqScansOf = (subgraph: Subgraph, plan: Record<string, unknown>, into: string[]) => {
      const relation = plan['Relation Name'] as string | undefined;
      const dropped = Number(plan['Rows Removed by Filter'] ?? 0) * Number(plan['Actual Loops'] ?? 1);
      if (plan['Node Type'] === 'Seq Scan' && relation && (sizes.get(`${subgraph}.${relation}`) ?? 0) > BIG_TABLE) {
        into.push(`${subgraph}.${relation}: whole table (${sizes.get(`${subgraph}.${relation}`)} rows)`);
      } else if (relation && dropped > BIG_TABLE) {
        into.push(`${subgraph}.${relation}: ${dropped} rows read and dropped by a filter`);
      }
      for (const child of (plan.Plans as Record<string, unknown>[] | undefined) ?? []) seqScansOf(subgraph, child, into);
    };

    const results: Measured[] = [];
    for (const op of ops) {
      const token = await tokenFor(op);
      const send = async (requestId: string) => {
        const response = await fetch(args.gateway, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
          body: JSON.stringify({ query: op.document, variables: op.variables }),
        });
        const body = (await response.json()) as { errors?: { message: string }[] };
        if (body.errors?.length) throw new Error(`${op.name}: ${body.errors[0]!.message}`);
      };
      for (let i = 0; i < 3; i++) await send(`warm-${op.name}-${i}`);
      const requestId = `sql-capture-${op.name}-${Date.now()}`;
      await send(requestId);
      const statements = {} as Record<Subgraph, number>;
      const plans: StatementPlan[] = [];
      for (const [i, subgraph] of SUBGRAPHS.entries()) {
        const answer = (await (await fetch(`${subgraphOrigin(i)}/debug/sql-statements?requestId=${encodeURIComponent(requestId)}`)).json()) as {
          statements?: number;
          captured?: { sql: string; parameters: unknown[] }[];
        };
        if (answer.statements === undefined) throw new Error(`${subgraph} does not count SQL statements: start it with SQL_STATEMENT_COUNT=true`);
        statements[subgraph] = answer.statements;
        for (const statement of answer.captured ?? []) {
          if (!/^\s*(SELECT|WITH)\b/i.test(statement.sql) || /FOR (UPDATE|SHARE)/i.test(statement.sql)) continue;
          const explained = (await pools[subgraph].query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.parameters)).rows[0] as { 'QUERY PLAN': [{ Plan: Record<string, unknown>; 'Execution Time': number }] };
          const [plan] = explained['QUERY PLAN'];
          const seqScans: string[] = [];
          seqScansOf(subgraph, plan.Plan, seqScans);
          plans.push({ subgraph, sql: statement.sql, ms: plan['Execution Time'], seqScans });
        }
      }
      const slowest = plans.reduce<StatementPlan | null>((worst, p) => (!worst || p.ms > worst.ms ? p : worst), null);
      results.push({ name: op.name, statements, sqlMs: plans.reduce((sum, p) => sum + p.ms, 0), slowest, seqScans: [...new Set(plans.flatMap((p) => p.seqScans))] });
      process.stdout.write(`${op.name}: ${SUBGRAPHS.map((s) => `${s} ${statements[s]}`).join(', ')}; reads ${results.at(-1)!.sqlMs.toFixed(2)} ms${results.at(-1)!.seqScans.length ? `; seq scans ${results.at(-1)!.seqScans.join(', ')}` : ''}\n`);
    }

    const tmp = path.join(ROOT, 'tmp');
    if (args.save) {
      mkdirSync(tmp, { recursive: true });
      writeFileSync(path.join(tmp, `bench-sql-${args.save}.json`), JSON.stringify(results, null, 2));
    }
    const before = args.compare && existsSync(path.join(tmp, `bench-sql-${args.compare}.json`)) ? (JSON.parse(readFileSync(path.join(tmp, `bench-sql-${args.compare}.json`), 'utf8')) as Measured[]) : null;

    const total = (m: Measured) => SUBGRAPHS.reduce((sum, s) => sum + m.statements[s], 0);
    const small = results.find((r) => r.name === 'CompoundsOverview×5')!;
    const large = results.find((r) => r.name === 'CompoundsOverview×20')!;
    const dashboard = results.find((r) => r.name === 'AdminCompoundDashboard')!;
    const grows = SUBGRAPHS.filter((s) => large.statements[s] > small.statements[s]);
    const load = loadavg();
    const lines = [
      `## SQL statements per operation and their plans (\`node tools/scripts/run-ts.mjs tools/bench/sql.ts\`)`,
      '',
      `Machine: ${machine()}; the seeded district of \`npm run bench\`. Measured ${new Date().toISOString().slice(0, 10)}; load average ${load.map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores.`,
      '',
      'Each operation is sent once through the gateway (after three warm-up requests); each subgraph counts the statements the',
      'request sent it (BEGIN/COMMIT included) and keeps their text, and every read is run again under EXPLAIN ANALYZE on the',
      `subgraph's database. "reads ms" is the sum of their execution times; "big scans" lists every sequential scan of a table of`,
      `more than ${BIG_TABLE.toLocaleString('en-US')} rows and every scan that read and dropped more rows than that.` + (before ? ` "before" is the run saved as \`${args.compare}\`.` : ''),
      '',
      `| operation | ${SUBGRAPHS.join(' | ')} | total${before ? ' (before)' : ''} | reads ms${before ? ' (before)' : ''} | slowest read | big scans |`,
      `| --- | ${SUBGRAPHS.map(() => '---').join(' | ')} | --- | --- | --- | --- |`,
      ...results.map((m) => {
        const was = before?.find((b) => b.name === m.name);
        const slow = m.slowest ? `${m.slowest.subgraph}: ${m.slowest.ms.toFixed(2)} ms` : '—';
        return `| ${m.name} | ${SUBGRAPHS.map((s) => m.statements[s]).join(' | ')} | ${total(m)}${was ? ` (${total(was)})` : ''} | ${m.sqlMs.toFixed(2)}${was ? ` (${was.sqlMs.toFixed(2)})` : ''} | ${slow} | ${m.seqScans.join(', ') || '—'} |`;
      }),
      '',
      `Target (issue 8): each subgraph gets at most one statement per entity type it resolves, whatever the number of entities: ` +
        `the dashboard sends ${SUBGRAPHS.map((s) => `${s} ${dashboard.statements[s]}`).join(', ')}; 20 compounds instead of 5 ${grows.length ? `add statements in ${grows.join(', ')}` : 'add none'} — **${grows.length ? 'missed' : 'met'}**.`,
      ...(load[0]! > cpus().length ? ['', `The machine was busy (load average ${load[0]!.toFixed(1)} on ${cpus().length} cores): read times are approximate; statement counts are exact.`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!args['no-write']) writeSection('sql', lines.join('\n'));
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
