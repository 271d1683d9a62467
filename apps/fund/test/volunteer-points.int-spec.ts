import { randomUUID } from 'node:crypto';
import { orgVolunteerServiceRecordedV1, type OrgVolunteerServiceRecordedV1 } from '@gongzhi/contracts-events';
import { eventually, tokenFor } from '@gongzhi/platform-testing';
import { todayInChina } from '../src/modules/ledger/ledger.service';
import { COMMUNITY, COMMUNITY_CODE, COMPOUND_A, FundTestKit } from './fund-test-kit';

const RULE = `mutation($input: SetPointsRuleInput!) { setPointsRule(input: $input) { activityType pointsPerHour } }`;
const CONFIGURE = `mutation($input: ConfigureFundInput!) { configureFund(input: $input) { pointsValidityDays } }`;
const POST = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id } }`;
const ADD_ITEM = `mutation($input: AddPointsCatalogueItemInput!) { addPointsCatalogueItem(input: $input) { id name pointsCost priceFen available } }`;
const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { id points amountFen entryId payingFundId } }`;
const BALANCES = `query($programId: ID!, $residentId: ID) {
  pointsBalances(programId: $programId, residentId: $residentId) { nodes { residentId earnedPoints redeemedPoints expiredPoints availablePoints nextExpiryOn } }
}`;
const CATALOGUE = `query($programId: ID!) { pointsCatalogue(programId: $programId) { nodes { name pointsCost priceFen } } }`;
const VERIFY = `query($fundId: ID!) { verifyLedger(fundId: $fundId) { intact entriesChecked } }`;

interface Balance {
  residentId: string;
  earnedPoints: number;
  redeemedPoints: number;
  expiredPoints: number;
  availablePoints: number;
  nextExpiryOn: string | null;
}

