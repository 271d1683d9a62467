import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { CreditListService, EXAMPLE_RULES_V1, propertyModule, type CreditRules } from '@gongzhi/app-property';
import type { AuthUser } from '@gongzhi/platform-auth';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';
import { uuidv7 } from '@gongzhi/platform-graphql';
import { createDataSourceFor, migrateSubgraph } from '@gongzhi/platform-service';
import { creditCodeCheckCharacter } from '@gongzhi/standards';
import { pick, seededRandom } from '../seed/random';
import { machine, median, timed, writeSection } from './report';

/**
 * property at district scale: recomputing a district's credit scores (500 companies serving 1,000 compounds, a
 * year of evidence) through the service's scoring path (`CreditListService.draft`: evidence query, the rule
 * engine, score rows with their explaining lines, ranking) against one raw SQL aggregation that computes the same
 * scores, grades and lists from the same evidence. The two must agree company by company, or the run fails.
 *   node tools/scripts/run-ts.mjs tools/bench/property.ts [--companies 500] [--compounds 1000] [--runs 7]
 */
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'gz_bench_property';
const DISTRICT = '510112';
const DISTRICT_PATH = `/${DISTRICT}/`;
const PERIOD_START = '2025-07-01';
const PERIOD_END = '2026-06-30';
const admin: AuthUser = { sub: 'bench', roles: ['platform_admin'], scopes: ['/'] };

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A well-formed unified social credit code for the n-th generated company. */
function creditCode(n: number): string {
  let body = '';
  for (let rest = n, i = 0; i < 8; i++, rest = Math.floor(rest / 31)) body = CREDIT_CODE_CHARSET[rest % 31]! + body;
  const first17 = `91${DISTRICT}M${body}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

function day(offset: number): string {
  return new Date(Date.UTC(2025, 6, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

interface EvidenceRows {
  id: string[];
  kind: string[];
  companyId: string[];
  compoundId: string[];
  scopePath: string[];
  occurredOn: string[];
  scoreHundredths: (number | null)[];
  respondents: (number | null)[];
  checklist: (string | null)[];
  violationType: (string | null)[];
  severity: (string | null)[];
  proofReference: (string | null)[];
  commendationLevel: (string | null)[];
  title: (string | null)[];
  matterId: (string | null)[];
  ratings: (number | null)[];
  meanRatingHundredths: (number | null)[];
  outcome: (string | null)[];
}

/**
 * A year of evidence per compound, the same on every run: monthly inspections and satisfaction surveys, about two
 * evaluated and two closed property matters a month, and a few violations and commendations.
 */
function generateEvidence(compounds: { id: string; scopePath: string; companyId: string }[]): EvidenceRows {
  const random = seededRandom(20260630);
  const rows: EvidenceRows = {
    id: [], kind: [], companyId: [], compoundId: [], scopePath: [], occurredOn: [], scoreHundredths: [], respondents: [], checklist: [], violationType: [],
    severity: [], proofReference: [], commendationLevel: [], title: [], matterId: [], ratings: [], meanRatingHundredths: [], outcome: [],
  };
  const add = (compound: (typeof compounds)[number], kind: string, offset: number, fields: Partial<Record<keyof EvidenceRows, string | number>>) => {
    rows.id.push(uuidv7());
    rows.kind.push(kind);
    rows.companyId.push(compound.companyId);
    rows.compoundId.push(compound.id);
    rows.scopePath.push(compound.scopePath);
    rows.occurredOn.push(day(offset));
    for (const key of ['scoreHundredths', 'respondents', 'checklist', 'violationType', 'severity', 'proofReference', 'commendationLevel', 'title', 'matterId', 'ratings', 'meanRatingHundredths', 'outcome'] as const) {
      (rows[key] as (string | number | null)[]).push(fields[key] ?? null);
    }
  };
  for (const compound of compounds) {
    const quality = 0.75 + random() * 0.25;
    for (let month = 0; month < 12; month++) {
      const offset = month * 30 + Math.floor(random() * 28);
      const inspection = Math.min(100, Math.round(quality * 100 - 5 + random() * 10));
      add(compound, 'SURVEY', offset, { scoreHundredths: Math.min(10000, Math.round(quality * 10000 - 500 + random() * 1000)), respondents: 20 + Math.floor(random() * 200) });
      add(compound, 'INSPECTION', offset + 1, {
        scoreHundredths: inspection * 100,
        checklist: JSON.stringify([{ item: '保洁', maxPoints: 50, points: Math.floor(inspection / 2) }, { item: '秩序', maxPoints: 50, points: inspection - Math.floor(inspection / 2) }]),
      });
      for (let m = 0; m < 2; m++) {
        add(compound, 'MATTER_EVALUATED', offset + m * 7, { matterId: uuidv7(), ratings: 3 + Math.floor(random() * 30), meanRatingHundredths: 200 + Math.floor(random() * 301) });
        add(compound, 'MATTER_CLOSED', offset + m * 7 + 2, { matterId: uuidv7(), outcome: pick(random, ['RESOLVED', 'REJECTED', 'REJECTED', 'MERGED']) });
      }
    }
    const violations = random() < 0.6 ? 0 : 1 + Math.floor(random() * 2);
    for (let v = 0; v < violations; v++) {
      const type = random() < 0.03 ? pick(random, ['ILLEGAL_CHARGES', 'ABANDONED_COMPOUND']) : pick(random, ['SERVICE_BELOW_CONTRACT', 'SAFETY_HAZARD', 'OTHER']);
      add(compound, 'VIOLATION', Math.floor(random() * 365), { violationType: type, severity: pick(random, ['MINOR', 'MINOR', 'MINOR', 'MAJOR', 'SERIOUS']), proofReference: `龙街检〔2026〕${v}号` });
    }
    if (random() < 0.4) add(compound, 'COMMENDATION', Math.floor(random() * 365), { commendationLevel: pick(random, ['DISTRICT', 'STREET', 'COMMUNITY']), title: '优秀物业项目' });
  }
  rows.kind = rows.kind.map((k) => (k === 'SURVEY' ? 'SATISFACTION_SURVEY' : k));
  return rows;
}

async function seed(dataSource: DataSource, companies: number, compounds: number): Promise<number> {
  await dataSource.query(`INSERT INTO org_node (id, kind, code, name, parent_id, scope_path, updated_at) VALUES ($1, 'DISTRICT', $2, '龙泉驿区', NULL, $3, now())`, [uuidv7(), DISTRICT, DISTRICT_PATH]);
  const companyIds = Array.from({ length: companies }, () => uuidv7());
  await dataSource.query(
    `INSERT INTO property_company (id, name, credit_code, district_code, scope_path)
     SELECT id, '物业服务企业' || n, code, $3, $4 FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS c(id, code, n)`,
    [companyIds, companyIds.map((_, i) => creditCode(i)), DISTRICT, DISTRICT_PATH],
  );
  // 10 streets × 10 communities × as many compounds as it takes; every company serves its share of them.
  const served = Array.from({ length: compounds }, (_, i) => {
    const street = `${DISTRICT}${String(1 + (i % 10)).padStart(3, '0')}`;
    const community = `${street}${String(1 + (Math.floor(i / 10) % 10)).padStart(3, '0')}`;
    const code = `${community}${String(1 + Math.floor(i / 100)).padStart(3, '0')}`;
    return { id: uuidv7(), code, scopePath: `${DISTRICT_PATH}${street}/${community}/${code}/`, companyId: companyIds[i % companies]! };
  });
  await dataSource.query(
    `INSERT INTO org_node (id, kind, code, name, parent_id, scope_path, updated_at)
     SELECT id, 'COMPOUND', code, '小区' || code, NULL, path, now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, code, path)`,
    [served.map((c) => c.id), served.map((c) => c.code), served.map((c) => c.scopePath)],
  );
  await dataSource.query(
    `INSERT INTO service_assignment (id, company_id, compound_id, scope_path, contract_start, fee_model, fee_standard_fen, status)
     SELECT id, company, compound, path, DATE '2024-01-01', 'LUMP_SUM', 250, 'ACTIVE' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS a(id, company, compound, path)`,
    [served.map(() => uuidv7()), served.map((c) => c.companyId), served.map((c) => c.id), served.map((c) => c.scopePath)],
  );
  const rows = generateEvidence(served);
  const chunk = 20_000;
  for (let start = 0; start < rows.id.length; start += chunk) {
    const slice = <T>(values: T[]) => values.slice(start, start + chunk);
    await dataSource.query(
      `INSERT INTO evidence (id, kind, company_id, compound_id, scope_path, occurred_on, score_hundredths, respondents, checklist, violation_type, severity,
                             proof_reference, commendation_level, title, matter_id, ratings, mean_rating_hundredths, outcome, recorded_by)
       SELECT *, 'bench' FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::int[], $8::int[], $9::jsonb[], $10::text[], $11::text[],
                                     $12::text[], $13::text[], $14::text[], $15::uuid[], $16::int[], $17::int[], $18::text[])`,
      [
        slice(rows.id), slice(rows.kind), slice(rows.companyId), slice(rows.compoundId), slice(rows.scopePath), slice(rows.occurredOn), slice(rows.scoreHundredths),
        slice(rows.respondents), slice(rows.checklist), slice(rows.violationType), slice(rows.severity), slice(rows.proofReference), slice(rows.commendationLevel),
        slice(rows.title), slice(rows.matterId), slice(rows.ratings), slice(rows.meanRatingHundredths), slice(rows.outcome),
      ],
    );
  }
  await dataSource.query(
    `INSERT INTO rule_catalogue (id, district_code, scope_path, version, rules, status, published_at) VALUES ($4, $1, $2, 1, $3, 'PUBLISHED', now())`,
    [DISTRICT, DISTRICT_PATH, JSON.stringify(EXAMPLE_RULES_V1), uuidv7()],
  );
  await dataSource.query('ANALYZE');
  return rows.id.length;
}

/**
 * The baseline: the same evidence window, aggregated per company and turned into score, grade and list by the
 * same rules in one statement. It writes nothing and explains nothing; it is what the rule engine must not be
 * much slower than.
 */
const RAW_SCORES_SQL = `
WITH rules AS (SELECT $2::jsonb AS r),
valid AS (
  SELECT e.* FROM evidence e, rules
   WHERE e.company_id IN (SELECT id FROM property_company WHERE scope_path = $1)
     AND e.occurred_on <= $3::date AND e.occurred_on > $3::date - (r->'validityDays'->>e.kind)::int),
