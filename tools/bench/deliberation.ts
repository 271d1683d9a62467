import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { TALLY_SQL } from '@gongzhi/app-deliberation';
import { uuidv7 } from '@gongzhi/platform-graphql';
import { tokenFor } from '@gongzhi/platform-testing';
import type { EntryMode } from './gateway-stack';
import { machine, timed, writeSection } from './report';
import { GraphQLClient, inParallel, loadNote, median, prepare, profileFlags, rotated, spread, startGatewayFor, startService, withCpu } from './service-process';

/**
 * deliberation: an owners' joint decision in a 5,000-dwelling compound.
 *   node tools/scripts/run-ts.mjs tools/bench/deliberation.ts [--dwellings 5000] [--concurrency 8] [--ballots 1500]
 *     [--rounds 5] [--closes 7] [--mode dist|ts] [--port-base 5610] [--cpu-prof <dir>] [--no-write]
 *
 * The deliberation subgraph and our gateway run as processes of their own (built output, as in production); this
 * process is the client. Ballots: in each round a fresh vote takes `--ballots` paper ballots three ways, in a
 * rotating order — through the gateway, straight to the subgraph, and as raw single-row `INSERT INTO ballot`
 * statements from a pg pool — each with `--concurrency` requests in flight; after a warm-up round the median
 * round is reported. Tally: closing a vote of 5,000 ballots (through the gateway and straight to the subgraph)
 * against the raw aggregate SQL the tally runs, medians of `--closes`.
 *
 * The electorate read model is written in SQL for the setup (org's events normally feed it; org's benchmark
 * measures that); everything measured goes through the production code paths.
 */
const COMMUNITY = '/510112/510112001/510112001001/';
const COMPOUND = `${COMMUNITY}510112001001999/`;

const OPEN = `mutation($input: OpenVoteInput!) { openVote(input: $input) { id electorateSize } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { id } }`;
const CLOSE = `mutation($id: ID!) { closeVote(voteId: $id) { id result { passed totals { participatingHeadcount } } } }`;

type Contender = 'gateway' | 'subgraph' | 'raw';
const CONTENDERS: Contender[] = ['gateway', 'subgraph', 'raw'];

interface Round {
  perSecond: number;
  gatewayCpuMs: number;
  subgraphCpuMs: number;
  statements: number;
}

