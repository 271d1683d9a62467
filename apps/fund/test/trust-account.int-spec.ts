import { randomUUID } from 'node:crypto';
import { orgDwellingChangedV1, orgDwellingRegisteredV1 } from '@gongzhi/contracts-events';
import { eventually, tokenFor } from '@gongzhi/platform-testing';
import { COMPOUND_A, COMPOUND_B, FundTestKit } from './fund-test-kit';

const CONFIGURE = `mutation($input: ConfigureFundInput!) { configureFund(input: $input) { feeFenPerSquareMetreMonth } }`;
const BILL = `mutation($input: IssueMonthlyBillsInput!) { issueMonthlyBills(input: $input) { period bills totalFen entryId } }`;
const PAY_FEE = `mutation($input: RecordFeePaymentInput!) { recordFeePayment(input: $input) { amountFen entryId } }`;
const EXPENSE = `mutation($input: RecordPropertyExpenseInput!) { recordPropertyExpense(input: $input) { id } }`;
const REMUNERATE = `mutation($input: PayCompanyRemunerationInput!) { payCompanyRemuneration(input: $input) { id } }`;
const ARREARS = `query($fundId: ID!) { dwellingArrears(fundId: $fundId) { nodes { roomNumber billedFen paidFen arrearsFen } } }`;
const PUBLISH = `mutation($input: PublishDisclosureInput!) { publishDisclosure(input: $input) { id period incomeFen expenseFen closingCashFen arrearsFen } }`;
const DISCLOSURES = `query { disclosures { nodes { fundId period incomeFen expenseFen lines { nodes { direction accountCode description amountFen } } } } }`;
const DISCLOSURE = `query($id: ID!) { disclosure(id: $id) { period } }`;
const ENTRIES = `query($fundId: ID!) { journalEntries(fundId: $fundId) { nodes { seq } } }`;

interface Line {
  direction: string;
  accountCode: string;
  description: string;
  amountFen: string;
}