tally AS (
  SELECT c.id AS company_id,
         sum(v.score_hundredths::bigint * v.respondents) FILTER (WHERE v.kind = 'SATISFACTION_SURVEY')::bigint AS satisfaction_weighted,
         sum(v.respondents) FILTER (WHERE v.kind = 'SATISFACTION_SURVEY') AS respondents,
         sum(v.score_hundredths) FILTER (WHERE v.kind = 'INSPECTION') AS inspection_sum,
         count(*) FILTER (WHERE v.kind = 'INSPECTION') AS inspections,
         sum((r->'additions'->'commendation'->>v.commendation_level)::int) FILTER (WHERE v.kind = 'COMMENDATION') AS commended,
         count(*) FILTER (WHERE v.kind = 'MATTER_EVALUATED' AND v.mean_rating_hundredths >= (r->'matterRating'->>'wellRatedFrom')::int) AS well_rated,
         count(*) FILTER (WHERE v.kind = 'MATTER_EVALUATED' AND v.mean_rating_hundredths < (r->'matterRating'->>'poorlyRatedBelow')::int) AS poorly_rated,
         sum((r->'deductions'->'violation'->>v.severity)::int) FILTER (WHERE v.kind = 'VIOLATION') AS violated,
         count(*) FILTER (WHERE v.kind = 'MATTER_CLOSED' AND v.outcome = 'RESOLVED') AS resolved,
         coalesce(bool_or(v.kind = 'VIOLATION' AND r->'blackList'->'violationTypes' ? v.violation_type), false) AS black_violation,
         coalesce(bool_or(v.kind = 'VIOLATION' AND r->'redList'->'forbiddenSeverities' ? v.severity), false) AS barring
    FROM property_company c CROSS JOIN rules LEFT JOIN valid v ON v.company_id = c.id
   WHERE c.scope_path = $1
   GROUP BY c.id, r),
