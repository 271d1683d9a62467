import { countOwnersVote, decideOwnersMatter, type ElectorDwelling, type OwnersChoice, type OwnersDecisionTotals } from './owners-decision-rule';

/** Nine dwellings of 100.00 m² each, one owner each, unless a test says otherwise. */
function electorate(count: number, area = 10_000): ElectorDwelling[] {
  return Array.from({ length: count }, (_, i) => ({ dwellingId: `d${i + 1}`, exclusiveArea: area, headcountKey: `owner-${i + 1}` }));
}

function ballots(entries: [string, OwnersChoice][]): Map<string, OwnersChoice> {
  return new Map(entries);
}

const totals = (overrides: Partial<OwnersDecisionTotals>): OwnersDecisionTotals => ({
  electorateArea: 900,
  electorateHeadcount: 9,
  participatingArea: 600,
  participatingHeadcount: 6,
  approvingArea: 600,
  approvingHeadcount: 6,
  ...overrides,
});

describe('Civil Code art. 278: participation (≥ 2/3 of area and of headcount, 以上 includes the boundary)', () => {
  it('lets exactly two thirds of the area and of the headcount take part', () => {
    const outcome = decideOwnersMatter('ORDINARY', totals({}));
    expect(outcome.participationMet).toBe(true);
    expect(outcome.participation).toEqual([
      { measure: 'PARTICIPATING_AREA', value: 600, base: 900, numerator: 2, denominator: 3, comparison: 'AT_LEAST', met: true },
      { measure: 'PARTICIPATING_HEADCOUNT', value: 6, base: 9, numerator: 2, denominator: 3, comparison: 'AT_LEAST', met: true },
    ]);
  });

  it('fails participation one hundredth of a m² short of two thirds, even with the headcount met', () => {
    const outcome = decideOwnersMatter('ORDINARY', totals({ participatingArea: 599, approvingArea: 599 }));
    expect(outcome.participation.map((c) => c.met)).toEqual([false, true]);
    expect(outcome.passed).toBe(false);
  });

  it('fails participation one owner short of two thirds of the headcount, even with the area met', () => {
    const outcome = decideOwnersMatter('ORDINARY', totals({ participatingHeadcount: 5, approvingHeadcount: 5 }));
    expect(outcome.participation.map((c) => c.met)).toEqual([true, false]);
    expect(outcome.passed).toBe(false);
  });

  it('does not let an empty electorate decide anything', () => {
    const outcome = decideOwnersMatter('ORDINARY', { electorateArea: 0, electorateHeadcount: 0, participatingArea: 0, participatingHeadcount: 0, approvingArea: 0, approvingHeadcount: 0 });
    expect(outcome.passed).toBe(false);
  });
});

describe('Civil Code art. 278: ordinary matters (过半数: more than half, boundary excluded)', () => {
  it('refuses exactly half of the participating area and headcount', () => {
    const outcome = decideOwnersMatter('ORDINARY', totals({ participatingArea: 600, participatingHeadcount: 6, approvingArea: 300, approvingHeadcount: 3 }));
    expect(outcome.participationMet).toBe(true);
    expect(outcome.approval).toEqual([
      { measure: 'APPROVING_AREA', value: 300, base: 600, numerator: 1, denominator: 2, comparison: 'MORE_THAN', met: false },
      { measure: 'APPROVING_HEADCOUNT', value: 3, base: 6, numerator: 1, denominator: 2, comparison: 'MORE_THAN', met: false },
    ]);
    expect(outcome.passed).toBe(false);
  });

  it('passes with one hundredth of a m² and one owner more than half', () => {
    const outcome = decideOwnersMatter('ORDINARY', totals({ participatingArea: 600, participatingHeadcount: 6, approvingArea: 301, approvingHeadcount: 4 }));
    expect(outcome.passed).toBe(true);
  });

  it('needs both halves: more than half the area but exactly half the headcount fails', () => {
    const outcome = decideOwnersMatter('ORDINARY', totals({ approvingArea: 500, approvingHeadcount: 3 }));
    expect(outcome.approval.map((c) => c.met)).toEqual([true, false]);
    expect(outcome.passed).toBe(false);
  });
});

