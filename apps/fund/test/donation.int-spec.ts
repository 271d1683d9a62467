import { tokenFor } from '@gongzhi/platform-testing';
import { COMMUNITY_CODE, COMPOUND_A, FundTestKit } from './fund-test-kit';

const RECORD = `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id receiptNumber entryId amountFen restrictedTo } }`;
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
    const banquet = { fundId, idempotencyKey: 'don-1', donorKind: 'MERCHANT', donorName: '龙泉老火锅', amountFen: '600000', receivedOn: '2026-10-02', restrictedTo: '重阳节长者宴' };
    const first = await kit.ok<{ recordDonation: { id: string; receiptNumber: string; entryId: string } }>(RECORD, { input: banquet });
    expect(first.recordDonation).toMatchObject({ receiptNumber: '2026-000001', restrictedTo: '重阳节长者宴' });
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
});
