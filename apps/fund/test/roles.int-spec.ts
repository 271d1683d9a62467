import { randomUUID } from 'node:crypto';
import { propertyAssignmentEndedV1, propertyAssignmentStartedV1, propertyStaffMemberEndedV1, propertyStaffMemberRegisteredV1 } from '@gongzhi/contracts-events';
import type { Role } from '@gongzhi/platform-auth';
import { eventually, tokenFor, type GraphQLResponse } from '@gongzhi/platform-testing';
import { COMMUNITY, COMMUNITY_CODE, COMPOUND_A, FundTestKit } from './fund-test-kit';

const EXPENSE = `mutation($input: RecordPropertyExpenseInput!) { recordPropertyExpense(input: $input) { id } }`;
const PUBLISH = `mutation($input: PublishDisclosureInput!) { publishDisclosure(input: $input) { id } }`;
const ENTRIES = `query($fundId: ID!) { journalEntries(fundId: $fundId) { nodes { seq memo } } }`;
const ARREARS = `query($fundId: ID!) { dwellingArrears(fundId: $fundId) { nodes { roomNumber } } }`;
const REPORT = `query($fundId: ID!) { publicFundReport(fundId: $fundId, from: "2026-10-01", to: "2026-10-31") { fundId } }`;
const RECORD_DONATION = `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id donorName } }`;
const DONATIONS = `query($fundId: ID!) { donations(fundId: $fundId) { nodes { id donorName anonymous } } }`;
const DONOR_LOG = `query($fundId: ID) { donorNameAccessLog(fundId: $fundId) { nodes { actorSub actorRoles donationId fundId requestId } } }`;
const COMMITTEE = `{ funds { nodes { id committee } } }`;

