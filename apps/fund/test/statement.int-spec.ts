import { tokenFor } from '@gongzhi/platform-testing';
import { COMMUNITY_CODE, COMPOUND_A, FundTestKit } from './fund-test-kit';

const POST = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id } }`;
const REVERSE = `mutation($input: ReverseJournalEntryInput!) { reverseJournalEntry(input: $input) { id } }`;
const RECORD = `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { entryId } }`;
const INCOME = `query($fundId: ID!, $from: String!, $to: String!) {
  incomeStatement(fundId: $fundId, from: $from, to: $to) { income { account amountFen } expenses { account amountFen } totalIncomeFen totalExpenseFen surplusFen }
}`;
const BALANCE = `query($fundId: ID!, $asOf: String!) {
  balanceSheet(fundId: $fundId, asOf: $asOf) {
    assets { account amountFen } liabilities { account amountFen } totalAssetsFen totalLiabilitiesFen contributedNetAssetsFen accumulatedSurplusFen netAssetsFen
  }
}`;
const BY_SOURCE = `query($fundId: ID!, $from: String!, $to: String!) {
  donationsBySource(fundId: $fundId, from: $from, to: $to) { sources { donorKind donations amountFen restrictedFen } totalFen }
}`;
const REPORT = `query($fundId: ID!, $from: String!, $to: String!) {
  publicFundReport(fundId: $fundId, from: $from, to: $to) {
    fundName kind openingCashFen closingCashFen arrearsFen
    incomeStatement { totalIncomeFen totalExpenseFen surplusFen income { account amountFen } expenses { account amountFen } }
    donationsBySource { totalFen sources { donorKind donations amountFen restrictedFen } }
    pointsRedemptions { redemptions points amountFen }
  }
}`;

describe('fund statements', () => {
  let kit: FundTestKit;
  let fundId: string;
  const FEB = { from: '2026-02-01', to: '2026-02-28' };

  const manual = (key: string, effectiveDate: string, debit: string, credit: string, fen: string) =>
    kit.ok<{ postJournalEntry: { id: string } }>(POST, {
      input: {
        fundId,
        idempotencyKey: key,
        memo: key,
        effectiveDate,
        lines: [
          { account: debit, side: 'DEBIT', amountFen: fen },
          { account: credit, side: 'CREDIT', amountFen: fen },
        ],
      },
    });
  const donate = async (key: string, receivedOn: string, donorKind: string, donorName: string, amountFen: string, restricted = false) =>
    (
      await kit.ok<{ recordDonation: { entryId: string } }>(RECORD, {
        input: { fundId, idempotencyKey: key, donorKind, donorName, amountFen, receivedOn, ...(restricted ? { restrictedTo: '重阳节长者宴', restrictedCategory: 'EVENTS' } : {}) },
      })
    ).recordDonation.entryId;

  beforeAll(async () => {
    kit = await FundTestKit.start();
    fundId = await kit.openFund({ name: '美景社区微基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: COMMUNITY_CODE });
    await manual('opening', '2026-01-15', 'CASH', 'NET_ASSETS', '500000');
    await donate('d-merchant', '2026-02-03', 'MERCHANT', '龙泉老火锅', '300000', true);
    await donate('d-resident-1', '2026-02-10', 'RESIDENT', '王阿姨', '20000');
    await donate('d-resident-2', '2026-02-11', 'RESIDENT', '李叔叔', '15000');
    const enterprise = await donate('d-enterprise', '2026-02-12', 'ENTERPRISE', '某科技公司', '100000');
    await kit.ok(REVERSE, { input: { fundId, entryId: enterprise, idempotencyKey: 'reverse-enterprise', memo: 'Receipt cancelled: paid to the wrong fund', effectiveDate: '2026-02-13' } });
    await manual('banquet', '2026-02-20', 'EXPENSE_EVENTS', 'CASH', '250000');
    await manual('help-accrued', '2026-02-25', 'EXPENSE_HELP_IN_NEED', 'PAYABLES', '40000');
    await donate('d-government', '2026-03-05', 'GOVERNMENT', '龙泉驿区民政局', '50000');
  });

  afterAll(() => kit?.stop());

  // By hand, February 2026:
  //   income   merchant 300,000 + residents 20,000 + 15,000 + enterprise 100,000 − 100,000 (reversed) = 335,000
  //   expenses events 250,000 + help for people in need 40,000 (accrued, unpaid)                    = 290,000
  //   surplus  45,000
  //   cash at 28 Feb: 500,000 + 300,000 + 20,000 + 15,000 + 100,000 − 100,000 − 250,000            = 585,000
  //   liabilities: payables 40,000; net assets: 500,000 contributed + 45,000 surplus                = 545,000

  it('states February’s income by source and expenses by category as calculated by hand', async () => {
    const { incomeStatement } = await kit.ok<{ incomeStatement: unknown }>(INCOME, { fundId, ...FEB });
    expect(incomeStatement).toEqual({
      income: [
        { account: 'INCOME_DONATION_ENTERPRISE', amountFen: '0' },
        { account: 'INCOME_DONATION_MERCHANT', amountFen: '300000' },
        { account: 'INCOME_DONATION_RESIDENT', amountFen: '35000' },
      ],
      expenses: [
        { account: 'EXPENSE_EVENTS', amountFen: '250000' },
        { account: 'EXPENSE_HELP_IN_NEED', amountFen: '40000' },
      ],
      totalIncomeFen: '335000',
      totalExpenseFen: '290000',
      surplusFen: '45000',
    });
  });

  it('balances the sheet at the end of February and of March', async () => {
    const feb = await kit.ok<{ balanceSheet: unknown }>(BALANCE, { fundId, asOf: '2026-02-28' });
    expect(feb.balanceSheet).toEqual({
      assets: [{ account: 'CASH', amountFen: '585000' }],
      liabilities: [{ account: 'PAYABLES', amountFen: '40000' }],
      totalAssetsFen: '585000',
      totalLiabilitiesFen: '40000',
      contributedNetAssetsFen: '500000',
      accumulatedSurplusFen: '45000',
      netAssetsFen: '545000',
    });
    const mar = await kit.ok<{ balanceSheet: { totalAssetsFen: string; netAssetsFen: string } }>(BALANCE, { fundId, asOf: '2026-03-31' });
    expect(mar.balanceSheet).toMatchObject({ totalAssetsFen: '635000', netAssetsFen: '595000' });
  });

  it('counts donations by source, leaving out the cancelled one and March’s', async () => {
    const { donationsBySource } = await kit.ok<{ donationsBySource: unknown }>(BY_SOURCE, { fundId, ...FEB });
    expect(donationsBySource).toEqual({
      sources: [
        { donorKind: 'MERCHANT', donations: 1, amountFen: '300000', restrictedFen: '300000' },
        { donorKind: 'RESIDENT', donations: 2, amountFen: '35000', restrictedFen: '0' },
      ],
      totalFen: '335000',
    });
  });

  it('publishes a report any resident of the community may read, without a single donor name', async () => {
    const resident = await tokenFor('resident', COMPOUND_A, 'resident-1');
    const { publicFundReport } = await kit.ok<{ publicFundReport: Record<string, unknown> }>(REPORT, { fundId, ...FEB }, resident);
    expect(publicFundReport).toMatchObject({
      fundName: '美景社区微基金',
      kind: 'COMMUNITY_MICRO_FUND',
      openingCashFen: '500000',
      closingCashFen: '585000',
      arrearsFen: null,
      incomeStatement: { totalIncomeFen: '335000', totalExpenseFen: '290000', surplusFen: '45000' },
      donationsBySource: { totalFen: '335000' },
      pointsRedemptions: { redemptions: 0, points: 0, amountFen: '0' },
    });
    const text = JSON.stringify(publicFundReport);
    for (const name of ['龙泉老火锅', '王阿姨', '李叔叔', '某科技公司']) expect(text).not.toContain(name);
  });

  it('refuses statements of a fund outside the caller’s scopes and a reversed period', async () => {
    const outsider = await tokenFor('community_staff', '/510112/510112002/', 'outsider');
    expect((await kit.request(INCOME, { fundId, ...FEB }, outsider)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    expect((await kit.request(REPORT, { fundId, ...FEB }, outsider)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    expect((await kit.request(INCOME, { fundId, from: '2026-03-01', to: '2026-02-01' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PERIOD_REVERSED',
      field: 'to',
    });
  });
});