describe('trust-based property accounts', () => {
  let kit: FundTestKit;
  let fundA: string;
  let fundB: string;
  const dwellings = { a1502: randomUUID(), a0801: randomUUID(), b0101: randomUUID() };

  const dwelling = (dwellingId: string, compoundId: string, scopePath: string, roomNumber: string, exclusiveArea: number) => ({
    dwellingId,
    compoundId,
    buildingId: randomUUID(),
    unitId: randomUUID(),
    roomNumber,
    exclusiveArea,
    areaSource: 'REGISTER' as const,
    developerUnsold: false,
    scopePath,
  });

  beforeAll(async () => {
    kit = await FundTestKit.start();
    fundA = await kit.openFund({ name: '美景华庭信托制物业账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId: kit.compoundA });
    fundB = await kit.openFund({ name: '龙泉花园信托制物业账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId: kit.compoundB });
    await kit.ok(CONFIGURE, { input: { fundId: fundA, feeFenPerSquareMetreMonth: '250', remunerationFenPerMonth: '50000' } });
    await kit.ok(CONFIGURE, { input: { fundId: fundB, feeFenPerSquareMetreMonth: '300' } });

    await kit.publish(orgDwellingRegisteredV1, dwellings.a1502, COMPOUND_A, dwelling(dwellings.a1502, kit.compoundA, `${COMPOUND_A}`, '1-1-1502', 8000));
    await kit.publish(orgDwellingRegisteredV1, dwellings.a0801, COMPOUND_A, dwelling(dwellings.a0801, kit.compoundA, `${COMPOUND_A}`, '2-1-0801', 12033));
    await kit.publish(orgDwellingRegisteredV1, dwellings.b0101, COMPOUND_B, dwelling(dwellings.b0101, kit.compoundB, `${COMPOUND_B}`, '1-1-0101', 10000));
    // The surveyed area replaces the registered one before billing.
    await kit.publish(orgDwellingChangedV1, dwellings.a1502, COMPOUND_A, { ...dwelling(dwellings.a1502, kit.compoundA, `${COMPOUND_A}`, '1-1-1502', 8950), areaSource: 'SURVEY' });
    await eventually(
      async () => (await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM fund_dwelling WHERE exclusive_area IN (8950, 12033, 10000)`))[0]!.n === 3,
      10_000,
      'dwellings in the fund service',
    );
  });

  afterAll(() => kit?.stop());

  it('bills each dwelling area × fee standard once a month and tracks arrears per dwelling', async () => {
    // 89.50 m² × 2.50 = 223.75; 120.33 m² × 2.50 = 300.825, rounded half up to 300.83.
    const run = await kit.ok<{ issueMonthlyBills: { bills: number; totalFen: string; entryId: string } }>(BILL, { input: { fundId: fundA, period: '2026-04' } });
    expect(run.issueMonthlyBills).toMatchObject({ bills: 2, totalFen: String(22375 + 30083) });
    const again = await kit.ok<{ issueMonthlyBills: { entryId: string } }>(BILL, { input: { fundId: fundA, period: '2026-04' } });
    expect(again.issueMonthlyBills.entryId).toBe(run.issueMonthlyBills.entryId);

    const payment = { fundId: fundA, dwellingId: dwellings.a1502, amountFen: '22375', paidOn: '2026-04-10', idempotencyKey: 'wechat-pay-7781' };
    const paid = await kit.ok<{ recordFeePayment: { entryId: string } }>(PAY_FEE, { input: payment });
    expect((await kit.ok<{ recordFeePayment: { entryId: string } }>(PAY_FEE, { input: payment })).recordFeePayment.entryId).toBe(paid.recordFeePayment.entryId);

    const arrears = await kit.ok<{ dwellingArrears: { nodes: unknown[] } }>(ARREARS, { fundId: fundA });
    expect(arrears.dwellingArrears.nodes).toEqual([{ roomNumber: '2-1-0801', billedFen: '30083', paidFen: '0', arrearsFen: '30083' }]);
  });

  it('lets an owner of compound A read A’s disclosure line by line and nothing of compound B’s', async () => {
    await kit.ok(EXPENSE, {
      input: { fundId: fundA, category: 'CLEANING', amountFen: '12000', spentOn: '2026-04-15', memo: '4月保洁耗材', idempotencyKey: 'cleaning-2026-04' },
    });
    await kit.ok(REMUNERATE, { input: { fundId: fundA, period: '2026-04' } });
    await kit.ok(BILL, { input: { fundId: fundB, period: '2026-04' } });

    const published = await kit.ok<{ publishDisclosure: unknown }>(PUBLISH, { input: { fundId: fundA, period: '2026-04' } });
    expect(published.publishDisclosure).toMatchObject({
      period: '2026-04',
      incomeFen: String(22375 + 30083),
      expenseFen: '62000',
      closingCashFen: String(22375 - 62000),
      arrearsFen: '30083',
    });
    const publishedB = await kit.ok<{ publishDisclosure: { id: string } }>(PUBLISH, { input: { fundId: fundB, period: '2026-04' } });

    const ownerA = await tokenFor('resident', COMPOUND_A, 'owner-a-1502');
    const seen = await kit.ok<{ disclosures: { nodes: { fundId: string; period: string; lines: { nodes: Line[] } }[] } }>(DISCLOSURES, {}, ownerA);
    expect(seen.disclosures.nodes.map((d) => d.fundId)).toEqual([fundA]);
    expect(seen.disclosures.nodes[0]!.lines.nodes).toEqual([
      { direction: 'INCOME', accountCode: 'INCOME_PROPERTY_FEES', description: 'Property fees billed for 2026-04 (2 dwellings)', amountFen: '52458' },
      { direction: 'EXPENSE', accountCode: 'EXPENSE_CLEANING', description: '4月保洁耗材', amountFen: '12000' },
      { direction: 'EXPENSE', accountCode: 'EXPENSE_COMPANY_REMUNERATION', description: 'Property company remuneration for 2026-04', amountFen: '50000' },
    ]);

    const ofB = await kit.request(DISCLOSURE, { id: publishedB.publishDisclosure.id }, ownerA);
    expect(ofB.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    expect(ofB.data).toBeNull();
    const listB = await kit.request(`query($fundId: ID) { disclosures(fundId: $fundId) { nodes { id } } }`, { fundId: fundB }, ownerA);
    expect(listB.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const ledgerB = await kit.request(ENTRIES, { fundId: fundB }, ownerA);
    expect(ledgerB.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const ownerB = await tokenFor('resident', COMPOUND_B, 'owner-b-0101');
    const seenByB = await kit.ok<{ disclosures: { nodes: { fundId: string }[] } }>(DISCLOSURES, {}, ownerB);
    expect(seenByB.disclosures.nodes.map((d) => d.fundId)).toEqual([fundB]);
  });

  it('refuses to let an owner keep the books or see other dwellings’ arrears', async () => {
    const ownerA = await tokenFor('resident', COMPOUND_A, 'owner-a-1502');
    const billed = await kit.request(BILL, { input: { fundId: fundA, period: '2026-05' } }, ownerA);
    expect(billed.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const arrears = await kit.request(ARREARS, { fundId: fundA }, ownerA);
    expect(arrears.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });
});
