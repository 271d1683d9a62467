import { z } from 'zod';

/** Points are hundredths of a point everywhere: 85 points = 8500; scores run from 0 to 100 points. */
const points = z.number().int().min(0).max(10000);
const percent = z.number().int().min(0).max(100);
const days = z.number().int().min(1).max(3660);

export const EVIDENCE_KINDS = ['SATISFACTION_SURVEY', 'INSPECTION', 'VIOLATION', 'COMMENDATION', 'MATTER_EVALUATED', 'MATTER_CLOSED'] as const;
export type EvidenceKindName = (typeof EVIDENCE_KINDS)[number];
export const VIOLATION_TYPES = ['ILLEGAL_CHARGES', 'ABANDONED_COMPOUND', 'SERVICE_BELOW_CONTRACT', 'SAFETY_HAZARD', 'OTHER'] as const;
export type ViolationTypeName = (typeof VIOLATION_TYPES)[number];
export const SEVERITIES = ['MINOR', 'MAJOR', 'SERIOUS'] as const;
export type SeverityName = (typeof SEVERITIES)[number];
export const COMMENDATION_LEVELS = ['DISTRICT', 'STREET', 'COMMUNITY'] as const;
export type CommendationLevelName = (typeof COMMENDATION_LEVELS)[number];

/**
 * A district's rule catalogue (评价规则): how a period's evidence becomes a credit score, a grade and list
 * membership. It is data, versioned and published, so the district can show which rules produced a list.
 */
export const creditRulesSchema = z
  .object({
    /** The score a company starts from; it also stands in for a quality measure without evidence. */
    baseScore: points,
    /** Shares of the quality score, in percent, summing to 100. */
    weights: z.object({ base: percent, satisfaction: percent, inspection: percent }),
    additions: z.object({
      commendation: z.object({ DISTRICT: points, STREET: points, COMMUNITY: points }),
      wellRatedMatter: points,
      cap: points,
    }),
    deductions: z.object({
      violation: z.object({ MINOR: points, MAJOR: points, SERIOUS: points }),
      resolvedComplaint: points,
      poorlyRatedMatter: points,
      cap: points,
    }),
    /** Residents' mean rating of a matter, in hundredths of a star (1–5 stars → 100–500). */
    matterRating: z.object({ wellRatedFrom: z.number().int().min(100).max(500), poorlyRatedBelow: z.number().int().min(100).max(500) }),
    /** How long a record counts, in days up to the end of the period rated. */
    validityDays: z.object({
      SATISFACTION_SURVEY: days,
      INSPECTION: days,
      VIOLATION: days,
      COMMENDATION: days,
      MATTER_EVALUATED: days,
      MATTER_CLOSED: days,
    }),
    /** From the best grade down; a score gets the first grade whose minimum it reaches; the last minimum is 0. */
    grades: z.array(z.object({ grade: z.string().regex(/^[A-Z]{1,4}$/), minScore: points })).min(2).max(10),
    /** Red list (红榜): one of these grades and no valid violation of these severities. */
    redList: z.object({ grades: z.array(z.string()).min(1), forbiddenSeverities: z.array(z.enum(SEVERITIES)) }),
    /** Black list (黑榜): one of these grades, or any valid violation of these types. */
    blackList: z.object({ grades: z.array(z.string()), violationTypes: z.array(z.enum(VIOLATION_TYPES)) }),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const { base, satisfaction, inspection } = rules.weights;
    if (base + satisfaction + inspection !== 100) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'base, satisfaction and inspection must add up to 100' });
    }
    rules.grades.forEach((grade, i) => {
      const previous = rules.grades[i - 1];
      if (previous && grade.minScore >= previous.minScore) {
        ctx.addIssue({ code: 'custom', path: ['grades', i, 'minScore'], message: 'must be lower than the grade above it' });
      }
    });
    if (rules.grades.at(-1)?.minScore !== 0) {
      ctx.addIssue({ code: 'custom', path: ['grades', rules.grades.length - 1, 'minScore'], message: 'the lowest grade must start at 0' });
    }
    const known = new Set(rules.grades.map((g) => g.grade));
    if (known.size !== rules.grades.length) ctx.addIssue({ code: 'custom', path: ['grades'], message: 'grades must be distinct' });
    for (const [list, grades] of [['redList', rules.redList.grades], ['blackList', rules.blackList.grades]] as const) {
      grades.forEach((grade, i) => {
        if (!known.has(grade)) ctx.addIssue({ code: 'custom', path: [list, 'grades', i], message: `${grade} is not one of the catalogue's grades` });
      });
    }
    if (rules.matterRating.poorlyRatedBelow > rules.matterRating.wellRatedFrom) {
      ctx.addIssue({ code: 'custom', path: ['matterRating', 'poorlyRatedBelow'], message: 'must not be above wellRatedFrom' });
    }
  });

export type CreditRules = z.infer<typeof creditRulesSchema>;
