import { computeCreditScore, formatPoints, type EvidenceFact } from './credit-score';
import { EXAMPLE_RULES_V1, EXAMPLE_RULES_V2 } from './example-rules';
import { creditRulesSchema } from './rules';

/** Half a year of one company's evidence, rated for the period ending 2026-06-30. */
const EVIDENCE: EvidenceFact[] = [
  { id: 's1', kind: 'SATISFACTION_SURVEY', occurredOn: '2026-03-15', scoreHundredths: 9000, respondents: 120 },
  { id: 's2', kind: 'SATISFACTION_SURVEY', occurredOn: '2026-05-20', scoreHundredths: 8500, respondents: 80 },
  { id: 's-old', kind: 'SATISFACTION_SURVEY', occurredOn: '2025-12-01', scoreHundredths: 2000, respondents: 500 },
  { id: 'i1', kind: 'INSPECTION', occurredOn: '2026-02-10', scoreHundredths: 9150 },
  { id: 'i2', kind: 'INSPECTION', occurredOn: '2026-04-18', scoreHundredths: 8740 },
  { id: 'c1', kind: 'COMMENDATION', occurredOn: '2026-04-01', commendationLevel: 'DISTRICT' },
  { id: 'm1', kind: 'MATTER_EVALUATED', occurredOn: '2026-05-05', meanRatingHundredths: 450 },
  { id: 'm2', kind: 'MATTER_EVALUATED', occurredOn: '2026-05-06', meanRatingHundredths: 300 },
  { id: 'v1', kind: 'VIOLATION', occurredOn: '2026-03-03', violationType: 'SERVICE_BELOW_CONTRACT', severity: 'MINOR' },
  { id: 'v-old', kind: 'VIOLATION', occurredOn: '2025-05-01', violationType: 'SAFETY_HAZARD', severity: 'SERIOUS' },
  { id: 'k1', kind: 'MATTER_CLOSED', occurredOn: '2026-06-01', outcome: 'RESOLVED' },
  { id: 'k2', kind: 'MATTER_CLOSED', occurredOn: '2026-06-02', outcome: 'REJECTED' },
  { id: 'future', kind: 'COMMENDATION', occurredOn: '2026-07-01', commendationLevel: 'DISTRICT' },
];