describe('fund reads and writes by role', () => {
  let kit: FundTestKit;
  let trustA: string;
  let trustB: string;
  let microFund: string;
  const company = randomUUID();
  const otherCompany = randomUUID();
  const assignmentA = randomUUID();
  let expenseSeq = 0;

  const as = async <T = Record<string, unknown>>(role: Role | Role[], sub: string, document: string, variables: Record<string, unknown>, scope = COMMUNITY): Promise<GraphQLResponse<T>> =>
    kit.request<T>(document, variables, await tokenFor(role, scope, sub));
  const expense = (fundId: string) => ({ input: { fundId, category: 'CLEANING', amountFen: '1000', spentOn: '2026-10-05', memo: '保洁耗材', idempotencyKey: `expense-${++expenseSeq}` } });
  const refusal = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions;

  beforeAll(async () => {
    kit = await FundTestKit.start();
    trustA = await kit.openFund({ name: '美景华庭信托制物业账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId: kit.compoundA });
    trustB = await kit.openFund({ name: '龙泉花园信托制物业账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId: kit.compoundB });
    microFund = await kit.openFund({ name: '美景社区微基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: COMMUNITY_CODE });

    // property's facts, as property publishes them: staff-1 works for the company serving compound A.
    await kit.publish(propertyStaffMemberRegisteredV1, randomUUID(), '/510112/', { staffMemberId: randomUUID(), companyId: company, subject: 'staff-1', registeredAt: new Date().toISOString() });
    await kit.publish(propertyStaffMemberRegisteredV1, randomUUID(), '/510112/', { staffMemberId: randomUUID(), companyId: otherCompany, subject: 'staff-other', registeredAt: new Date().toISOString() });
    await kit.publish(propertyAssignmentStartedV1, assignmentA, COMPOUND_A, {
      assignmentId: assignmentA,
      companyId: company,
      compoundId: kit.compoundA,
      contractStart: '2026-01-01',
      contractEnd: null,
      feeModel: 'TRUST_BASED',
      feeStandardFen: 250,
      voteId: null,
    });
    await eventually(
      async () => (await kit.query<{ n: number }>(`SELECT (SELECT count(*) FROM fund_property_staff) + (SELECT count(*) FROM fund_compound_service) AS n`))[0]!.n == 3,
      10_000,
      'property’s register in fund',
    );
  });

  afterAll(() => kit?.stop());

  describe('property staff', () => {
    it('keep the books of the trust account of a compound their company serves', async () => {
      const booked = await as('property_staff', 'staff-1', EXPENSE, expense(trustA));
      expect(booked.errors).toBeUndefined();
      const published = await as('property_staff', 'staff-1', PUBLISH, { input: { fundId: trustA, period: '2026-10' } });
      expect(published.errors).toBeUndefined();
      const books = await as<{ journalEntries: { nodes: { memo: string }[] } }>('property_staff', 'staff-1', ENTRIES, { fundId: trustA });
      expect(books.data!.journalEntries.nodes.map((e) => e.memo)).toContain('保洁耗材');
      expect((await as('property_staff', 'staff-1', ARREARS, { fundId: trustA })).errors).toBeUndefined();
    });

    it('are refused with NOT_COMPANY_STAFF on another compound, for another company or unregistered, and write nothing', async () => {
      const [{ n: before }] = await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_entry`);
      const attempts: [string, string, Record<string, unknown>][] = [
        ['staff-1', EXPENSE, expense(trustB)],
        ['staff-other', EXPENSE, expense(trustA)],
        ['nobody-registered', EXPENSE, expense(trustA)],
        ['staff-1', PUBLISH, { input: { fundId: trustB, period: '2026-10' } }],
        ['staff-1', PUBLISH, { input: { fundId: microFund, period: '2026-10' } }],
        ['staff-1', ENTRIES, { fundId: trustB }],
        ['staff-other', ARREARS, { fundId: trustA }],
      ];
      for (const [sub, document, variables] of attempts) {
        expect({ sub, ...refusal(await as('property_staff', sub, document, variables)) }).toMatchObject({ sub, code: 'FORBIDDEN', reason: 'NOT_COMPANY_STAFF' });
      }
      expect(refusal(await as('property_staff', 'staff-1', ENTRIES, { fundId: microFund }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      const [{ n: after }] = await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_entry`);
      expect(after).toBe(before);
    });

    it('lose the compound when property ends their registration or the company’s assignment, whatever order the events come in', async () => {
      const late = randomUUID();
      // The ending overtakes the registration: the registration must not reopen it.
      await kit.publish(propertyStaffMemberEndedV1, late, '/510112/', { staffMemberId: late, companyId: company, subject: 'staff-late', endedAt: new Date().toISOString() });
      await kit.publish(propertyStaffMemberRegisteredV1, late, '/510112/', { staffMemberId: late, companyId: company, subject: 'staff-late', registeredAt: new Date().toISOString() });
      const second = randomUUID();
      await kit.publish(propertyStaffMemberRegisteredV1, second, '/510112/', { staffMemberId: second, companyId: company, subject: 'staff-2', registeredAt: new Date().toISOString() });
      await eventually(async () => (await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM fund_property_staff WHERE subject IN ('staff-late', 'staff-2')`))[0]!.n === 2, 10_000, 'registrations');
      expect(refusal(await as('property_staff', 'staff-late', EXPENSE, expense(trustA)))).toMatchObject({ reason: 'NOT_COMPANY_STAFF' });
      expect((await as('property_staff', 'staff-2', EXPENSE, expense(trustA))).errors).toBeUndefined();

      await kit.publish(propertyStaffMemberEndedV1, second, '/510112/', { staffMemberId: second, companyId: company, subject: 'staff-2', endedAt: new Date().toISOString() });
      await eventually(async () => (await kit.query(`SELECT 1 FROM fund_property_staff WHERE subject = 'staff-2' AND ended_at IS NOT NULL`)).length === 1, 10_000, 'the ending');
      expect(refusal(await as('property_staff', 'staff-2', EXPENSE, expense(trustA)))).toMatchObject({ reason: 'NOT_COMPANY_STAFF' });

      await kit.publish(propertyAssignmentEndedV1, assignmentA, COMPOUND_A, { assignmentId: assignmentA, companyId: company, compoundId: kit.compoundA, endedOn: '2026-12-31', reason: '合同到期' });
      await eventually(async () => (await kit.query(`SELECT 1 FROM fund_compound_service WHERE ended_on IS NOT NULL`)).length === 1, 10_000, 'the assignment’s end');
      expect(refusal(await as('property_staff', 'staff-1', EXPENSE, expense(trustA)))).toMatchObject({ reason: 'NOT_COMPANY_STAFF' });
      // Community staff keep the books by scope, whoever serves the compound.
      expect((await kit.request(EXPENSE, expense(trustA))).errors).toBeUndefined();
    });
  });

  it('lets residents inspect their trust account’s books but not a community fund’s, whose public report they read', async () => {
    expect((await as('resident', 'owner-1', ENTRIES, { fundId: trustA }, COMPOUND_A)).errors).toBeUndefined();
    const micro = await as('resident', 'owner-1', ENTRIES, { fundId: microFund }, COMPOUND_A);
    expect(refusal(micro)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect((await as('resident', 'owner-1', REPORT, { fundId: microFund }, COMPOUND_A)).errors).toBeUndefined();
    expect(refusal(await as('resident', 'owner-1', ARREARS, { fundId: trustA }, COMPOUND_A))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    for (const role of ['grid_worker', 'city_platform'] as const) {
      expect({ role, ...refusal(await as(role, 'someone', ENTRIES, { fundId: trustA })) }).toMatchObject({ role, code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    }
  });

  describe('donor names and committees', () => {
    let anonymousId: string;

    beforeAll(async () => {
      await kit.ok(RECORD_DONATION, { input: { fundId: microFund, idempotencyKey: 'd-named', donorKind: 'MERCHANT', donorName: '龙泉老火锅', amountFen: '50000', receivedOn: '2026-10-02' } });
      const anonymous = await kit.ok<{ recordDonation: { id: string } }>(RECORD_DONATION, {
        input: { fundId: microFund, idempotencyKey: 'd-anonymous', donorKind: 'RESIDENT', donorName: '王阿姨', anonymous: true, amountFen: '20000', receivedOn: '2026-10-03' },
      });
      anonymousId = anonymous.recordDonation.id;
    });

    it('logs every read of an anonymous donor’s name, and only those, for auditors to query', async () => {
      const [{ n: before }] = await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM donor_name_access WHERE donation_id = $1`, [anonymousId]);
      const read = await as<{ donations: { nodes: { donorName: string; anonymous: boolean }[] } }>('committee_member', 'committee-zhang', DONATIONS, { fundId: microFund });
      expect(read.data!.donations.nodes.map((d) => d.donorName)).toEqual(['龙泉老火锅', '王阿姨']);
      const rows = await kit.query<{ donation_id: string; actor_sub: string }>(`SELECT donation_id, actor_sub FROM donor_name_access WHERE actor_sub = 'committee-zhang'`);
      expect(rows).toEqual([{ donation_id: anonymousId, actor_sub: 'committee-zhang' }]);
      expect((await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM donor_name_access WHERE donation_id = $1`, [anonymousId]))[0]!.n).toBe(before + 1);

      const withoutNames = await as('committee_member', 'committee-li', `query($fundId: ID!) { donations(fundId: $fundId) { nodes { id anonymous } } }`, { fundId: microFund });
      expect(withoutNames.errors).toBeUndefined();
      expect(await kit.query(`SELECT 1 FROM donor_name_access WHERE actor_sub = 'committee-li'`)).toEqual([]);

      const log = await as<{ donorNameAccessLog: { nodes: { actorSub: string; actorRoles: string[]; donationId: string; fundId: string; requestId: string }[] } }>(
        'auditor',
        'auditor-wang',
        DONOR_LOG,
        { fundId: microFund },
      );
      expect(log.data!.donorNameAccessLog.nodes).toContainEqual(expect.objectContaining({ actorSub: 'committee-zhang', actorRoles: ['committee_member'], donationId: anonymousId, fundId: microFund }));
      expect(refusal(await kit.request(DONOR_LOG, { fundId: microFund }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      await expect(kit.query(`UPDATE donor_name_access SET actor_sub = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(kit.query(`DELETE FROM donor_name_access`)).rejects.toThrow(/append-only/);
    });

    it('keeps donor names and committee ids from residents and property staff', async () => {
      for (const role of ['resident', 'property_staff'] as const) {
        const names = await as(role, 'someone', DONATIONS, { fundId: microFund }, COMPOUND_A);
        expect({ role, ...refusal(names) }).toMatchObject({ role, code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
        expect(JSON.stringify(names)).not.toContain('王阿姨');
        const committee = await as(role, 'someone', COMMITTEE, {}, COMPOUND_A);
        expect(committee.errors?.[0]).toMatchObject({ path: ['funds', 'nodes', 0, 'committee'], extensions: { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' } });
      }
      const auditor = await as<{ funds: { nodes: { committee: string[] }[] } }>('auditor', 'auditor-wang', COMMITTEE, {});
      expect(auditor.errors).toBeUndefined();
    });
  });

  it('lets an auditor read all money in its scopes and change none of it', async () => {
    for (const fundId of [trustA, trustB, microFund]) {
      expect((await as('auditor', 'auditor-wang', ENTRIES, { fundId })).errors).toBeUndefined();
    }
    expect((await as('auditor', 'auditor-wang', ARREARS, { fundId: trustA })).errors).toBeUndefined();
    const [{ n: before }] = await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_entry`);
    for (const [document, variables] of [
      [EXPENSE, expense(trustA)],
      [RECORD_DONATION, { input: { fundId: microFund, idempotencyKey: 'd-audit', donorKind: 'MERCHANT', donorName: '审计', amountFen: '100', receivedOn: '2026-10-02' } }],
      [`mutation($input: DecideExpenditureInput!) { decideExpenditure(input: $input) { status } }`, { input: { expenditureId: randomUUID(), decision: 'APPROVE' } }],
    ] as const) {
      expect(refusal(await as('auditor', 'auditor-wang', document, variables))).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
    }
    const [{ n: after }] = await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_entry`);
    expect(after).toBe(before);
  });
});