quality AS (
  SELECT t.*,
         (r->'weights'->>'base')::int
           + CASE WHEN t.respondents IS NULL THEN (r->'weights'->>'satisfaction')::int ELSE 0 END
           + CASE WHEN t.inspections = 0 THEN (r->'weights'->>'inspection')::int ELSE 0 END AS base_weight,
         coalesce((t.satisfaction_weighted / t.respondents) * (r->'weights'->>'satisfaction')::int / 100, 0) AS satisfaction_points,
         CASE WHEN t.inspections > 0 THEN (t.inspection_sum / t.inspections) * (r->'weights'->>'inspection')::int / 100 ELSE 0 END AS inspection_points,
         least((r->'additions'->>'cap')::int, coalesce(t.commended, 0) + t.well_rated * (r->'additions'->>'wellRatedMatter')::int) AS additions,
         least((r->'deductions'->>'cap')::int, coalesce(t.violated, 0) + t.resolved * (r->'deductions'->>'resolvedComplaint')::int
                                                 + t.poorly_rated * (r->'deductions'->>'poorlyRatedMatter')::int) AS deductions
    FROM tally t, rules),
scored AS (
  SELECT q.*, greatest(0, least(10000, (r->>'baseScore')::int * q.base_weight / 100 + q.satisfaction_points + q.inspection_points + q.additions - q.deductions)) AS score
    FROM quality q, rules),
