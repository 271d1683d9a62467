import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { deliberationModule, loadDeliberationConfig, TALLY_SQL } from '@gongzhi/app-deliberation';
import { loadGatewayConfig, startGateway } from '@gongzhi/app-gateway';
import { bootSubgraph, graphqlRequest, tokenFor } from '@gongzhi/platform-testing';
import { machine, median, timed, writeSection } from './report';

/**
 * deliberation: an owners' joint decision in a 5,000-dwelling compound. Ballots are cast through the gateway
 * (gateway → deliberation subgraph → PostgreSQL) and compared with raw single-row INSERTs of the same ballots
 * at the same concurrency; closing (the art. 278 tally) through the gateway is compared with the raw aggregate
 * SQL the tally runs.
 *   node tools/scripts/run-ts.mjs tools/bench/deliberation.ts [--dwellings 5000] [--concurrency 8] [--closes 7]
 *
 * The electorate read model is written directly in SQL for the setup (the org events that normally feed it are
 * measured by org's own benchmark); everything measured goes through the same code paths as in production.
 */
const COMMUNITY = '/510112/510112001/510112001001/';
const COMPOUND = `${COMMUNITY}510112001001999/`;

const OPEN = `mutation($input: OpenVoteInput!) { openVote(input: $input) { id electorateSize } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { id } }`;
const CLOSE = `mutation($id: ID!) { closeVote(voteId: $id) { id result { passed totals { participatingHeadcount } } } }`;

