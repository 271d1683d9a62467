import { deliberationVoteClosedV1 } from '@gongzhi/contracts-events';
import { eventually, tokenFor } from '@gongzhi/platform-testing';
import { COMPOUND_A, FundTestKit } from './fund-test-kit';

const CONFIGURE = `mutation($input: ConfigureFundInput!) { configureFund(input: $input) { approvalsRequired voteThresholdFen committee } }`;
const APPOINT = `mutation($input: AppointCommitteeMemberInput!) { appointFundCommitteeMember(input: $input) }`;
const POST = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id } }`;
const REQUEST = `mutation($input: RequestExpenditureInput!) { requestExpenditure(input: $input) { id status voteRequired voteCompoundId approvals } }`;
const DECIDE = `mutation($input: DecideExpenditureInput!) { decideExpenditure(input: $input) { status approvals voteOutcome } }`;
const PAY = `mutation($input: PayExpenditureInput!) { payExpenditure(input: $input) { status paidEntryId paidOn } }`;
const LIST = `query($fundId: ID!) { expenditures(fundId: $fundId) { nodes { id title status voteOutcome approvals decisions { member decision } } } }`;

interface Listed {
  id: string;
  title: string;
  status: string;
  voteOutcome: string | null;
  approvals: number;
}

describe('fund expenditures', () => {
  let kit: FundTestKit;
  let fundId: string;
  const member: Record<string, string> = {};

  const request = async (title: string, amountFen: string, requester = member.c1!) => {
    const result = await kit.ok<{ requestExpenditure: { id: string; status: string; voteRequired: boolean; voteCompoundId: string | null } }>(
      REQUEST,
      { input: { fundId, idempotencyKey: `req-${Buffer.from(title).toString('hex')}`, title, category: 'REPAIRS', amountFen, payee: '成都某维修公司', attachments: ['receipts/2026/quote-17.pdf'] } },
      requester,
    );
    return result.requestExpenditure;
  };
  const decide = (expenditureId: string, who: string, decision = 'APPROVE') => kit.request<{ decideExpenditure: { status: string; approvals: number } }>(DECIDE, { input: { expenditureId, decision } }, member[who]);
  const listed = async (id: string): Promise<Listed | undefined> =>
    (await kit.ok<{ expenditures: { nodes: Listed[] } }>(LIST, { fundId })).expenditures.nodes.find((e) => e.id === id);
  const voteClosed = (expenditureId: string, passed: boolean) =>
    kit.publish(deliberationVoteClosedV1, expenditureId, COMPOUND_A, {
      voteId: crypto.randomUUID(),
      compoundId: kit.compoundA,
      kind: 'OWNERS_JOINT_DECISION',
      decisionClass: 'ORDINARY',
      subject: { type: 'FUND_EXPENDITURE', fundId, requestId: expenditureId },
      passed,
      participationMet: true,
      totals: { electorateArea: 1_000_000, electorateHeadcount: 100, participatingArea: 800_000, participatingHeadcount: 80, approvingArea: passed ? 600_000 : 100_000, approvingHeadcount: passed ? 60 : 10 },
      closedAt: new Date().toISOString(),
    });

  beforeAll(async () => {
    kit = await FundTestKit.start();
    for (const who of ['c1', 'c2', 'c3']) member[who] = await tokenFor('committee_member', COMPOUND_A, who);
    fundId = await kit.openFund({ name: '美景华庭信托制物业账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId: kit.compoundA });
    for (const who of ['c1', 'c2', 'c3']) await kit.ok(APPOINT, { input: { fundId, member: who } });
    const configured = await kit.ok<{ configureFund: unknown }>(CONFIGURE, { input: { fundId, approvalsRequired: 2, voteThresholdFen: '1000000' } });
    expect(configured.configureFund).toEqual({ approvalsRequired: 2, voteThresholdFen: '1000000', committee: ['c1', 'c2', 'c3'] });
    await kit.ok(POST, {
      input: {
        fundId,
        idempotencyKey: 'opening',
        memo: 'Opening balance',
        lines: [
          { account: 'CASH', side: 'DEBIT', amountFen: '10000000' },
          { account: 'NET_ASSETS', side: 'CREDIT', amountFen: '10000000' },
        ],
      },
    });
  });

  afterAll(() => kit?.stop());

  it('approves a small expenditure with 2 of 3 members, never the requester, then pays it into the ledger', async () => {
    const expenditure = await request('更换单元门禁', '350000');
    expect(expenditure).toMatchObject({ status: 'PENDING', voteRequired: false });

    expect((await decide(expenditure.id, 'c1')).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_REQUEST' });
    expect((await decide(expenditure.id, 'c2')).data?.decideExpenditure).toEqual({ status: 'PENDING', approvals: 1, voteOutcome: null });
    expect((await decide(expenditure.id, 'c3')).data?.decideExpenditure).toEqual({ status: 'APPROVED', approvals: 2, voteOutcome: null });

    const paid = await kit.ok<{ payExpenditure: { status: string; paidEntryId: string } }>(PAY, { input: { expenditureId: expenditure.id, paidOn: '2026-04-03' } });
    expect(paid.payExpenditure.status).toBe('PAID');
    const postings = await kit.query<{ account_code: string; amount_fen: string }>(`SELECT account_code, amount_fen::text FROM posting WHERE entry_id = $1 ORDER BY line_no`, [
      paid.payExpenditure.paidEntryId,
    ]);
    expect(postings).toEqual([
      { account_code: 'EXPENSE_REPAIRS', amount_fen: '350000' },
      { account_code: 'CASH', amount_fen: '-350000' },
    ]);
    const again = await kit.ok<{ payExpenditure: { paidEntryId: string } }>(PAY, { input: { expenditureId: expenditure.id } });
    expect(again.payExpenditure.paidEntryId).toBe(paid.payExpenditure.paidEntryId);
  });

  it('refuses in the database a decision recorded by the requester', async () => {
    const expenditure = await request('楼道照明', '20000');
    await expect(
      kit.query(`INSERT INTO expenditure_decision (expenditure_id, fund_id, requested_by, member, decision) VALUES ($1, $2, 'c1', 'c1', 'APPROVE')`, [expenditure.id, fundId]),
    ).rejects.toThrow(/expenditure_decision_not_by_requester/);
    await expect(
      kit.query(`INSERT INTO expenditure_decision (expenditure_id, fund_id, requested_by, member, decision) VALUES ($1, $2, 'c2', 'c1', 'APPROVE')`, [expenditure.id, fundId]),
    ).rejects.toThrow(/expenditure_decision_requester/);
  });

  it('keeps a large expenditure pending after the approvals until the owners’ vote passes', async () => {
    const expenditure = await request('外墙维修', '2500000');
    expect(expenditure).toMatchObject({ status: 'PENDING', voteRequired: true, voteCompoundId: kit.compoundA });
    const [asked] = await kit.query<{ envelope: { data: { requestId: string; compoundId: string; amountFen: number } } }>(
      `SELECT envelope FROM outbox WHERE type = 'fund.vote.requested.v1' AND envelope->>'subject' = $1`,
      [expenditure.id],
    );
    expect(asked?.envelope.data).toMatchObject({ requestId: expenditure.id, compoundId: kit.compoundA, amountFen: 2_500_000 });

    await decide(expenditure.id, 'c2');
    expect((await decide(expenditure.id, 'c3')).data?.decideExpenditure).toMatchObject({ status: 'PENDING', approvals: 2 });
    const refused = await kit.request(PAY, { input: { expenditureId: expenditure.id } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_APPROVED' });

    await voteClosed(expenditure.id, true);
    await expect(eventually(async () => (await listed(expenditure.id))?.status === 'APPROVED' && listed(expenditure.id), 10_000, 'approval after the vote')).resolves.toMatchObject({
      status: 'APPROVED',
      voteOutcome: 'PASSED',
    });
  });

  it('rejects a large expenditure when the owners vote it down', async () => {
    const expenditure = await request('加装电梯', '9000000');
    await decide(expenditure.id, 'c2');
    await voteClosed(expenditure.id, false);
    await expect(eventually(async () => (await listed(expenditure.id))?.status === 'REJECTED' && listed(expenditure.id), 10_000, 'rejection after the vote')).resolves.toMatchObject({
      status: 'REJECTED',
      voteOutcome: 'FAILED',
    });
    const late = await decide(expenditure.id, 'c3');
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXPENDITURE_DECIDED' });
  });

  it('counts a vote result that arrives before the approvals', async () => {
    const expenditure = await request('监控升级', '1200000');
    await voteClosed(expenditure.id, true);
    await eventually(async () => (await listed(expenditure.id))?.voteOutcome === 'PASSED', 10_000, 'the early vote result');
    expect((await listed(expenditure.id))?.status).toBe('PENDING');
    await decide(expenditure.id, 'c2');
    expect((await decide(expenditure.id, 'c3')).data?.decideExpenditure).toMatchObject({ status: 'APPROVED' });
  });

  it('rejects once too many members refuse for N approvals to remain possible', async () => {
    const expenditure = await request('绿化补植', '50000');
    expect((await decide(expenditure.id, 'c2', 'REJECT')).data?.decideExpenditure).toMatchObject({ status: 'REJECTED' });
  });
});