graded AS (
  SELECT s.*, (SELECT g->>'grade' FROM jsonb_array_elements(r->'grades') WITH ORDINALITY AS gs(g, n) WHERE s.score >= (g->>'minScore')::int ORDER BY n LIMIT 1) AS grade
    FROM scored s, rules)
SELECT g.company_id AS "companyId", g.score::int AS score, g.grade,
       CASE WHEN r->'blackList'->'grades' ? g.grade OR g.black_violation THEN 'BLACK'
            WHEN r->'redList'->'grades' ? g.grade AND NOT g.barring THEN 'RED'
            ELSE 'NONE' END AS membership
  FROM graded g, rules`;

interface Outcome {
  companyId: string;
  score: number;
  grade: string;
  membership: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { companies: { type: 'string', default: '500' }, compounds: { type: 'string', default: '1000' }, runs: { type: 'string', default: '7' } } });
  const companies = Number(values.companies);
  const compounds = Number(values.compounds);
  const runs = Number(values.runs);
  if (!(companies > 0 && compounds >= companies && runs > 1)) throw new Error('--companies must be positive, --compounds at least as many, --runs at least 2');
  await dropDatabase(SERVER, DATABASE);
  await ensureDatabase(SERVER, DATABASE);
  const config = { DATABASE_URL: databaseUrl(SERVER, DATABASE), DATABASE_POOL_SIZE: 4 };
  await migrateSubgraph(propertyModule, config);
  const dataSource = createDataSourceFor(propertyModule, config);
  await dataSource.initialize();
  try {
    process.stdout.write(`seeding ${companies} companies over ${compounds} compounds with a year of evidence …\n`);
    const seeding = await timed(() => seed(dataSource, companies, compounds));
    process.stdout.write(`${seeding.result} evidence rows in ${(seeding.ms / 1000).toFixed(1)} s\n`);

    const lists = new CreditListService(dataSource);
    const serviceTimes: number[] = [];
    const rawTimes: number[] = [];
    let listId = '';
    let raw: Outcome[] = [];
    for (let run = 0; run <= runs; run++) {
      const service = await timed(() => lists.draft(admin, { districtCode: DISTRICT, periodLabel: `bench-${run}`, periodStart: PERIOD_START, periodEnd: PERIOD_END }));
      const baseline = await timed(() => dataSource.query(RAW_SCORES_SQL, [DISTRICT_PATH, JSON.stringify(EXAMPLE_RULES_V1 satisfies CreditRules), PERIOD_END]) as Promise<Outcome[]>);
      // The first pair warms caches and plans.
      if (run > 0) {
        serviceTimes.push(service.ms);
        rawTimes.push(baseline.ms);
      }
      listId = service.result.id;
      raw = baseline.result;
    }

    const ours = (await dataSource.query(`SELECT company_id AS "companyId", score_hundredths AS score, grade, membership FROM credit_score WHERE list_id = $1`, [listId])) as Outcome[];
    const expected = new Map(raw.map((r) => [r.companyId, r]));
    const mismatches = ours.filter((o) => {
      const r = expected.get(o.companyId);
      return !r || r.score !== o.score || r.grade !== o.grade || r.membership !== o.membership;
    });
    if (ours.length !== companies || raw.length !== companies || mismatches.length > 0) {
      throw new Error(`the service and the raw SQL disagree: ${ours.length} / ${raw.length} scores, ${mismatches.length} different, e.g. ours ${JSON.stringify(mismatches[0])}, raw ${JSON.stringify(expected.get(mismatches[0]?.companyId ?? ""))}`);
    }
    const count = (m: string) => ours.filter((o) => o.membership === m).length;

    const lines = [
      `## property: recomputing a district's credit scores (\`node tools/scripts/run-ts.mjs tools/bench/property.ts --companies ${companies} --compounds ${compounds} --runs ${runs}\`)`,
      '',
      `Machine: ${machine()}; PostgreSQL on the same machine; load average at the end ${loadAverage()}. Measured ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `${companies} companies serving ${compounds} compounds, ${seeding.result} evidence records over ${PERIOD_START} – ${PERIOD_END} (seeded, the same every run),`,
      `catalogue v1 of docs/property.md. Both sides produce the same ${companies} scores, grades and lists (checked company by company):`,
      `${count('RED')} red, ${count('BLACK')} black, ${count('NONE')} on neither.`,
      '',
      '| measurement | ours | baseline (same run) | ratio |',
      '| --- | --- | --- | --- |',
      `| draft list of the period, median of ${runs} (\`CreditListService.draft\`: evidence query, rule engine, ${companies} score rows with their explaining lines, ranking, one transaction) | ${median(serviceTimes).toFixed(0)} ms | raw SQL aggregation to score, grade and list, writing nothing: ${median(rawTimes).toFixed(0)} ms | ${(median(serviceTimes) / median(rawTimes)).toFixed(2)}× the raw time |`,
      '',
      'The ratio is our time over the raw query time (lower is better). The raw side neither explains a score line by line',
      'nor stores anything; the service does both in the same transaction.',
      ...(loadavg()[0]! >= cpus().length / 2
        ? ['', 'The machine was busy with other work during this run (see the load average): absolute times are inflated, the ratio less so.']
        : []),
    ];
    writeSection('property-credit-scores', lines.join('\n'));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await dataSource.destroy();
  }
}

/** The 1, 5 and 15 minute load averages, so a reader sees whether others were using the machine. */
function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