function daysFromToday(days: number): string {
  return new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('volunteer points', () => {
  let kit: FundTestKit;
  let programId: string;
  let microFundId: string;
  let itemId: string;
  const alice = randomUUID();
  const bob = randomUUID();
  const carol = randomUUID();

  const service = (residentId: string, activityType: string, minutes: number, serviceDate = todayInChina(), recordId = randomUUID()): OrgVolunteerServiceRecordedV1 => ({
    recordId,
    residentId,
    teamId: null,
    activityType,
    minutes,
    serviceDate,
    communityCode: COMMUNITY_CODE,
    scopePath: COMPOUND_A,
  });
  const record = (data: OrgVolunteerServiceRecordedV1) => kit.publish(orgVolunteerServiceRecordedV1, data.recordId, data.scopePath, data);
  const balance = async (residentId: string): Promise<Balance | undefined> =>
    (await kit.ok<{ pointsBalances: { nodes: Balance[] } }>(BALANCES, { programId, residentId })).pointsBalances.nodes[0];
  const redeem = (residentId: string, key: string, item = itemId) => kit.request<{ redeemPoints: { id: string; points: number; amountFen: string; entryId: string; payingFundId: string } }>(REDEEM, { input: { programId, idempotencyKey: key, residentId, itemId: item } });

  beforeAll(async () => {
    kit = await FundTestKit.start();
    programId = await kit.openFund({ name: '美景社区志愿服务积分', kind: 'VOLUNTEER_POINTS', communityCode: COMMUNITY_CODE });
    microFundId = await kit.openFund({ name: '美景社区微基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: COMMUNITY_CODE });
    await kit.ok(RULE, { input: { programId, activityType: 'PATROL', pointsPerHour: 10 } });
    await kit.ok(RULE, { input: { programId, activityType: 'ELDERLY_CARE', pointsPerHour: 10 } });
    await kit.ok(POST, {
      input: {
        fundId: microFundId,
        idempotencyKey: 'opening',
        memo: 'Opening balance',
        lines: [
          { account: 'CASH', side: 'DEBIT', amountFen: '100000' },
          { account: 'NET_ASSETS', side: 'CREDIT', amountFen: '100000' },
        ],
      },
    });
    const item = await kit.ok<{ addPointsCatalogueItem: { id: string } }>(ADD_ITEM, { input: { programId, name: '大米 5 kg', pointsCost: 20, payingFundId: microFundId, priceFen: '3500' } });
    itemId = item.addPointsCatalogueItem.id;
  });

  afterAll(() => kit?.stop());

  it('allows one program per community', async () => {
    const second = await kit.request(`mutation($input: OpenFundInput!) { openFund(input: $input) { id } }`, {
      input: { name: '第二个积分项目', kind: 'VOLUNTEER_POINTS', communityCode: COMMUNITY_CODE },
    });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'POINTS_PROGRAM_EXISTS', field: 'input.communityCode' });
  });

  it('awards points from a service record on JetStream once, rounding partial points down, and nothing without a rule', async () => {
    const patrol = service(alice, 'PATROL', 90);
    await record(patrol);
    await record(service(alice, 'ELDERLY_CARE', 40));
    await record(service(alice, 'CHESS_CLUB', 600));
    // org republishes the same record under a new event id: it still earns once.
    await record(patrol);
    await record(service(alice, 'PATROL', 5));
    await eventually(async () => (await balance(alice))?.earnedPoints === 21, 10_000, 'alice’s points');
    await record(service(bob, 'PATROL', 60));
    await eventually(async () => (await balance(bob)) !== undefined, 10_000, 'bob’s points');
    expect(await balance(alice)).toEqual({ residentId: alice, earnedPoints: 21, redeemedPoints: 0, expiredPoints: 0, availablePoints: 21, nextExpiryOn: null });
    const [{ n }] = await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM points_award WHERE resident_id = $1`, [alice]);
    expect(n).toBe(2);
  });

  it('redeems points for an item, posting balanced entries in the paying fund and publishing the redemption', async () => {
    const resident = await tokenFor('resident', COMPOUND_A, 'resident-1');
    expect((await kit.ok<{ pointsCatalogue: { nodes: unknown[] } }>(CATALOGUE, { programId }, resident)).pointsCatalogue.nodes).toEqual([
      { name: '大米 5 kg', pointsCost: 20, priceFen: '3500' },
    ]);

    const first = await redeem(alice, 'redeem-alice-1');
    expect(first.data?.redeemPoints).toMatchObject({ points: 20, amountFen: '3500', payingFundId: microFundId });
    const postings = await kit.query<{ account_code: string; amount_fen: string }>(`SELECT account_code, amount_fen::text FROM posting WHERE entry_id = $1 ORDER BY line_no`, [
      first.data!.redeemPoints.entryId,
    ]);
    expect(postings).toEqual([
      { account_code: 'EXPENSE_POINTS_REDEMPTION', amount_fen: '3500' },
      { account_code: 'CASH', amount_fen: '-3500' },
    ]);
    expect((await redeem(alice, 'redeem-alice-1')).data?.redeemPoints.id).toBe(first.data!.redeemPoints.id);
    expect(await balance(alice)).toMatchObject({ earnedPoints: 21, redeemedPoints: 20, availablePoints: 1 });
    expect((await kit.ok<{ verifyLedger: unknown }>(VERIFY, { fundId: microFundId })).verifyLedger).toEqual({ intact: true, entriesChecked: 2 });
    const [event] = await kit.query<{ envelope: { data: unknown; scope: string } }>(`SELECT envelope FROM outbox WHERE type = 'fund.points.redeemed.v1'`);
    expect(event?.envelope).toMatchObject({
      scope: COMMUNITY,
      data: { redemptionId: first.data!.redeemPoints.id, programId, residentId: alice, itemId, points: 20, payingFundId: microFundId, amountFen: 3500 },
    });
  });

  it('refuses a redemption beyond the resident’s points and writes nothing', async () => {
    const refused = await redeem(bob, 'redeem-bob-1');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS', field: 'input.residentId' });
    expect(refused.errors?.[0]?.message).toContain('has 10 points available');
    expect(await kit.query(`SELECT id FROM points_redemption WHERE resident_id = $1`, [bob])).toEqual([]);
    expect(await kit.query(`SELECT id FROM journal_entry WHERE fund_id = $1`, [microFundId])).toHaveLength(2);
    expect(await balance(bob)).toMatchObject({ availablePoints: 10, redeemedPoints: 0 });
  });

  it('lets points expire after the program’s validity, spending the soonest-expiring first', async () => {
    await kit.ok(CONFIGURE, { input: { fundId: programId, pointsValidityDays: 30 } });
    await record(service(carol, 'PATROL', 120, daysFromToday(-45)));
    await record(service(carol, 'PATROL', 60, daysFromToday(-10)));
    await record(service(carol, 'PATROL', 120, daysFromToday(-5)));
    await eventually(async () => (await balance(carol))?.earnedPoints === 50, 10_000, 'carol’s points');
    expect(await balance(carol)).toEqual({ residentId: carol, earnedPoints: 50, redeemedPoints: 0, expiredPoints: 20, availablePoints: 30, nextExpiryOn: daysFromToday(20) });

    expect((await redeem(carol, 'redeem-carol-1')).errors).toBeUndefined();
    // 10 points of the award expiring in 20 days and 10 of the one expiring in 25 days went; the expired 20 stayed expired.
    expect(await balance(carol)).toEqual({ residentId: carol, earnedPoints: 50, redeemedPoints: 20, expiredPoints: 20, availablePoints: 10, nextExpiryOn: daysFromToday(25) });
    expect((await redeem(carol, 'redeem-carol-2')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
  });

  it('keeps an award’s points from being raised or deleted in SQL', async () => {
    await expect(kit.query(`UPDATE points_award SET unspent_points = points WHERE resident_id = $1`, [alice])).rejects.toThrow(/only a redemption draws/);
    await expect(kit.query(`DELETE FROM points_award WHERE resident_id = $1`, [alice])).rejects.toThrow(/append-only/);
  });
});
