import { summarizeTargets } from './summary';

const section = (name: string, body: string) => `<!-- bench:${name} -->\n${body}\n<!-- /bench:${name} -->`;

describe('summarizeTargets', () => {
  const doc = [
    '# Benchmarks',
    section(
      'gateway',
      [
        '## gateway',
        '### Targets of issue 8',
        '',
        '| target | operation | measured | verdict |',
        '| --- | --- | --- | --- |',
        '| gateway ≥ 0.5× direct (single subgraph) | StreetOverdueMatters | 0.62× | met (1.24× the goal) |',
        '| ours ≥ Hive Gateway, both with defaults | AdminCompoundDashboard | 0.90× | missed by 10% |',
        '',
        '### Tuning, step by step',
        '| step | x |',
      ].join('\n'),
    ),
    section('fund-ledger', '| clients | service |\n| --- | --- |\n| 1 | a | b | 0.10× | 831 TPS | 0.15× |\n| 2 | a | b | 0.12× | 1,236 TPS | 0.55× |'),
    section('deliberation', '| paper ballots cast through the gateway (4950) | 175 ballots/s | raw | 0.07× |\n| closing a vote through the gateway (tally) | 39.5 ms | raw: 15.1 ms | 2.62× the raw time |'),
    section('org-import', '| whole import (1319999 rows) | 3055 rows/s | 15005 rows/s | 0.20× |'),
    section('sql', 'Target (issue 8): each subgraph gets at most one statement per entity type it resolves, whatever the number of entities: the dashboard sends org 2, deliberation 1; 20 compounds instead of 5 add none — **met**.'),
    section('events', 'Target (issue 8): p99 ≤ 250 ms at the steady rates: worst p99 180 ms — **met**.'),
  ].join('\n\n');
  const rows = summarizeTargets(doc);
  const row = (prefix: string) => rows.find((r) => r.target.startsWith(prefix));

  it('passes the gateway benchmark’s own target rows through', () => {
    expect(row('gateway ≥ 0.5× direct')).toMatchObject({ measured: '0.62×', verdict: 'met (1.24× the goal)', section: 'gateway' });
    expect(row('ours ≥ Hive Gateway')).toMatchObject({ measured: '0.90×', verdict: 'missed by 10%' });
    expect(rows.filter((r) => r.section === 'gateway')).toHaveLength(2);
  });

  it('reads the ratios of the write-path sections and judges them against the issue’s goals', () => {
    expect(row('ledger postings')).toMatchObject({ measured: '0.55×', verdict: 'met' });
    expect(row('ballots')).toMatchObject({ measured: '0.07×', verdict: 'missed by 86%' });
    expect(row('a 5,000-dwelling tally')).toMatchObject({ measured: '2.62× the raw time', verdict: 'missed by 31%' });
    expect(row('bulk import')).toMatchObject({ measured: '0.20×', verdict: 'missed by 20%' });
  });

  it('reads the SQL and event-lag verdicts', () => {
    expect(row('cross-subgraph dashboard')).toMatchObject({ measured: 'dashboard: org 2, deliberation 1; 20 compounds instead of 5 add none', verdict: 'met' });
    expect(row('event lag')).toMatchObject({ measured: 'p99 180 ms', verdict: 'met' });
  });

  it('marks what a run did not measure instead of failing', () => {
    expect(row('credit scores')).toMatchObject({ measured: '—', verdict: 'not measured (see its section)' });
    expect(row('electorate of a 5,000-dwelling compound')).toMatchObject({ verdict: 'not measured (see its section)' });
    const empty = summarizeTargets('');
    expect(empty.map((r) => r.section)).toEqual(['gateway', 'sql', 'fund-ledger', 'deliberation', 'deliberation', 'org-import', 'org-import', 'property-credit-scores', 'events']);
    expect(empty.every((r) => r.verdict === 'not measured (see its section)')).toBe(true);
  });
});