const choiceOf = (i: number) => (i % 10 < 7 ? 'YES' : i % 10 < 9 ? 'NO' : 'ABSTAIN');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dwellings: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '8' },
      ballots: { type: 'string', default: '1500' },
      rounds: { type: 'string', default: '5' },
      closes: { type: 'string', default: '7' },
      mode: { type: 'string', default: 'dist' },
      'port-base': { type: 'string', default: '5610' },
      'cpu-prof': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const size = Number(values.dwellings);
  const concurrency = Number(values.concurrency);
  const perRound = Math.min(Number(values.ballots), size);
  const rounds = Number(values.rounds);
  const closes = Number(values.closes);
  const mode = values.mode as EntryMode;
  const portBase = Number(values['port-base']);
  if (mode !== 'dist' && mode !== 'ts') throw new Error('--mode must be dist or ts');
  if (![size, concurrency, perRound, rounds, closes, portBase].every((n) => Number.isInteger(n) && n > 0)) throw new Error('numeric options must be positive integers');
  const loadBefore = loadavg()[0]!;

  prepare(mode);
  const service = await startService('deliberation', { mode, port: portBase + 2, countSql: true, nodeFlags: profileFlags(values['cpu-prof'], 'deliberation') });
  const stops: (() => Promise<void>)[] = [() => service.stop()];
  try {
    const gatewayProcess = await startGatewayFor('deliberation', service.process.url, { mode, port: portBase, nodeFlags: profileFlags(values['cpu-prof'], 'gateway') });
    stops.unshift(() => gatewayProcess.stop());
    const db = new Pool({ connectionString: service.databaseUrl, max: concurrency });
    stops.unshift(() => db.end());
    const staff = await tokenFor('community_staff', COMMUNITY, 'bench-staff');
    const viaGateway = new GraphQLClient(gatewayProcess.url, concurrency, staff);
    const direct = new GraphQLClient(service.process.url, concurrency, staff);
    stops.unshift(() => viaGateway.close(), () => direct.close());

    const compoundId = uuidv7();
    await db.query(`INSERT INTO org_node (id, kind, code, name, parent_id, scope_path, updated_at) VALUES ($1, 'COMPOUND', '510112001001999', '龙泉驿大城', NULL, $2, now())`, [
      compoundId,
      COMPOUND,
    ]);
    // One buyer holds every three dwellings; every fiftieth dwelling is still the developer's (as in org's bench).
    await db.query(
      `INSERT INTO electorate_dwelling (dwelling_id, compound_id, scope_path, room_number, room_at, exclusive_area, developer_unsold, facts_at, headcount_key, owner_keys, ownership_at)
       SELECT gen_random_uuid(), $1, $2, 'B' || (1 + d / 100) || '-' || (101 + d % 25), now(), 8000 + (d % 40) * 100 + d % 100, d % 50 = 0, now(),
              CASE WHEN d % 50 = 0 THEN NULL ELSE 'buyer-' || (d / 3) END,
              CASE WHEN d % 50 = 0 THEN '{}'::text[] ELSE ARRAY['buyer-' || (d / 3)] END, now()
         FROM generate_series(0, $3::int - 1) AS d`,
      [compoundId, COMPOUND, size],
    );
    await db.query('ANALYZE');
    const dwellingIds = (await db.query<{ dwelling_id: string }>(`SELECT dwelling_id FROM electorate_dwelling WHERE compound_id = $1 ORDER BY dwelling_id`, [compoundId])).rows.map(
      (r) => r.dwelling_id,
    );

    const openTimes: number[] = [];
    const open = async (client: GraphQLClient, title: string): Promise<string> => {
      const { result, ms } = await timed(() =>
        client.data<{ openVote: { id: string; electorateSize: number } }>('openVote', OPEN, {
          input: { compoundId, kind: 'OWNERS_JOINT_DECISION', title, closesAt: new Date(Date.now() + 86_400_000).toISOString() },
        }),
      );
      if (result.openVote.electorateSize !== size) throw new Error(`openVote froze ${result.openVote.electorateSize} electors, not ${size}`);
      if (client === viaGateway) openTimes.push(ms);
      return result.openVote.id;
    };

    const castThrough = (client: GraphQLClient, voteId: string, ids: string[]) =>
      inParallel(
        ids.map((dwellingId, i) => ({ dwellingId, choice: choiceOf(i) })),
        concurrency,
        async (b) => {
          await client.data('castBallot', CAST, { input: { voteId, dwellingId: b.dwellingId, choice: b.choice, channel: 'PAPER', witness: '楼长 王' } });
        },
      );
    const insertRaw = (voteId: string, ids: string[]) =>
      inParallel(
        ids.map((dwellingId, i) => ({ dwellingId, choice: choiceOf(i) })),
        concurrency,
        async (b) => {
          await db.query(`INSERT INTO ballot (id, vote_id, dwelling_id, choice, channel, cast_by, witness) VALUES ($1, $2, $3, $4, 'PAPER', 'bench-staff', '楼长 王')`, [
            uuidv7(),
            voteId,
            b.dwellingId,
            b.choice,
          ]);
        },
      );
    const runRound = async (contender: Contender, ids: string[]): Promise<Round> => {
      const voteId = await open(direct, `${contender} ${uuidv7()}`);
      await service.process.sqlCount(true);
      const { result, cpu } = await withCpu([gatewayProcess, service.process], () =>
        timed(() => (contender === 'raw' ? insertRaw(voteId, ids) : castThrough(contender === 'gateway' ? viaGateway : direct, voteId, ids))),
      );
      const statements = await service.process.sqlCount();
      return {
        perSecond: ids.length / (result.ms / 1000),
        gatewayCpuMs: (cpu[0]! * 1000) / ids.length,
        subgraphCpuMs: (cpu[1]! * 1000) / ids.length,
        statements: statements / ids.length,
      };
    };

    process.stdout.write(`warming up: ${Math.min(300, perRound)} ballots each way …\n`);
    for (const contender of CONTENDERS) await runRound(contender, dwellingIds.slice(0, Math.min(300, perRound)));
    const results: Record<Contender, Round[]> = { gateway: [], subgraph: [], raw: [] };
    for (let round = 0; round < rounds; round++) {
      process.stdout.write(`round ${round + 1}/${rounds}: ${perRound} ballots each through the gateway, straight to the subgraph and as raw INSERTs, ${concurrency} in flight …\n`);
      for (const contender of rotated(CONTENDERS, round)) results[contender].push(await runRound(contender, dwellingIds.slice(0, perRound)));
    }

    process.stdout.write(`tallying ${closes} votes of ${size} ballots each way …\n`);
    const fill = (voteId: string) =>
      db.query(
        `INSERT INTO ballot (id, vote_id, dwelling_id, choice, channel, cast_by, witness)
         SELECT gen_random_uuid(), $1, dwelling_id, (ARRAY['YES', 'YES', 'YES', 'YES', 'YES', 'YES', 'YES', 'NO', 'NO', 'ABSTAIN'])[1 + (row_number() OVER (ORDER BY dwelling_id)) % 10],
                'PAPER', 'bench-staff', '楼长 王'
           FROM vote_elector WHERE vote_id = $1`,
        [voteId],
      );
    const closeTimes: Record<'gateway' | 'subgraph', number[]> = { gateway: [], subgraph: [] };
    const rawTallyTimes: number[] = [];
    let participating = 0;
    for (let i = 0; i < closes * 2; i++) {
      const through = i % 2 === 0 ? 'gateway' : 'subgraph';
      const voteId = await open(viaGateway, `表决 ${i}`);
      await fill(voteId);
      rawTallyTimes.push((await timed(() => db.query(TALLY_SQL, [voteId]))).ms);
      const close = await timed(() =>
        (through === 'gateway' ? viaGateway : direct).data<{ closeVote: { result: { totals: { participatingHeadcount: number } } } }>('closeVote', CLOSE, { id: voteId }),
      );
      participating = close.result.closeVote.result.totals.participatingHeadcount;
      closeTimes[through].push(close.ms);
    }

    const med = (contender: Contender, key: keyof Round) => median(results[contender].map((r) => r[key]));
    const rate = (contender: Contender) => Math.round(med(contender, 'perSecond'));
    const range = (contender: Contender) => spread(results[contender].map((r) => r.perSecond));
    const lines = [
      `## deliberation: ballots and the art. 278 tally of a ${size}-dwelling compound (\`node tools/scripts/run-ts.mjs tools/bench/deliberation.ts\`)`,
      '',
      `Machine: ${machine()}; PostgreSQL, the gateway and the deliberation subgraph (separate processes, ${mode === 'dist' ? 'built output' : 'TypeScript through @swc-node/register'}) on the same machine. Measured ${new Date().toISOString().slice(0, 10)}.`,
      loadNote(loadBefore),
      '',
      '| measurement | ours | baseline (same run) | ratio |',
      '| --- | --- | --- | --- |',
      `| paper ballots cast through the gateway (${perRound} per round, ${concurrency} in flight, median of ${rounds} rounds after a warm-up; token check, scope, frozen-electorate check, insert) | ${rate('gateway')} ballots/s (${range('gateway')}) | raw single-row \`INSERT INTO ballot\` from a pg pool, same rows, same concurrency: ${rate('raw')} ballots/s (${range('raw')}) | ${(med('gateway', 'perSecond') / med('raw', 'perSecond')).toFixed(2)}× |`,
      `| the same ballots straight to the subgraph (no gateway) | ${rate('subgraph')} ballots/s (${range('subgraph')}) | raw inserts as above | ${(med('subgraph', 'perSecond') / med('raw', 'perSecond')).toFixed(2)}× |`,
      `| closing a vote through the gateway (tally of ${size} ballots, ${participating} owners by art. 278 headcount, result stored, event enqueued), median of ${closes} | ${median(closeTimes.gateway).toFixed(1)} ms | the raw aggregate SQL of the tally: ${median(rawTallyTimes).toFixed(1)} ms (median of ${rawTallyTimes.length}) | ${(median(closeTimes.gateway) / median(rawTallyTimes)).toFixed(2)}× the raw time |`,
      `| closing a vote straight to the subgraph, median of ${closes} | ${median(closeTimes.subgraph).toFixed(1)} ms | as above | ${(median(closeTimes.subgraph) / median(rawTallyTimes)).toFixed(2)}× the raw time |`,
      `| opening a vote through the gateway (freezing ${size} electors), median of ${openTimes.length} | ${median(openTimes).toFixed(1)} ms | — | — |`,
      '',
      `Per ballot (medians of the rounds): through the gateway ${med('gateway', 'gatewayCpuMs').toFixed(2)} ms of gateway CPU and ${med('gateway', 'subgraphCpuMs').toFixed(2)} ms of subgraph CPU;`,
      `straight to the subgraph ${med('subgraph', 'subgraphCpuMs').toFixed(2)} ms of subgraph CPU; ${med('subgraph', 'statements').toFixed(1)} SQL round trips from the subgraph (raw: 1). ${cpus().length} cores serve the client, the gateway, the subgraph and PostgreSQL.`,
      '',
      'Ballot ratios are our throughput as a share of the raw inserts (higher is better; target of issue 8: ≥ 0.5×); tally ratios are our time',
      'over the raw query time (lower is better; target ≤ 2×). Ranges in brackets are the slowest and fastest rounds.',
    ];
    if (!values['no-write']) writeSection('deliberation', lines.join('\n'));
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
