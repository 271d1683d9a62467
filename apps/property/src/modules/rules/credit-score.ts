import type { CommendationLevelName, CreditRules, EvidenceKindName, SeverityName, ViolationTypeName } from './rules';

/** One piece of evidence as the scoring sees it; dates are `YYYY-MM-DD`. */
export interface EvidenceFact {
  id: string;
  kind: EvidenceKindName;
  occurredOn: string;
  scoreHundredths?: number | null;
  respondents?: number | null;
  violationType?: ViolationTypeName | null;
  severity?: SeverityName | null;
  commendationLevel?: CommendationLevelName | null;
  meanRatingHundredths?: number | null;
  outcome?: 'RESOLVED' | 'REJECTED' | 'MERGED' | null;
}

export type ListMembership = 'RED' | 'BLACK' | 'NONE';

/** One line of a score's explanation; the points of all lines add up to the score. */
export interface ScoreLine {
  rule: string;
  description: string;
  points: number;
  evidenceIds: string[];
}

export interface CreditScoreResult {
  scoreHundredths: number;
  grade: string;
  membership: ListMembership;
  lines: ScoreLine[];
  listReasons: string[];
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** Hundredths of a point as people read them: 8512 → "85.12". */
export function formatPoints(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function signed(hundredths: number): string {
  return hundredths >= 0 ? `+${formatPoints(hundredths)}` : formatPoints(hundredths);
}

interface Tally {
  rule: string;
  description: string;
  each: number;
  ids: string[];
}

/** Adds or deducts per record, grouped per rule, then caps the total; the cap shows as its own line. */
function cappedLines(tallies: Tally[], cap: number, sign: 1 | -1, capRule: string): ScoreLine[] {
  const lines = tallies
    .filter((t) => t.ids.length > 0 && t.each > 0)
    .map((t) => ({
      rule: t.rule,
      description: `${t.ids.length} × ${t.description} (${signed(sign * t.each)} each)`,
      points: sign * t.each * t.ids.length,
      evidenceIds: t.ids,
    }));
  const total = lines.reduce((sum, line) => sum + Math.abs(line.points), 0);
  if (total > cap) {
    lines.push({ rule: capRule, description: `${sign > 0 ? 'additions' : 'deductions'} capped at ${formatPoints(cap)}`, points: -sign * (total - cap), evidenceIds: [] });
  }
  return lines;
}

/**
 * The credit score of one company for the period ending `periodEnd`: a pure function of the evidence and the
 * rule catalogue, in integer hundredths of a point, so the same inputs always give the same score, grade and
 * list, and every line of it can be shown.
 *
 * Quality score = base × w_base + satisfaction × w_satisfaction + inspection × w_inspection (each share
 * rounded down to a hundredth), where a measure without evidence hands its weight to the base score; then
 * additions and deductions, each total capped; then the result is kept within 0–100.
 */
export function computeCreditScore(evidence: readonly EvidenceFact[], rules: CreditRules, periodEnd: string): CreditScoreResult {
  const end = dayNumber(periodEnd);
  const valid = [...evidence]
    .filter((e) => {
      const day = dayNumber(e.occurredOn);
      return day <= end && day > end - rules.validityDays[e.kind];
    })
    .sort((a, b) => (a.occurredOn === b.occurredOn ? (a.id < b.id ? -1 : 1) : a.occurredOn < b.occurredOn ? -1 : 1));
  const ofKind = (kind: EvidenceKindName) => valid.filter((e) => e.kind === kind);
  const lines: ScoreLine[] = [];

  const surveys = ofKind('SATISFACTION_SURVEY');
  const inspections = ofKind('INSPECTION');
  let baseWeight = rules.weights.base;
  let satisfactionLine: ScoreLine | null = null;
  let inspectionLine: ScoreLine | null = null;
  if (surveys.length > 0 && rules.weights.satisfaction > 0) {
    const respondents = surveys.reduce((sum, s) => sum + s.respondents!, 0);
    const mean = Math.floor(surveys.reduce((sum, s) => sum + s.scoreHundredths! * s.respondents!, 0) / respondents);
    satisfactionLine = {
      rule: 'weights.satisfaction',
      description: `resident satisfaction ${formatPoints(mean)} (${surveys.length} surveys, ${respondents} respondents) × ${rules.weights.satisfaction}%`,
      points: Math.floor((mean * rules.weights.satisfaction) / 100),
      evidenceIds: surveys.map((s) => s.id),
    };
  } else {
    baseWeight += rules.weights.satisfaction;
  }
  if (inspections.length > 0 && rules.weights.inspection > 0) {
    const mean = Math.floor(inspections.reduce((sum, s) => sum + s.scoreHundredths!, 0) / inspections.length);
    inspectionLine = {
      rule: 'weights.inspection',
      description: `inspection score ${formatPoints(mean)} (${inspections.length} inspections) × ${rules.weights.inspection}%`,
      points: Math.floor((mean * rules.weights.inspection) / 100),
      evidenceIds: inspections.map((s) => s.id),
    };
  } else {
    baseWeight += rules.weights.inspection;
  }
  const stoodInFor = [satisfactionLine ? null : 'satisfaction', inspectionLine ? null : 'inspection'].filter(Boolean);
  lines.push({
    rule: 'baseScore',
    description: `base score ${formatPoints(rules.baseScore)} × ${baseWeight}%${stoodInFor.length ? ` (standing in for ${stoodInFor.join(' and ')} without evidence)` : ''}`,
    points: Math.floor((rules.baseScore * baseWeight) / 100),
    evidenceIds: [],
  });
  if (satisfactionLine) lines.push(satisfactionLine);
  if (inspectionLine) lines.push(inspectionLine);

  const commendations = ofKind('COMMENDATION');
  const evaluated = ofKind('MATTER_EVALUATED');
  const violations = ofKind('VIOLATION');
  const ids = (list: EvidenceFact[]) => list.map((e) => e.id);
  lines.push(
    ...cappedLines(
      [
        ...(['DISTRICT', 'STREET', 'COMMUNITY'] as const).map((level) => ({
          rule: `additions.commendation.${level}`,
          description: `${level.toLowerCase()} commendation`,
          each: rules.additions.commendation[level],
          ids: ids(commendations.filter((c) => c.commendationLevel === level)),
        })),
        {
          rule: 'additions.wellRatedMatter',
          description: `matter rated at least ${formatPoints(rules.matterRating.wellRatedFrom)} stars`,
          each: rules.additions.wellRatedMatter,
          ids: ids(evaluated.filter((m) => m.meanRatingHundredths! >= rules.matterRating.wellRatedFrom)),
        },
      ],
      rules.additions.cap,
      1,
      'additions.cap',
    ),
    ...cappedLines(
      [
        ...(['SERIOUS', 'MAJOR', 'MINOR'] as const).map((severity) => ({
          rule: `deductions.violation.${severity}`,
          description: `${severity.toLowerCase()} violation`,
          each: rules.deductions.violation[severity],
          ids: ids(violations.filter((v) => v.severity === severity)),
        })),
        {
          rule: 'deductions.resolvedComplaint',
          description: 'resolved property-service complaint',
          each: rules.deductions.resolvedComplaint,
          ids: ids(ofKind('MATTER_CLOSED').filter((m) => m.outcome === 'RESOLVED')),
        },
        {
          rule: 'deductions.poorlyRatedMatter',
          description: `matter rated below ${formatPoints(rules.matterRating.poorlyRatedBelow)} stars`,
          each: rules.deductions.poorlyRatedMatter,
          ids: ids(evaluated.filter((m) => m.meanRatingHundredths! < rules.matterRating.poorlyRatedBelow)),
        },
      ],
      rules.deductions.cap,
      -1,
      'deductions.cap',
    ),
  );

  const raw = lines.reduce((sum, line) => sum + line.points, 0);
  const score = Math.min(10000, Math.max(0, raw));
  if (score !== raw) lines.push({ rule: 'range', description: `kept within 0.00–100.00`, points: score - raw, evidenceIds: [] });

  const grade = rules.grades.find((g) => score >= g.minScore)!.grade;
  const blackReasons = [
    ...(rules.blackList.grades.includes(grade) ? [`grade ${grade}`] : []),
    ...rules.blackList.violationTypes
      .filter((type) => violations.some((v) => v.violationType === type))
      .map((type) => `violation ${type}`),
  ];
  if (blackReasons.length > 0) return { scoreHundredths: score, grade, membership: 'BLACK', lines, listReasons: blackReasons };
  const barring = violations.filter((v) => rules.redList.forbiddenSeverities.includes(v.severity!));
  if (rules.redList.grades.includes(grade) && barring.length === 0) {
    return { scoreHundredths: score, grade, membership: 'RED', lines, listReasons: [`grade ${grade}`, 'no barring violation'] };
  }
  const notRed = rules.redList.grades.includes(grade) ? [`grade ${grade} but ${barring.length} ${barring[0]!.severity!.toLowerCase()} violation(s)`] : [];
  return { scoreHundredths: score, grade, membership: 'NONE', lines, listReasons: notRed };
}
