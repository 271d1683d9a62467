import type { DataSource, EntityManager } from 'typeorm';
import { fundPointsRedeemedV1, type OrgVolunteerServiceRecordedV1 } from '@gongzhi/contracts-events';
import type { AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { checkSpending, recordRelease } from '../donation/restricted-funds';
import { fundInScope, type FundAccess } from '../fund/fund-access';
import { FundKind, type Fund } from '../fund/fund.entity';
import { ExpenseCategory, JournalEntryKind, LedgerAccountCode } from '../ledger/ledger-account';
import { todayInChina, type LedgerService } from '../ledger/ledger.service';
import { assertAmount } from '../ledger/money';
import { PointsCatalogueItem, PointsRedemption, type PointsBalance, type PointsRule } from './points.entity';
import type { AddPointsCatalogueItemInput, RedeemPointsInput, SetPointsRuleInput } from './points.inputs';
import { pointsForService } from './points-arithmetic';

/** A program has one rule per activity type of the district's catalogue; the bound keeps `pointsRules` a plain list. */
export const MAX_RULES_PER_PROGRAM = 100;

interface RuleRow {
  program_id: string;
  activity_type: string;
  points_per_hour: number;
  set_at: Date;
}

const toRule = (row: RuleRow): PointsRule => ({ programId: row.program_id, activityType: row.activity_type, pointsPerHour: row.points_per_hour, setAt: row.set_at });

/**
 * Awards points for a volunteer-service record from org, once per record, by the rule of the community's
 * program in force when the record arrives. A community without a program, or an activity without a rule,
 * earns nothing: rules are not retroactive.
 */
export async function awardPoints(manager: EntityManager, service: OrgVolunteerServiceRecordedV1): Promise<void> {
  const [rule] = (await manager.query(
    `SELECT f.id AS program_id, f.points_validity_days, r.points_per_hour
       FROM fund f JOIN points_rule r ON r.program_id = f.id AND r.activity_type = $2
      WHERE f.kind = 'VOLUNTEER_POINTS' AND f.community_code = $1`,
    [service.communityCode, service.activityType],
  )) as { program_id: string; points_validity_days: number | null; points_per_hour: number }[];
  if (!rule) return;
  const points = pointsForService(service.minutes, rule.points_per_hour);
  if (points === null) return;
  await manager.query(
    `INSERT INTO points_award (id, program_id, record_id, resident_id, activity_type, minutes, points_per_hour, points, unspent_points, service_date, expires_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $9::date + $10::integer)
     ON CONFLICT (program_id, record_id) DO NOTHING`,
    [uuidv7(), rule.program_id, service.recordId, service.residentId, service.activityType, service.minutes, rule.points_per_hour, points, service.serviceDate, rule.points_validity_days],
  );
}

/** Volunteer-points programs (志愿服务积分): rules, the redemption catalogue, balances and redemptions. */
export class PointsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  private async program(manager: EntityManager, user: AuthUser, programId: string, field: string, access: FundAccess): Promise<Fund> {
    const program = await fundInScope(manager, user, programId, field, access);
    if (program.kind !== FundKind.VOLUNTEER_POINTS) throw new BadUserInputError(field, 'NOT_A_POINTS_PROGRAM', `fund ${program.id} is a ${program.kind}, not a volunteer-points program`);
    return program;
  }

  async setRule(user: AuthUser, input: SetPointsRuleInput): Promise<PointsRule> {
    return this.dataSource.transaction(async (manager) => {
      const program = await this.program(manager, user, input.programId, 'input.programId', 'write');
      // Serialises rule changes of one program so the bound below cannot be raced past.
      await manager.query(`SELECT id FROM fund WHERE id = $1 FOR UPDATE`, [program.id]);
      const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM points_rule WHERE program_id = $1 AND activity_type <> $2`, [program.id, input.activityType])) as { n: number }[];
      if (n >= MAX_RULES_PER_PROGRAM) {
        throw new BadUserInputError('input.activityType', 'TOO_MANY_RULES', `a program has at most ${MAX_RULES_PER_PROGRAM} activity types`);
      }
      const [row] = (await manager.query(
        `INSERT INTO points_rule (program_id, activity_type, points_per_hour, set_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (program_id, activity_type) DO UPDATE SET points_per_hour = EXCLUDED.points_per_hour, set_by = EXCLUDED.set_by, set_at = now()
         RETURNING program_id, activity_type, points_per_hour, set_at`,
        [program.id, input.activityType, input.pointsPerHour, user.sub],
      )) as RuleRow[];
      return toRule(row!);
    });
  }

  async rules(user: AuthUser, programId: string): Promise<PointsRule[]> {
    const program = await this.program(this.dataSource.manager, user, programId, 'programId', 'read');
    const rows = (await this.dataSource.query(
      `SELECT program_id, activity_type, points_per_hour, set_at FROM points_rule WHERE program_id = $1 ORDER BY activity_type`,
      [program.id],
    )) as RuleRow[];
    return rows.map(toRule);
  }

  async addItem(user: AuthUser, input: AddPointsCatalogueItemInput): Promise<PointsCatalogueItem> {
    const price = assertAmount(input.priceFen, 'input.priceFen');
    return this.dataSource.transaction(async (manager) => {
      const program = await this.program(manager, user, input.programId, 'input.programId', 'write');
      const paying = await fundInScope(manager, user, input.payingFundId, 'input.payingFundId', 'write');
      if (paying.kind !== FundKind.COMMUNITY_MICRO_FUND || paying.ownerScopePath !== program.ownerScopePath) {
        throw new BadUserInputError('input.payingFundId', 'NOT_A_COMMUNITY_MICRO_FUND', 'redemptions are paid by a community micro-fund of the program’s own community');
      }
      const item = manager.create(PointsCatalogueItem, {
        id: uuidv7(),
        programId: program.id,
        name: input.name.trim(),
        pointsCost: input.pointsCost,
        payingFundId: paying.id,
        priceFen: price.toString(),
        available: true,
        addedBy: user.sub,
        addedAt: new Date(),
      });
      await manager.insert(PointsCatalogueItem, item);
      return item;
    });
  }

  async withdrawItem(user: AuthUser, rawItemId: string): Promise<PointsCatalogueItem> {
    const itemId = parseId(rawItemId, 'itemId');
    return this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(PointsCatalogueItem, { where: { id: itemId } });
      if (!item) throw new NotFoundError('ITEM_NOT_FOUND', `itemId: no catalogue item has the id ${itemId}`, 'itemId');
      await this.program(manager, user, item.programId, 'itemId', 'write');
      await manager.update(PointsCatalogueItem, { id: item.id }, { available: false });
      return manager.findOneOrFail(PointsCatalogueItem, { where: { id: item.id } });
    });
  }

  async catalogue(user: AuthUser, programId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<PointsCatalogueItem>> {
    const program = await this.program(this.dataSource.manager, user, programId, 'programId', 'read');
    const after = decodeCursor(page.after);
    const query = this.dataSource.getRepository(PointsCatalogueItem).createQueryBuilder('i').where('i.program_id = :id', { id: program.id }).orderBy('i.id', 'ASC').limit(page.first + 1);
    if (after) query.andWhere('i.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /** Balances per resident as of today, one grouped statement over the program's awards. */
  async balances(user: AuthUser, programId: string, page: { first: number; after?: string | null; residentId?: string | null }): Promise<ConnectionShape<PointsBalance>> {
    const residentId = page.residentId ? parseId(page.residentId, 'residentId') : null;
    const program = await this.program(this.dataSource.manager, user, programId, 'programId', 'write');
    const after = decodeCursor(page.after);
    const rows = (await this.dataSource.query(
      `SELECT resident_id,
              sum(points)::int AS earned,
              sum(points - unspent_points)::int AS redeemed,
              coalesce(sum(unspent_points) FILTER (WHERE expires_on <= $2::date), 0)::int AS expired,
              coalesce(sum(unspent_points) FILTER (WHERE expires_on IS NULL OR expires_on > $2::date), 0)::int AS available,
              min(expires_on) FILTER (WHERE expires_on > $2::date AND unspent_points > 0)::text AS next_expiry
         FROM points_award
        WHERE program_id = $1 AND ($3::uuid IS NULL OR resident_id = $3) AND ($4::uuid IS NULL OR resident_id > $4)
        GROUP BY resident_id ORDER BY resident_id LIMIT $5`,
      [program.id, todayInChina(), residentId, after, page.first + 1],
    )) as { resident_id: string; earned: number; redeemed: number; expired: number; available: number; next_expiry: string | null }[];
    return toConnection(
      rows.map((row) => ({
        id: row.resident_id,
        programId: program.id,
        residentId: row.resident_id,
        earnedPoints: row.earned,
        redeemedPoints: row.redeemed,
        expiredPoints: row.expired,
        availablePoints: row.available,
        nextExpiryOn: row.next_expiry,
      })),
      page.first,
    );
  }

  async redemptions(user: AuthUser, programId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<PointsRedemption>> {
    const program = await this.program(this.dataSource.manager, user, programId, 'programId', 'write');
    const after = decodeCursor(page.after);
    const query = this.dataSource.getRepository(PointsRedemption).createQueryBuilder('r').where('r.program_id = :id', { id: program.id }).orderBy('r.id', 'ASC').limit(page.first + 1);
    if (after) query.andWhere('r.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /**
   * Spends a resident's unexpired points on one item: the points that expire soonest go first, the paying fund
   * books the item's price (points-redemption expense against cash, within its restricted-donation rules),
   * and `fund.points.redeemed.v1` is written, all in one transaction.
   */
  async redeem(user: AuthUser, input: RedeemPointsInput): Promise<PointsRedemption> {
    const residentId = parseId(input.residentId, 'input.residentId');
    const itemId = parseId(input.itemId, 'input.itemId');
    return this.dataSource.transaction(async (manager) => {
      const program = await this.program(manager, user, input.programId, 'input.programId', 'write');
      // Two requests with one key wait for each other here, so the second sees the first and replays it.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`points-redemption:${program.id}:${input.idempotencyKey}`]);
      const replay = await manager.findOne(PointsRedemption, { where: { programId: program.id, idempotencyKey: input.idempotencyKey } });
      if (replay) {
        if (replay.residentId !== residentId || replay.itemId !== itemId) {
          throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'input.idempotencyKey: this key was already used for a different redemption', 'input.idempotencyKey');
        }
        return replay;
      }
      const item = await manager.findOne(PointsCatalogueItem, { where: { id: itemId, programId: program.id } });
      if (!item) throw new NotFoundError('ITEM_NOT_FOUND', `input.itemId: the program has no catalogue item ${itemId}`, 'input.itemId');
      if (!item.available) throw new ConflictError('ITEM_WITHDRAWN', `input.itemId: "${item.name}" was withdrawn from the catalogue`, 'input.itemId');

      await this.ledger.lockHead(manager, item.payingFundId);
      const price = BigInt(item.priceFen);
      const restrictedUsed = await checkSpending(manager, item.payingFundId, ExpenseCategory.POINTS_REDEMPTION, price, 'input.itemId');

      const today = todayInChina();
      const awards = (await manager.query(
        `SELECT id, unspent_points FROM points_award
          WHERE program_id = $1 AND resident_id = $2 AND unspent_points > 0 AND (expires_on IS NULL OR expires_on > $3::date)
          ORDER BY expires_on NULLS LAST, service_date, id
          FOR UPDATE`,
        [program.id, residentId, today],
      )) as { id: string; unspent_points: number }[];
      const available = awards.reduce((sum, award) => sum + award.unspent_points, 0);
      if (available < item.pointsCost) {
        throw new ConflictError('INSUFFICIENT_POINTS', `input.residentId: the resident has ${available} points available, "${item.name}" costs ${item.pointsCost}`, 'input.residentId');
      }
      const draws: { awardId: string; points: number }[] = [];
      let owed = item.pointsCost;
      for (const award of awards) {
        if (owed === 0) break;
        const take = Math.min(owed, award.unspent_points);
        draws.push({ awardId: award.id, points: take });
        owed -= take;
      }

      const redemptionId = uuidv7();
      const { entry } = await this.ledger.post(manager, {
        fundId: item.payingFundId,
        idempotencyKey: `points-redemption:${redemptionId}`,
        kind: JournalEntryKind.POINTS_REDEMPTION,
        memo: `Volunteer points redemption: ${item.name}`,
        effectiveDate: today,
        postedBy: user.sub,
        lines: [
          { account: LedgerAccountCode.EXPENSE_POINTS_REDEMPTION, amountFen: price },
          { account: LedgerAccountCode.CASH, amountFen: -price },
        ],
      });
      await recordRelease(manager, item.payingFundId, entry.id, ExpenseCategory.POINTS_REDEMPTION, restrictedUsed);
      const redemption = manager.create(PointsRedemption, {
        id: redemptionId,
        programId: program.id,
        idempotencyKey: input.idempotencyKey,
        residentId,
        itemId: item.id,
        points: item.pointsCost,
        payingFundId: item.payingFundId,
        amountFen: item.priceFen,
        entryId: entry.id,
        redeemedOn: today,
        redeemedBy: user.sub,
      });
      await manager.insert(PointsRedemption, redemption);
      await manager.query(
        `UPDATE points_award a SET unspent_points = a.unspent_points - d.points FROM unnest($1::uuid[], $2::int[]) AS d(award_id, points) WHERE a.id = d.award_id`,
        [draws.map((d) => d.awardId), draws.map((d) => d.points)],
      );
      await manager.query(
        `INSERT INTO points_draw (redemption_id, award_id, program_id, resident_id, points)
         SELECT $1, d.award_id, $2, $3, d.points FROM unnest($4::uuid[], $5::int[]) AS d(award_id, points)`,
        [redemptionId, program.id, residentId, draws.map((d) => d.awardId), draws.map((d) => d.points)],
      );
      await enqueueEvent(manager, {
        contract: fundPointsRedeemedV1,
        subject: redemptionId,
        scope: program.ownerScopePath,
        data: { redemptionId, programId: program.id, residentId, itemId: item.id, points: item.pointsCost, payingFundId: item.payingFundId, amountFen: Number(price) },
      });
      return manager.findOneOrFail(PointsRedemption, { where: { id: redemptionId } });
    });
  }
}
