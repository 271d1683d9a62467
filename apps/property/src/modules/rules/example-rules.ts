import type { CreditRules } from './rules';

/**
 * A district's first catalogue, as the worked example and the integration tests use it: 85 points make AAA,
 * AAA without a major or serious violation makes the red list, grade C or abandoning a compound or illegal
 * charges make the black list.
 */
export const EXAMPLE_RULES_V1: CreditRules = {
  baseScore: 8000,
  weights: { base: 20, satisfaction: 50, inspection: 30 },
  additions: { commendation: { DISTRICT: 300, STREET: 200, COMMUNITY: 100 }, wellRatedMatter: 50, cap: 500 },
  deductions: { violation: { MINOR: 200, MAJOR: 500, SERIOUS: 1500 }, resolvedComplaint: 100, poorlyRatedMatter: 100, cap: 3000 },
  matterRating: { wellRatedFrom: 400, poorlyRatedBelow: 250 },
  validityDays: { SATISFACTION_SURVEY: 181, INSPECTION: 181, VIOLATION: 365, COMMENDATION: 365, MATTER_EVALUATED: 181, MATTER_CLOSED: 181 },
  grades: [
    { grade: 'AAA', minScore: 8500 },
    { grade: 'AA', minScore: 7500 },
    { grade: 'A', minScore: 6500 },
    { grade: 'B', minScore: 6000 },
    { grade: 'C', minScore: 0 },
  ],
  redList: { grades: ['AAA'], forbiddenSeverities: ['MAJOR', 'SERIOUS'] },
  blackList: { grades: ['C'], violationTypes: ['ABANDONED_COMPOUND', 'ILLEGAL_CHARGES'] },
};

/** The stricter second version: AAA from 90 points, and any violation keeps a company off the red list. */
export const EXAMPLE_RULES_V2: CreditRules = {
  ...EXAMPLE_RULES_V1,
  grades: [
    { grade: 'AAA', minScore: 9000 },
    { grade: 'AA', minScore: 8000 },
    { grade: 'A', minScore: 7000 },
    { grade: 'B', minScore: 6000 },
    { grade: 'C', minScore: 0 },
  ],
  redList: { grades: ['AAA'], forbiddenSeverities: ['MINOR', 'MAJOR', 'SERIOUS'] },
};
