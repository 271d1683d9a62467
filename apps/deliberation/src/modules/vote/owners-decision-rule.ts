import type { DecisionClass } from '@gongzhi/contracts-events';

/**
 * Civil Code art. 278 (业主共同决定) with the Supreme People's Court interpretation on building ownership,
 * art. 8–9, as a pure function of integer totals. Areas are hundredths of a m²; headcounts are numbers of
 * distinct headcount keys (one per dwelling, one for a buyer of several dwellings, one for all of the
 * developer's unsold dwellings). Every comparison is an integer cross-multiplication in bigint: "以上" (at
 * least) includes the boundary, "过半数" (more than half) does not (Civil Code art. 1259).
 */
export interface OwnersDecisionTotals {
  electorateArea: number;
  electorateHeadcount: number;
  participatingArea: number;
  participatingHeadcount: number;
  approvingArea: number;
  approvingHeadcount: number;
}

/** One threshold, stated as a fraction, and whether the counted value reached it. */
export interface ThresholdCheck {
  /** What is measured: PARTICIPATING_AREA, PARTICIPATING_HEADCOUNT, APPROVING_AREA or APPROVING_HEADCOUNT. */
  measure: 'PARTICIPATING_AREA' | 'PARTICIPATING_HEADCOUNT' | 'APPROVING_AREA' | 'APPROVING_HEADCOUNT';
  value: number;
  /** The base the fraction applies to (the electorate's total, or the participating total). */
  base: number;
  numerator: number;
  denominator: number;
  /** AT_LEAST (以上, boundary included) or MORE_THAN (过半数, boundary excluded). */
  comparison: 'AT_LEAST' | 'MORE_THAN';
  met: boolean;
}

export interface OwnersDecisionOutcome {
  decisionClass: DecisionClass;
  totals: OwnersDecisionTotals;
  participation: ThresholdCheck[];
  approval: ThresholdCheck[];
  participationMet: boolean;
  approvalMet: boolean;
  passed: boolean;
}

function check(
  measure: ThresholdCheck['measure'],
  value: number,
  base: number,
  numerator: number,
  denominator: number,
  comparison: ThresholdCheck['comparison'],
): ThresholdCheck {
  const left = BigInt(value) * BigInt(denominator);
  const right = BigInt(base) * BigInt(numerator);
  // An empty base never carries a decision: nobody can decide on behalf of no one.
  const met = base > 0 && (comparison === 'AT_LEAST' ? left >= right : left > right);
  return { measure, value, base, numerator, denominator, comparison, met };
}

function assertTotals(totals: OwnersDecisionTotals): void {
  for (const [name, value] of Object.entries(totals)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  if (totals.participatingArea > totals.electorateArea || totals.participatingHeadcount > totals.electorateHeadcount) {
    throw new RangeError('participation cannot exceed the electorate');
  }
  if (totals.approvingArea > totals.participatingArea || totals.approvingHeadcount > totals.participatingHeadcount) {
    throw new RangeError('approval cannot exceed participation');
  }
}

export function decideOwnersMatter(decisionClass: DecisionClass, totals: OwnersDecisionTotals): OwnersDecisionOutcome {
  assertTotals(totals);
  const participation = [
    check('PARTICIPATING_AREA', totals.participatingArea, totals.electorateArea, 2, 3, 'AT_LEAST'),
    check('PARTICIPATING_HEADCOUNT', totals.participatingHeadcount, totals.electorateHeadcount, 2, 3, 'AT_LEAST'),
  ];
  const approval =
    decisionClass === 'SPECIAL'
      ? [
          check('APPROVING_AREA', totals.approvingArea, totals.participatingArea, 3, 4, 'AT_LEAST'),
          check('APPROVING_HEADCOUNT', totals.approvingHeadcount, totals.participatingHeadcount, 3, 4, 'AT_LEAST'),
        ]
      : [
          check('APPROVING_AREA', totals.approvingArea, totals.participatingArea, 1, 2, 'MORE_THAN'),
          check('APPROVING_HEADCOUNT', totals.approvingHeadcount, totals.participatingHeadcount, 1, 2, 'MORE_THAN'),
        ];
  const participationMet = participation.every((c) => c.met);
  const approvalMet = approval.every((c) => c.met);
  return { decisionClass, totals, participation, approval, participationMet, approvalMet, passed: participationMet && approvalMet };
}

/** A dwelling of the frozen electorate: its exclusive area and the key it counts under in the headcount. */
export interface ElectorDwelling {
  dwellingId: string;
  exclusiveArea: number;
  headcountKey: string;
}

export type OwnersChoice = 'YES' | 'NO' | 'ABSTAIN';

/**
 * Totals from dwelling-level rows (what the SQL tally computes with sum() and count(DISTINCT …)): a ballot of
 * any choice, abstention included, is participation; a dwelling outside the electorate counts for nothing.
 */
export function countOwnersVote(electorate: readonly ElectorDwelling[], ballots: ReadonlyMap<string, OwnersChoice>): OwnersDecisionTotals {
  const areaOf = (rows: readonly ElectorDwelling[]) => rows.reduce((sum, row) => sum + row.exclusiveArea, 0);
  const headcountOf = (rows: readonly ElectorDwelling[]) => new Set(rows.map((row) => row.headcountKey)).size;
  const participating = electorate.filter((row) => ballots.has(row.dwellingId));
  const approving = participating.filter((row) => ballots.get(row.dwellingId) === 'YES');
  return {
    electorateArea: areaOf(electorate),
    electorateHeadcount: headcountOf(electorate),
    participatingArea: areaOf(participating),
    participatingHeadcount: headcountOf(participating),
    approvingArea: areaOf(approving),
    approvingHeadcount: headcountOf(approving),
  };
}