describe('Civil Code art. 278: special matters 6–8 (≥ 3/4 of participating area and headcount)', () => {
  it('passes raising maintenance funds with exactly three quarters of both', () => {
    const outcome = decideOwnersMatter('SPECIAL', totals({ participatingArea: 800, participatingHeadcount: 8, electorateArea: 1_000, electorateHeadcount: 10, approvingArea: 600, approvingHeadcount: 6 }));
    expect(outcome.approval).toEqual([
      { measure: 'APPROVING_AREA', value: 600, base: 800, numerator: 3, denominator: 4, comparison: 'AT_LEAST', met: true },
      { measure: 'APPROVING_HEADCOUNT', value: 6, base: 8, numerator: 3, denominator: 4, comparison: 'AT_LEAST', met: true },
    ]);
    expect(outcome.passed).toBe(true);
  });

  it('refuses raising maintenance funds one hundredth of a m² short of three quarters', () => {
    const outcome = decideOwnersMatter('SPECIAL', totals({ participatingArea: 800, participatingHeadcount: 8, electorateArea: 1_000, electorateHeadcount: 10, approvingArea: 599, approvingHeadcount: 6 }));
    expect(outcome.approval.map((c) => c.met)).toEqual([false, true]);
    expect(outcome.passed).toBe(false);
  });

  it('refuses a special matter that an ordinary majority would carry', () => {
    const outcome = decideOwnersMatter('SPECIAL', totals({ approvingArea: 400, approvingHeadcount: 4 }));
    expect(decideOwnersMatter('ORDINARY', totals({ approvingArea: 400, approvingHeadcount: 4 })).passed).toBe(true);
    expect(outcome.passed).toBe(false);
  });

  it('stays exact one hundredth of a m² below three quarters of a district-sized area', () => {
    const quarter = 1_125_899_906_842_623;
    const outcome = decideOwnersMatter('SPECIAL', {
      electorateArea: 4 * quarter,
      electorateHeadcount: 4,
      participatingArea: 4 * quarter,
      participatingHeadcount: 4,
      approvingArea: 3 * quarter - 1,
      approvingHeadcount: 3,
    });
    expect(outcome.approval[0]!.met).toBe(false);
  });
});

describe('headcount (SPC interpretation art. 9)', () => {
  it('counts one buyer of several dwellings once, in the electorate and among the approving', () => {
    const rows = electorate(6);
    rows[1]!.headcountKey = 'owner-1';
    rows[2]!.headcountKey = 'owner-1';
    const counted = countOwnersVote(rows, ballots([['d1', 'YES'], ['d2', 'YES'], ['d3', 'YES'], ['d4', 'NO']]));
    expect(counted).toEqual({
      electorateArea: 60_000,
      electorateHeadcount: 4,
      participatingArea: 40_000,
      participatingHeadcount: 2,
      approvingArea: 30_000,
      approvingHeadcount: 1,
    });
    // 2 of 4 owners is short of two thirds even though 4 of 6 dwellings voted.
    expect(decideOwnersMatter('ORDINARY', counted).participation.map((c) => c.met)).toEqual([true, false]);
  });

  it("counts the developer's unsold dwellings as one owner together", () => {
    const rows = [
      ...electorate(3),
      ...Array.from({ length: 5 }, (_, i) => ({ dwellingId: `u${i}`, exclusiveArea: 10_000, headcountKey: 'developer:c1' })),
    ];
    const allBallots = ballots([['d1', 'YES'], ['d2', 'YES'], ['u0', 'NO'], ['u1', 'NO'], ['u2', 'NO'], ['u3', 'NO'], ['u4', 'NO']]);
    const counted = countOwnersVote(rows, allBallots);
    expect(counted).toMatchObject({ electorateHeadcount: 4, participatingHeadcount: 3, approvingHeadcount: 2, approvingArea: 20_000, participatingArea: 70_000 });
    const outcome = decideOwnersMatter('ORDINARY', counted);
    // The developer outweighs the owners by area but not by headcount, so the matter fails on area alone.
    expect(outcome.approval.map((c) => c.met)).toEqual([false, true]);
  });

  it('counts an abstention as participation but not approval, and ignores ballots outside the electorate', () => {
    const counted = countOwnersVote(electorate(3), ballots([['d1', 'ABSTAIN'], ['d2', 'YES'], ['stranger', 'YES']]));
    expect(counted).toMatchObject({ participatingHeadcount: 2, approvingHeadcount: 1, participatingArea: 20_000, approvingArea: 10_000 });
  });
});

it('refuses totals that cannot come from a real tally', () => {
  expect(() => decideOwnersMatter('ORDINARY', totals({ approvingArea: 700 }))).toThrow(RangeError);
  expect(() => decideOwnersMatter('ORDINARY', totals({ participatingArea: 0.5 }))).toThrow(RangeError);
});
