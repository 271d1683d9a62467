import { creditCodeProblem } from '@gongzhi/standards';
import { SIZES } from './district';
import { planCounts, planDistrict, RATES, type SeedPlan } from './plan';

describe('planDistrict', () => {
  it('plans the same district for the same seed, and another for another seed', () => {
    expect(planDistrict('small', 7)).toEqual(planDistrict('small', 7));
    expect(JSON.stringify(planDistrict('medium', 7))).toBe(JSON.stringify(planDistrict('medium', 7)));
    expect(planDistrict('medium', 7).matters).not.toEqual(planDistrict('medium', 8).matters);
  });

  it('keeps the small district Longquanyi as npm start has always shown it', () => {
    const plan = planDistrict('small');
    expect(plan.areas.map((a) => `${a.code} ${a.name}`)).toEqual([
      '510112 龙泉驿区',
      '510112001 龙泉街道',
      '510112001001 美景社区',
      '510112001002 西河社区',
      '510112002 大面街道',
      '510112002001 洪河社区',
      '510112002002 青台山社区',
    ]);
    expect(plan.compounds.map((c) => `${c.code} ${c.name} ${c.managementMode}`)).toEqual([
      '510112001001001 美景华庭 PROPERTY_COMPANY',
      '510112001001002 龙泉花园 SELF_MANAGED',
      '510112001002001 西河小区 TRUST_BASED',
      '510112001002002 西河苑 PROPERTY_COMPANY',
      '510112002001001 洪河花园 PROPERTY_COMPANY',
      '510112002001002 洪河北苑 NONE',
      '510112002002001 青台山居 TRUST_BASED',
      '510112002002002 青台雅苑 PROPERTY_COMPANY',
    ]);
  });

  it('plans the district of DOMAIN.md: 1,000 compounds of 300 dwellings, a year of activity at the district rates', () => {
    const plan = planDistrict('district');
    const counts = planCounts(plan);
    expect(counts).toMatchObject({ areas: 111, compounds: 1_000, dwellings: 300_000 });
    // Rates are expectations: the counts land near them.
    expect(counts.matters / 1_000).toBeCloseTo(RATES.district.mattersPerCompound, 0);
    expect(counts.votes).toBeGreaterThan(150);
    expect(counts.votes).toBeLessThan(250);
    expect(counts.companies).toBe(200);
  });

  describe.each(['small', 'medium'] as const)('the %s plan', (size) => {
    let plan: SeedPlan;
    beforeAll(() => {
      plan = planDistrict(size);
    });

    it('has the tree of its size, with unique codes nested in their parents', () => {
      const d = SIZES[size];
      expect(plan.areas.filter((a) => a.level === 'STREET')).toHaveLength(d.streets);
      expect(plan.communities).toHaveLength(d.streets * d.communitiesPerStreet);
      expect(plan.compounds).toHaveLength(d.streets * d.communitiesPerStreet * d.compoundsPerCommunity);
      const codes = [...plan.areas.map((a) => a.code), ...plan.compounds.map((c) => c.code)];
      expect(new Set(codes).size).toBe(codes.length);
      for (const compound of plan.compounds) {
        expect(compound.code.startsWith(compound.communityCode)).toBe(true);
        expect(plan.areas[plan.communities[compound.community]!]!.code).toBe(compound.communityCode);
      }
      expect(new Set(plan.compounds.map((c) => c.name)).size).toBe(plan.compounds.length);
    });

    it('gives companies valid, distinct credit codes and assigns one to every compound a company or a trust runs', () => {
      expect(plan.companies.every((c) => creditCodeProblem(c.creditCode) === null)).toBe(true);
      expect(new Set(plan.companies.map((c) => c.creditCode)).size).toBe(plan.companies.length);
      const served = plan.compounds.flatMap((c, i) => (c.managementMode === 'PROPERTY_COMPANY' || c.managementMode === 'TRUST_BASED' ? [i] : []));
      expect(plan.assignments.map((a) => a.compound)).toEqual(served);
      expect(plan.evidence.every((e) => plan.assignments.some((a) => a.compound === e.compound && a.company === e.company))).toBe(true);
    });

    it('plans matters along the lifecycle only, within the year', () => {
      const legal: Record<string, string[]> = {
        RAISED: ['DELIBERATING', 'REJECTED', 'ESCALATE'],
        ESCALATED: ['DELIBERATING'],
        DELIBERATING: ['DECIDED'],
        DECIDED: ['IN_PROGRESS'],
        IN_PROGRESS: ['EVALUATING'],
        EVALUATING: ['CLOSED'],
      };
      for (const matter of plan.matters) {
        let status = 'RAISED';
        for (const step of matter.steps) {
          expect(legal[status]).toContain(step);
          status = step === 'ESCALATE' ? 'ESCALATED' : step;
        }
        expect(matter.daysAgo).toBeGreaterThanOrEqual(0);
        expect(matter.daysAgo).toBeLessThan(365);
        expect(matter.ratings.length > 0).toBe(matter.steps.includes('EVALUATING'));
      }
      // A year has both: matters that ended and matters still under way.
      expect(plan.matters.some((m) => m.steps.at(-1) === 'CLOSED')).toBe(true);
      expect(plan.matters.some((m) => m.steps.length === 0)).toBe(true);
    });

    it('puts on a meeting’s agenda only matters of its community raised before it', () => {
      for (const meeting of plan.meetings) {
        for (const index of meeting.agenda) {
          const matter = plan.matters[index]!;
          expect(plan.compounds[matter.compound]!.community).toBe(meeting.community);
          expect(matter.daysAgo).toBeGreaterThan(meeting.daysAgo);
        }
      }
    });

    it('never lets a micro-fund pay out more than it received by then', () => {
      plan.funds.forEach((fund, index) => {
        if (fund.kind !== 'COMMUNITY_MICRO_FUND') return;
        const events = [
          ...plan.donations.filter((d) => d.fund === index).map((d) => ({ daysAgo: d.daysAgo, amount: d.amountFen })),
          ...plan.expenditures.filter((e) => e.fund === index && e.approved).map((e) => ({ daysAgo: e.daysAgo, amount: -e.amountFen })),
        ].sort((a, b) => b.daysAgo - a.daysAgo);
        let balance = 0;
        for (const event of events) {
          balance += event.amount;
          expect(balance).toBeGreaterThanOrEqual(0);
        }
      });
    });

    it('opens one trust account per trust-based compound and bills it for twelve months', () => {
      const trusts = plan.funds.filter((f) => f.kind === 'TRUST_PROPERTY_ACCOUNT');
      expect(trusts.map((f) => f.compound)).toEqual(plan.compounds.flatMap((c, i) => (c.managementMode === 'TRUST_BASED' ? [i] : [])));
      expect(plan.trustMonths).toHaveLength(trusts.length * 12);
      for (const month of plan.trustMonths) expect(month.payers.every((d) => d >= 0 && d < plan.district.dwellingsPerCompound)).toBe(true);
    });
  });

  it('refuses an unknown size', () => {
    expect(() => planDistrict('huge' as never)).toThrow(/unknown size huge: use small, medium or district/);
  });
});
