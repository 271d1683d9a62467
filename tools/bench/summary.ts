/**
 * The summary of `npm run bench`: every target of issue 8 with the ratio its benchmark measured, read back from
 * the section that benchmark wrote in docs/benchmarks.md. A section missing, or shaped differently, leaves its
 * row "not measured" rather than failing the run.
 */
/** One row of the summary: a target of issue 8, read back from the section its benchmark wrote. */
export interface TargetRow {
  target: string;
  measured: string;
  verdict: string;
  section: string;
}

function sectionOf(doc: string, name: string): string | null {
  const match = new RegExp(`<!-- bench:${name} -->([\\s\\S]*?)<!-- /bench:${name} -->`).exec(doc);
  return match ? match[1]! : null;
}

/** The cells of the first table row whose first cell starts with `label`. */
function rowCells(section: string | null, label: string): string[] | null {
  if (!section) return null;
  const line = section.split('\n').find((l) => l.startsWith(`| ${label}`));
  return line ? line.split('|').slice(1, -1).map((c) => c.trim()) : null;
}

const ratioIn = (cell: string | undefined): number | null => {
  const match = /([\d.]+)×/.exec(cell ?? '');
  return match ? Number(match[1]) : null;
};

function verdictOf(value: number | null, goal: number, higherIsBetter: boolean): string {
  if (value === null) return 'not measured (see its section)';
  const met = higherIsBetter ? value >= goal : value <= goal;
  const by = higherIsBetter ? (1 - value / goal) * 100 : (value / goal - 1) * 100;
  return met ? 'met' : `missed by ${Math.round(by)}%`;
}

export function summarizeTargets(doc: string): TargetRow[] {
  const rows: TargetRow[] = [];
  const gateway = sectionOf(doc, 'gateway');
  const targets = gateway?.split('### Targets of issue 8')[1]?.split('\n###')[0];
  const gatewayRows = (targets ?? '').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| target') && !l.startsWith('| ---'));
  for (const line of gatewayRows) {
    const [target, operation, measured, verdict] = line.split('|').slice(1, -1).map((c) => c.trim());
    rows.push({ target: `${target} — ${operation}`, measured: measured ?? '', verdict: verdict ?? '', section: 'gateway' });
  }
  if (gatewayRows.length === 0) rows.push({ target: 'gateway throughput vs direct, vs Hive Gateway', measured: '—', verdict: 'not measured (see its section)', section: 'gateway' });

  const sql = sectionOf(doc, 'sql');
  const sqlVerdict = /Target \(issue 8\):[^\n]*\*\*(met|missed)\*\*/.exec(sql ?? '');
  const sqlMeasured = /the dashboard sends ([^;]+); 20 compounds instead of 5 ([^—]+?) —/.exec(sql ?? '');
  rows.push({
    target: 'cross-subgraph dashboard: ≤ 1 SQL statement per entity type per subgraph',
    measured: sqlMeasured ? `dashboard: ${sqlMeasured[1]}; 20 compounds instead of 5 ${sqlMeasured[2]}` : '—',
    verdict: sqlVerdict?.[1] ?? 'not measured (see its section)',
    section: 'sql',
  });

  const fund = sectionOf(doc, 'fund-ledger');
  const fundRows = (fund ?? '').split('\n').filter((l) => /^\| \d+ \|/.test(l));
  const fundLast = fundRows.at(-1)?.split('|').slice(1, -1).map((c) => c.trim());
  const fundRatio = ratioIn(fundLast?.at(-1));
  rows.push({ target: 'ledger postings ≥ 0.5× pgbench TPC-B-like TPS', measured: fundRatio === null ? '—' : `${fundRatio.toFixed(2)}×`, verdict: verdictOf(fundRatio, 0.5, true), section: 'fund-ledger' });

  const deliberation = sectionOf(doc, 'deliberation');
  const ballots = ratioIn(rowCells(deliberation, 'paper ballots cast through the gateway')?.[3]);
  rows.push({ target: 'ballots ≥ 0.5× raw single-row inserts', measured: ballots === null ? '—' : `${ballots.toFixed(2)}×`, verdict: verdictOf(ballots, 0.5, true), section: 'deliberation' });
  const tally = ratioIn(rowCells(deliberation, 'closing a vote through the gateway')?.[3]);
  rows.push({ target: 'a 5,000-dwelling tally within 2× its raw aggregate SQL', measured: tally === null ? '—' : `${tally.toFixed(2)}× the raw time`, verdict: verdictOf(tally, 2, false), section: 'deliberation' });

  const org = sectionOf(doc, 'org-import');
  const importRatio = ratioIn(rowCells(org, 'whole import')?.[3]);
  rows.push({ target: 'bulk import ≥ 0.25× COPY into the same indexed tables', measured: importRatio === null ? '—' : `${importRatio.toFixed(2)}×`, verdict: verdictOf(importRatio, 0.25, true), section: 'org-import' });
  const electorate = ratioIn(rowCells(org, 'electorate of a 5,000-dwelling compound')?.[3]);
  rows.push({ target: 'electorate of a 5,000-dwelling compound within 2× its raw SQL (issue 3)', measured: electorate === null ? '—' : `${electorate.toFixed(2)}× the raw time`, verdict: verdictOf(electorate, 2, false), section: 'org-import' });

  const property = sectionOf(doc, 'property-credit-scores');
  const scoring = ratioIn(rowCells(property, 'draft list of the period')?.[3]);
  rows.push({ target: 'credit scores of a district against the raw SQL aggregation (issue 5, reported)', measured: scoring === null ? '—' : `${scoring.toFixed(2)}× the raw time`, verdict: scoring === null ? 'not measured (see its section)' : 'reported', section: 'property-credit-scores' });

  const events = sectionOf(doc, 'events');
  const lag = /worst p99 (\d+) ms — \*\*(met|missed)\*\*/.exec(events ?? '');
  rows.push({ target: 'event lag p99 ≤ 250 ms at the benchmark’s load', measured: lag ? `p99 ${lag[1]} ms` : '—', verdict: lag ? (lag[2] === 'met' ? 'met' : `missed by ${Math.round((Number(lag[1]) / 250 - 1) * 100)}%`) : 'not measured (see its section)', section: 'events' });
  return rows;
}

