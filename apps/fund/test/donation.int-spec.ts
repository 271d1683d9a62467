import { tokenFor } from '@gongzhi/platform-testing';
import { COMMUNITY, COMMUNITY_CODE, COMPOUND_A, FundTestKit } from './fund-test-kit';

const RECORD = `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id receiptNumber entryId amountFen restrictedTo restrictedCategory } }`;
const THANKS = `query($fundId: ID!) { thankYouList(fundId: $fundId) { nodes { donorName donorKind amountFen } } }`;
const DONATIONS = `query($fundId: ID!) { donations(fundId: $fundId) { nodes { donorName } } }`;
const TRIAL = `query($fundId: ID!) { trialBalance(fundId: $fundId, from: "2026-10-01", to: "2026-10-31") { accounts { account balanceFen } } }`;

describe('donations to a community micro-fund', () => {
  let kit: FundTestKit;
  let fundId: string;

  beforeAll(async () => {
    kit = await FundTestKit.start();
    fundId = await kit.openFund({ name: '美景社区微基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: COMMUNITY_CODE });
  });

  afterAll(() => kit?.stop());

  it('receipts and books each donation once, by source, and thanks anonymous donors without their name', async () => {
    const banquet = { fundId, idempotencyKey: 'don-1', donorKind: 'MERCHANT', donorName: '龙泉老火锅', amountFen: '600000', receivedOn: '2026-10-02', restrictedTo: '重阳节长者宴', restrictedCategory: 'EVENTS' };
    const first = await kit.ok<{ recordDonation: { id: string; receiptNumber: string; entryId: string } }>(RECORD, { input: banquet });
    expect(first.recordDonation).toMatchObject({ receiptNumber: '2026-000001', restrictedTo: '重阳节长者宴', restrictedCategory: 'EVENTS' });
    expect((await kit.ok<{ recordDonation: { id: string } }>(RECORD, { input: banquet })).recordDonation.id).toBe(first.recordDonation.id);
    const second = await kit.ok<{ recordDonation: { receiptNumber: string } }>(RECORD, {
      input: { fundId, idempotencyKey: 'don-2', donorKind: 'RESIDENT', donorName: '王阿姨', anonymous: true, amountFen: '20000', receivedOn: '2026-10-03' },
    });
    expect(second.recordDonation.receiptNumber).toBe('2026-000002');

    const resident = await tokenFor('resident', COMPOUND_A, 'resident-1');
    const thanks = await kit.ok<{ thankYouList: { nodes: unknown[] } }>(THANKS, { fundId }, resident);
    expect(thanks.thankYouList.nodes).toEqual([
      { donorName: '龙泉老火锅', donorKind: 'MERCHANT', amountFen: '600000' },
      { donorName: null, donorKind: 'RESIDENT', amountFen: '20000' },
    ]);
    expect((await kit.request(DONATIONS, { fundId }, resident)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const trial = await kit.ok<{ trialBalance: { accounts: { account: string; balanceFen: string }[] } }>(TRIAL, { fundId });
    expect(trial.trialBalance.accounts).toEqual([
      { account: 'CASH', balanceFen: '620000' },
      { account: 'INCOME_DONATION_MERCHANT', balanceFen: '-600000' },
      { account: 'INCOME_DONATION_RESIDENT', balanceFen: '-20000' },
    ]);
    const [{ n }] = await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE type = 'fund.donation.received.v1'`);
    expect(n).toBe(2);
  });

  it('refuses a zero amount naming the field, and writes nothing', async () => {
    const result = await kit.request(RECORD, { input: { fundId, idempotencyKey: 'don-0', donorKind: 'ENTERPRISE', donorName: '某企业', amountFen: '0', receivedOn: '2026-10-05' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_POSITIVE', field: 'input.amountFen' });
    expect(await kit.query(`SELECT id FROM journal_entry WHERE idempotency_key = 'don-0'`)).toEqual([]);
  });

  describe('restricted donations (定向捐赠)', () => {
    const CONFIGURE = `mutation($input: ConfigureFundInput!) { configureFund(input: $input) { approvalsRequired } }`;
    const APPOINT = `mutation($input: AppointCommitteeMemberInput!) { appointFundCommitteeMember(input: $input) }`;
    const REQUEST = `mutation($input: RequestExpenditureInput!) { requestExpenditure(input: $input) { id } }`;
    const DECIDE = `mutation($input: DecideExpenditureInput!) { decideExpenditure(input: $input) { status } }`;
    const PAY = `mutation($input: PayExpenditureInput!) { payExpenditure(input: $input) { status paidEntryId } }`;
    let restrictedFund: string;
    let member: string;

    const approved = async (key: string, category: string, amountFen: string): Promise<string> => {
      const { requestExpenditure } = await kit.ok<{ requestExpenditure: { id: string } }>(REQUEST, {
        input: { fundId: restrictedFund, idempotencyKey: key, title: `${category} ${amountFen}`, category, amountFen, payee: '供应商' },
      });
      await kit.ok(DECIDE, { input: { expenditureId: requestExpenditure.id, decision: 'APPROVE' } }, member);
      return requestExpenditure.id;
    };
    const pay = (expenditureId: string) => kit.request<{ payExpenditure: { status: string; paidEntryId: string } }>(PAY, { input: { expenditureId, paidOn: '2026-10-20' } });

    beforeAll(async () => {
      restrictedFund = await kit.openFund({ name: '定向捐赠测试基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: COMMUNITY_CODE });
      member = await tokenFor('committee_member', COMMUNITY, 'c2');
      await kit.ok(APPOINT, { input: { fundId: restrictedFund, member: 'c2' } });
      await kit.ok(CONFIGURE, { input: { fundId: restrictedFund, approvalsRequired: 1 } });
      await kit.ok(RECORD, {
        input: { fundId: restrictedFund, idempotencyKey: 'r-1', donorKind: 'MERCHANT', donorName: '龙泉老火锅', amountFen: '600000', receivedOn: '2026-10-02', restrictedTo: '重阳节长者宴', restrictedCategory: 'EVENTS' },
      });
      await kit.ok(RECORD, { input: { fundId: restrictedFund, idempotencyKey: 'r-2', donorKind: 'RESIDENT', donorName: '李叔叔', amountFen: '100000', receivedOn: '2026-10-03' } });
    });

    it('refuses a restriction without the category it binds, naming the field', async () => {
      const result = await kit.request(RECORD, {
        input: { fundId: restrictedFund, idempotencyKey: 'r-bad', donorKind: 'ENTERPRISE', donorName: '某企业', amountFen: '100', receivedOn: '2026-10-05', restrictedTo: '助学' },
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESTRICTION_CATEGORY_REQUIRED', field: 'input.restrictedCategory' });
      expect(await kit.query(`SELECT id FROM journal_entry WHERE fund_id = $1 AND idempotency_key = 'r-bad'`, [restrictedFund])).toEqual([]);
    });

    it('keeps money restricted to events from paying for repairs, and spends it on events first', async () => {
      const repairs = await approved('x-repairs', 'REPAIRS', '150000');
      const refused = await pay(repairs);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'RESTRICTED_FUNDS', field: 'input.expenditureId' });
      expect(refused.errors?.[0]?.message).toContain('100000 fen may be spent on REPAIRS');

      const banquet = await approved('x-banquet', 'EVENTS', '650000');
      const paid = await pay(banquet);
      expect(paid.data?.payExpenditure.status).toBe('PAID');
      expect(await kit.query(`SELECT category, amount_fen::text AS fen FROM restricted_release WHERE entry_id = $1`, [paid.data!.payExpenditure.paidEntryId])).toEqual([
        { category: 'EVENTS', fen: '600000' },
      ]);

      // The restricted money is spent on its purpose; what remains (50,000 fen) is free, the 150,000 is not there.
      expect((await pay(repairs)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_FUNDS' });
      expect((await pay(await approved('x-repairs-small', 'REPAIRS', '50000'))).data?.payExpenditure.status).toBe('PAID');
    });
  });
});