/** Runs `work` for every item with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dwellings: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '8' }, closes: { type: 'string', default: '7' } },
  });
  const size = Number(values.dwellings);
  const concurrency = Number(values.concurrency);
  const closes = Number(values.closes);
  const deliberation = await bootSubgraph(deliberationModule, loadDeliberationConfig, { env: { DATABASE_POOL_SIZE: '10' } });
  // Only the deliberation subgraph is booted: the operations measured are planned onto it alone.
  const gateway = await startGateway(loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DELIBERATION_URL: deliberation.url }));
  const db = deliberation.service.dataSource;
  try {
    const compoundId = randomUUID();
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
    const staff = await tokenFor('community_staff', COMMUNITY, 'bench-staff');
    const open = async (title: string): Promise<{ id: string; ms: number }> => {
      const run = await timed(() =>
        graphqlRequest<{ openVote: { id: string; electorateSize: number } }>(
          gateway.url,
          OPEN,
          { input: { compoundId, kind: 'OWNERS_JOINT_DECISION', title, closesAt: new Date(Date.now() + 86_400_000).toISOString() } },
          staff,
        ),
      );
      if (run.result.errors || run.result.data?.openVote.electorateSize !== size) throw new Error(`openVote: ${JSON.stringify(run.result.errors)}`);
      return { id: run.result.data.openVote.id, ms: run.ms };
    };
    const dwellingIds = ((await db.query(`SELECT dwelling_id FROM electorate_dwelling WHERE compound_id = $1 ORDER BY dwelling_id`, [compoundId])) as { dwelling_id: string }[]).map(
      (r) => r.dwelling_id,
    );
    const choiceOf = (i: number) => (i % 10 < 7 ? 'YES' : i % 10 < 9 ? 'NO' : 'ABSTAIN');

    process.stdout.write(`casting ${size} paper ballots through the gateway, ${concurrency} in flight …\n`);
    const first = await open('更换物业服务企业');
    const warmup = dwellingIds.slice(0, 50);
    const ballots = dwellingIds.map((dwellingId, i) => ({ dwellingId, choice: choiceOf(i) }));
    const castAll = async (url: string, voteId: string, items: typeof ballots) =>
      inParallel(items, concurrency, async (b) => {
        const answer = await graphqlRequest(url, CAST, { input: { voteId, dwellingId: b.dwellingId, choice: b.choice, channel: 'PAPER', witness: '楼长 王' } }, staff);
        if (answer.errors) throw new Error(`castBallot: ${JSON.stringify(answer.errors)}`);
      });
    await castAll(gateway.url, first.id, ballots.slice(0, warmup.length));
    const measured = ballots.slice(warmup.length);
    const gatewayRun = await timed(() => castAll(gateway.url, first.id, measured));

    process.stdout.write('the same ballots straight to the subgraph, to tell the gateway’s share …\n');
    const direct = await open('直连子图');
    await castAll(deliberation.url, direct.id, ballots.slice(0, warmup.length));
    const directRun = await timed(() => castAll(deliberation.url, direct.id, measured));

    process.stdout.write('baseline: raw single-row INSERTs of the same ballots …\n');
    const second = await open('基线');
    const rawRun = await timed(() =>
      inParallel(measured, concurrency, async (b) => {
        await db.query(`INSERT INTO ballot (id, vote_id, dwelling_id, choice, channel, cast_by, witness) VALUES ($1, $2, $3, $4, 'PAPER', 'bench-staff', '楼长 王')`, [
          randomUUID(),
          second.id,
          b.dwellingId,
          b.choice,
        ]);
      }),
    );

    process.stdout.write(`tallying ${closes} votes of ${size} ballots through the gateway and with the raw aggregate …\n`);
    const closeTimes: number[] = [];
    const rawTallyTimes: number[] = [];
    const openTimes: number[] = [first.ms, second.ms, direct.ms];
    const copyBallots = (to: string) =>
      db.query(
        `INSERT INTO ballot (id, vote_id, dwelling_id, choice, channel, cast_by, witness)
         SELECT gen_random_uuid(), $2, dwelling_id, choice, channel, cast_by, witness FROM ballot WHERE vote_id = $1`,
        [first.id, to],
      );
    let participating = 0;
    for (let i = 0; i < closes; i++) {
      const vote = i === 0 ? first : await open(`表决 ${i}`);
      if (i > 0) {
        openTimes.push(vote.ms);
        await copyBallots(vote.id);
      }
      rawTallyTimes.push((await timed(() => db.query(TALLY_SQL, [vote.id]))).ms);
      const close = await timed(() => graphqlRequest<{ closeVote: { result: { totals: { participatingHeadcount: number } } } }>(gateway.url, CLOSE, { id: vote.id }, staff));
      if (close.result.errors) throw new Error(`closeVote: ${JSON.stringify(close.result.errors)}`);
      participating = close.result.data!.closeVote.result.totals.participatingHeadcount;
      closeTimes.push(close.ms);
    }

    const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
    const load = loadavg()[0]!;
    const busy =
      load > cpus().length
        ? `The machine was busy (load average ${load.toFixed(1)} on ${cpus().length} cores, other work running beside this one), so the figures are approximate.`
        : '';
    const lines = [
      `## deliberation: ballots and the art. 278 tally of a ${size}-dwelling compound (\`node tools/scripts/run-ts.mjs tools/bench/deliberation.ts\`)`,
      '',
      `Machine: ${machine()}; PostgreSQL, the gateway and the deliberation subgraph on the same machine. Measured ${new Date().toISOString().slice(0, 10)}; load average at the end ${load.toFixed(1)}.`,
      '',
      '| measurement | ours | baseline (same run) | ratio |',
      '| --- | --- | --- | --- |',
      `| paper ballots cast through the gateway (${measured.length} after ${warmup.length} warm-up, ${concurrency} in flight; token check, scope, frozen-electorate check, insert, each in its own transaction) | ${rate(measured.length, gatewayRun.ms)} ballots/s | raw single-row \`INSERT INTO ballot\`, same rows, same concurrency: ${rate(measured.length, rawRun.ms)} ballots/s | ${(rawRun.ms / gatewayRun.ms).toFixed(2)}× |`,
      `| the same ballots sent straight to the subgraph (no gateway) | ${rate(measured.length, directRun.ms)} ballots/s | raw inserts as above | ${(rawRun.ms / directRun.ms).toFixed(2)}× |`,
      `| closing a vote through the gateway (tally of ${size} ballots, ${participating} owners by art. 278 headcount, result stored, event enqueued), median of ${closes} | ${median(closeTimes).toFixed(1)} ms | the raw aggregate SQL of the tally: ${median(rawTallyTimes).toFixed(1)} ms | ${(median(closeTimes) / median(rawTallyTimes)).toFixed(2)}× the raw time |`,
      `| opening a vote through the gateway (freezing ${size} electors), median of ${openTimes.length} | ${median(openTimes).toFixed(1)} ms | — | — |`,
      '',
      'The ballot ratio is our throughput as a share of the raw inserts (higher is better); the tally ratio is our time over the',
      'raw query time (lower is better). The electorate read model was written in SQL for the setup, not fed by org events.',
      'Each raw statement is one pooled autocommit round trip from the same Node process. A ballot through the service is an HTTP',
      'request, JWT verification and a transaction of six round trips (BEGIN, share lock on the vote, frozen-electorate check, insert,',
      'read back, COMMIT); the gateway adds one HTTP hop and query planning. The client, the gateway and the subgraph share one Node',
      'process, so the row straight to the subgraph shows how much of the cost is the gateway’s.',
      ...(busy ? ['', busy] : []),
    ];
    writeSection('deliberation', lines.join('\n'));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await gateway.stop();
    await deliberation.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