describe('credit score (信用评分)', () => {
  it('matches the hand calculation of the worked example under catalogue version 1', () => {
    // By hand, in hundredths of a point (catalogue v1, period ending 2026-06-30):
    //   satisfaction: surveys within 181 days: s1, s2 (s-old is from 2025-12-01, older than 2025-12-31)
    //     respondent-weighted mean = (9000×120 + 8500×80) / 200 = 1,760,000 / 200 = 8800; × 50 % = 4400
    //   inspection: (9150 + 8740) / 2 = 8945; × 30 % = 2683.5 → 2683 (rounded down)
    //   base: 8000 × 20 % = 1600
    //   additions: district commendation c1 +300, matter m1 rated 4.50 ≥ 4.00 +50 → 350 (cap 500)
    //     (the commendation dated 2026-07-01 lies after the period)
    //   deductions: minor violation v1 −200, resolved complaint k1 −100 → −300 (cap 3000)
    //     (v-old is older than 365 days; k2 was rejected; m2 rated 3.00 is neither good nor poor)
    //   score = 1600 + 4400 + 2683 + 350 − 300 = 8733 → 87.33 ≥ 85 → AAA
    //   red list: AAA and no major or serious violation within validity → RED
    const result = computeCreditScore(EVIDENCE, EXAMPLE_RULES_V1, '2026-06-30');
    expect(result.scoreHundredths).toBe(8733);
    expect(formatPoints(result.scoreHundredths)).toBe('87.33');
    expect(result.grade).toBe('AAA');
    expect(result.membership).toBe('RED');
    expect(result.lines.map((l) => [l.rule, l.points, l.evidenceIds])).toEqual([
      ['baseScore', 1600, []],
      ['weights.satisfaction', 4400, ['s1', 's2']],
      ['weights.inspection', 2683, ['i1', 'i2']],
      ['additions.commendation.DISTRICT', 300, ['c1']],
      ['additions.wellRatedMatter', 50, ['m1']],
      ['deductions.violation.MINOR', -200, ['v1']],
      ['deductions.resolvedComplaint', -100, ['k1']],
    ]);
    expect(result.lines.reduce((sum, l) => sum + l.points, 0)).toBe(result.scoreHundredths);
  });

  it('gives another outcome for the same evidence under the stricter catalogue version 2', () => {
    // Same 8733, but v2 starts AAA at 90.00 and AA at 80.00 → AA, so no red list.
    const result = computeCreditScore(EVIDENCE, EXAMPLE_RULES_V2, '2026-06-30');
    expect(result).toMatchObject({ scoreHundredths: 8733, grade: 'AA', membership: 'NONE' });
  });

  it('is deterministic: the order evidence arrives in does not matter', () => {
    const forward = computeCreditScore(EVIDENCE, EXAMPLE_RULES_V1, '2026-06-30');
    const backward = computeCreditScore([...EVIDENCE].reverse(), EXAMPLE_RULES_V1, '2026-06-30');
    expect(backward).toEqual(forward);
  });

  it('lets the base score stand in for measures without evidence', () => {
    const result = computeCreditScore([], EXAMPLE_RULES_V1, '2026-06-30');
    expect(result.lines).toEqual([{ rule: 'baseScore', description: expect.stringContaining('standing in for satisfaction and inspection'), points: 8000, evidenceIds: [] }]);
    expect(result).toMatchObject({ scoreHundredths: 8000, grade: 'AA', membership: 'NONE' });
  });

  it('caps deductions and keeps the score within 0–100, explaining both', () => {
    const serious = Array.from({ length: 5 }, (_, i): EvidenceFact => ({ id: `v${i}`, kind: 'VIOLATION', occurredOn: '2026-06-01', violationType: 'OTHER', severity: 'SERIOUS' }));
    const result = computeCreditScore(serious, { ...EXAMPLE_RULES_V1, baseScore: 2000 }, '2026-06-30');
    // 2000 − min(5 × 1500, 3000) = −1000 → kept at 0
    expect(result.lines.map((l) => [l.rule, l.points])).toEqual([
      ['baseScore', 2000],
      ['deductions.violation.SERIOUS', -7500],
      ['deductions.cap', 4500],
      ['range', 1000],
    ]);
    expect(result).toMatchObject({ scoreHundredths: 0, grade: 'C', membership: 'BLACK', listReasons: ['grade C'] });
  });

  it('black-lists a company that abandoned a compound whatever its grade', () => {
    const abandoned: EvidenceFact = { id: 'x', kind: 'VIOLATION', occurredOn: '2026-06-01', violationType: 'ABANDONED_COMPOUND', severity: 'MINOR' };
    const result = computeCreditScore([...EVIDENCE, abandoned], EXAMPLE_RULES_V1, '2026-06-30');
    // 8733 − 200 for the minor violation = 8533: still AAA, yet black-listed.
    expect(result.scoreHundredths).toBe(8533);
    expect(result).toMatchObject({ grade: 'AAA', membership: 'BLACK', listReasons: ['violation ABANDONED_COMPOUND'] });
  });

  it('keeps a top-graded company with a serious violation off the red list, saying why', () => {
    const serious: EvidenceFact = { id: 'x', kind: 'VIOLATION', occurredOn: '2026-06-01', violationType: 'OTHER', severity: 'SERIOUS' };
    const generous = { ...EXAMPLE_RULES_V1, baseScore: 10000, deductions: { ...EXAMPLE_RULES_V1.deductions, violation: { MINOR: 0, MAJOR: 0, SERIOUS: 0 } } };
    const result = computeCreditScore([serious], generous, '2026-06-30');
    expect(result).toMatchObject({ grade: 'AAA', membership: 'NONE', listReasons: ['grade AAA but 1 serious violation(s)'] });
  });

  it('refuses a catalogue whose weights do not add up to 100 or whose grades are out of order or unknown', () => {
    const parsed = creditRulesSchema.safeParse({
      ...EXAMPLE_RULES_V1,
      weights: { base: 20, satisfaction: 50, inspection: 20 },
      grades: [{ grade: 'A', minScore: 6000 }, { grade: 'B', minScore: 7000 }, { grade: 'C', minScore: 0 }],
      redList: { grades: ['AAA'], forbiddenSeverities: [] },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['weights', 'grades.1.minScore', 'redList.grades.0']);
  });
});
