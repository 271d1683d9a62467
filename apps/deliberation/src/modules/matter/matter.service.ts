import type { DataSource, EntityManager } from 'typeorm';
import {
  deliberationMatterClosedV1,
  deliberationMatterEscalatedV1,
  deliberationMatterEvaluatedV1,
  deliberationMatterRaisedV1,
} from '@gongzhi/contracts-events';
import { assertScopePath, can, requireScope, rolesWith, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { findOrgNode, type OrgNode } from '@gongzhi/org-mirror';
import { pagePerKey } from '@gongzhi/platform-service';
import { guideRuleFor } from '../guide/guide.service';
import { allowedTransitions, ANSWERING_STATUSES, canTransition, FINAL_STATUSES, nextLevel } from './matter-lifecycle';
import { Matter, MatterCategory, MatterChannel, MatterStatus } from './matter.entity';
import { MatterTransition } from './matter-transition.entity';
import { CHANNEL_CAPABILITY } from './matter-roles';
import type { EscalateMatterInput, MoveMatterInput, RaiseMatterInput } from './matter.inputs';

export interface MatterPage {
  first: number;
  after?: string | null;
  status?: MatterStatus | null;
}

/** Who takes a step: the caller's subject (kept for the audit trail) and the role shown on the public timeline. */
export interface Actor {
  sub: string;
  role: string;
}

export function actorOf(user: AuthUser): Actor {
  return { sub: user.sub, role: user.roles[0] ?? 'unknown' };
}

export interface NewMatter {
  compound: OrgNode;
  title: string;
  description?: string | null;
  category: MatterCategory;
  channel: MatterChannel;
  hotlineTicket?: string | null;
  intakeCodeId?: string | null;
}

/**
 * Inserts a matter and its first timeline entry inside the caller's transaction. The district's guide catalog
 * decides the handling level it starts at and its acknowledgement and answer deadlines.
 */
export async function insertMatter(manager: EntityManager, actor: Actor, input: NewMatter): Promise<Matter> {
  const rule = await guideRuleFor(manager, input.compound.scopePath, input.category);
  const id = uuidv7();
  const [{ raised_at: raisedAt }] = (await manager.query(
    `INSERT INTO matter (id, title, description, category, status, compound_id, scope_path, raised_by, channel, hotline_ticket,
       handling_level, acknowledge_by, answer_by, intake_code_id)
     VALUES ($1, $2, $3, $4, 'RAISED', $5, $6, $7, $8, $9, $10, now() + make_interval(hours => $11), now() + make_interval(days => $12), $13)
     RETURNING raised_at`,
    [
      id,
      input.title.trim(),
      input.description?.trim() || null,
      input.category,
      input.compound.id,
      input.compound.scopePath,
      actor.sub,
      input.channel,
      input.hotlineTicket ?? null,
      rule.defaultLevel,
      rule.acknowledgeWithinHours,
      rule.answerWithinDays,
      input.intakeCodeId ?? null,
    ],
  )) as { raised_at: Date }[];
  await recordTransition(manager, id, actor, { fromStatus: null, toStatus: MatterStatus.RAISED, fromLevel: null, toLevel: rule.defaultLevel, at: raisedAt });
  await enqueueEvent(manager, {
    contract: deliberationMatterRaisedV1,
    subject: id,
    scope: input.compound.scopePath,
    data: { matterId: id, compoundId: input.compound.id, category: input.category, title: input.title.trim() },
  });
  return manager.findOneOrFail(Matter, { where: { id } });
}

async function recordTransition(
  manager: EntityManager,
  matterId: string,
  actor: Actor,
  step: Pick<MatterTransition, 'fromStatus' | 'toStatus' | 'fromLevel' | 'toLevel'> & { reason?: string | null; meetingId?: string | null; at?: Date },
): Promise<void> {
  await manager.insert(MatterTransition, {
    id: uuidv7(),
    matterId,
    ...step,
    reason: step.reason?.trim() || null,
    meetingId: step.meetingId ?? null,
    actor: actor.sub,
    actorRole: actor.role,
    at: step.at ?? new Date(),
  });
}

/** Locks the matter for the rest of the transaction and checks the caller may act on it. */
async function lockMatter(manager: EntityManager, user: AuthUser | null, id: string, field: string): Promise<Matter> {
  const matter = await manager.findOne(Matter, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!matter) throw new NotFoundError('UNKNOWN_MATTER', `no matter has the id ${id}`, field);
  if (user) requireScope(user, matter.scopePath, 'this matter');
  return matter;
}

/**
 * Moves a matter one step, inside the caller's transaction (a meeting's decision uses it too). Illegal steps
 * are refused naming `input.to` and the steps that are allowed.
 */
export async function moveMatterIn(manager: EntityManager, user: AuthUser, input: MoveMatterInput, meetingId: string | null = null, fieldPrefix = 'input'): Promise<Matter> {
  const id = parseId(input.matterId, `${fieldPrefix}.matterId`);
  const matter = await lockMatter(manager, user, id, `${fieldPrefix}.matterId`);
  if (input.to === MatterStatus.ESCALATED) {
    throw new BadUserInputError(`${fieldPrefix}.to`, 'USE_ESCALATE_MATTER', 'a matter is escalated with escalateMatter, which records the reason and the level');
  }
  if (!canTransition(matter.status, input.to)) {
    const allowed = allowedTransitions(matter.status).filter((s) => s !== MatterStatus.ESCALATED);
    throw new BadUserInputError(
      `${fieldPrefix}.to`,
      'ILLEGAL_TRANSITION',
      `a ${matter.status} matter cannot move to ${input.to} (allowed: ${allowed.length ? allowed.join(', ') : 'none, it has ended'})`,
    );
  }
  const reason = input.reason?.trim() || null;
  if ((input.to === MatterStatus.REJECTED || input.to === MatterStatus.MERGED) && !reason) {
    throw new BadUserInputError(`${fieldPrefix}.reason`, 'REASON_REQUIRED', `a matter is ${input.to.toLowerCase()} only with a reason the resident can read`);
  }
  let mergedIntoId: string | null = null;
  if (input.to === MatterStatus.MERGED) {
    if (!input.mergedIntoId) throw new BadUserInputError(`${fieldPrefix}.mergedIntoId`, 'MERGE_TARGET_REQUIRED', 'name the matter this one is merged into');
    mergedIntoId = parseId(input.mergedIntoId, `${fieldPrefix}.mergedIntoId`);
    const target = await manager.findOne(Matter, { where: { id: mergedIntoId } });
    if (!target || target.compoundId !== matter.compoundId || target.id === matter.id || target.status === MatterStatus.MERGED) {
      throw new BadUserInputError(`${fieldPrefix}.mergedIntoId`, 'INVALID_MERGE_TARGET', 'must be another matter of the same compound that is not merged itself');
    }
  }
  const propertyCompanyId = input.propertyCompanyId ? parseId(input.propertyCompanyId, `${fieldPrefix}.propertyCompanyId`) : matter.propertyCompanyId;
  const now = new Date();
  await manager.update(Matter, { id }, {
    status: input.to,
    acknowledgedAt: matter.acknowledgedAt ?? now,
    answeredAt: matter.answeredAt ?? (ANSWERING_STATUSES.includes(input.to) ? now : null),
    closedAt: FINAL_STATUSES.includes(input.to) ? now : null,
    handler: input.to === MatterStatus.IN_PROGRESS && input.handler ? input.handler.trim() : matter.handler,
    propertyCompanyId,
    mergedIntoId,
  });
  await recordTransition(manager, id, actorOf(user), { fromStatus: matter.status, toStatus: input.to, fromLevel: matter.handlingLevel, toLevel: matter.handlingLevel, reason, meetingId, at: now });
  await announceEnding(manager, { id, compoundId: matter.compoundId, category: matter.category, propertyCompanyId, scopePath: matter.scopePath }, input.to, now);
  return manager.findOneOrFail(Matter, { where: { id } });
}

/** A matter that ends tells the other services how (property takes property-service matters as evidence). */
async function announceEnding(
  manager: EntityManager,
  matter: Pick<Matter, 'id' | 'compoundId' | 'category' | 'propertyCompanyId' | 'scopePath'>,
  to: MatterStatus,
  at: Date,
): Promise<void> {
  const outcome = to === MatterStatus.CLOSED ? 'RESOLVED' : to === MatterStatus.REJECTED ? 'REJECTED' : to === MatterStatus.MERGED ? 'MERGED' : null;
  if (!outcome) return;
  const base = { matterId: matter.id, compoundId: matter.compoundId, category: matter.category, propertyCompanyId: matter.propertyCompanyId };
  if (outcome === 'RESOLVED') {
    const [summary] = (await manager.query(
      `SELECT count(*)::int AS ratings, round(avg(rating) * 100)::int AS mean FROM matter_evaluation WHERE matter_id = $1`,
      [matter.id],
    )) as { ratings: number; mean: number | null }[];
    if (summary && summary.ratings > 0 && summary.mean !== null) {
      await enqueueEvent(manager, {
        contract: deliberationMatterEvaluatedV1,
        subject: matter.id,
        scope: matter.scopePath,
        data: { ...base, ratings: summary.ratings, meanRatingHundredths: summary.mean, evaluatedAt: at.toISOString() },
      });
    }
  }
  await enqueueEvent(manager, {
    contract: deliberationMatterClosedV1,
    subject: matter.id,
    scope: matter.scopePath,
    data: { ...base, outcome, closedAt: at.toISOString() },
  });
}

export class MatterService {
  constructor(private readonly dataSource: DataSource) {}

  async raise(user: AuthUser, input: RaiseMatterInput): Promise<Matter> {
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    const channel = input.channel ?? MatterChannel.SELF_REPORT;
    if (channel === MatterChannel.INTAKE_CODE) {
      throw new BadUserInputError('input.channel', 'USE_INTAKE_CODE', 'matters from a compound QR code are raised with raiseMatterWithIntakeCode');
    }
    const needed = CHANNEL_CAPABILITY[channel];
    if (!can(user, needed)) {
      throw new ForbiddenError('ROLE_REQUIRED', `matters from the ${channel} channel need ${needed}, which the roles ${rolesWith(needed).join(', ')} hold`);
    }
    if (channel === MatterChannel.CITY_HOTLINE && !input.hotlineTicket?.trim()) {
      throw new BadUserInputError('input.hotlineTicket', 'HOTLINE_TICKET_REQUIRED', 'a city hotline matter carries its 12345 ticket number');
    }
    return this.dataSource.transaction(async (manager) => {
      const compound = await findOrgNode(manager, compoundId, 'COMPOUND');
      if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      requireScope(user, compound.scopePath, 'this compound');
      return insertMatter(manager, actorOf(user), { ...input, compound, channel, hotlineTicket: input.hotlineTicket?.trim() || null });
    });
  }

  move(user: AuthUser, input: MoveMatterInput): Promise<Matter> {
    return this.dataSource.transaction((manager) => moveMatterIn(manager, user, input));
  }

  /** Hands the matter up one level with a reason (三级联动); the next level picks it up from ESCALATED. */
  escalate(user: AuthUser, input: EscalateMatterInput): Promise<Matter> {
    const id = parseId(input.matterId, 'input.matterId');
    return this.dataSource.transaction(async (manager) => {
      const matter = await lockMatter(manager, user, id, 'input.matterId');
      if (!canTransition(matter.status, MatterStatus.ESCALATED)) {
        throw new BadUserInputError('input.matterId', 'ILLEGAL_TRANSITION', `a ${matter.status} matter cannot be escalated`);
      }
      const toLevel = nextLevel(matter.handlingLevel);
      if (!toLevel) throw new BadUserInputError('input.matterId', 'NO_HIGHER_LEVEL', 'the matter is already handled at street level, the highest');
      const reason = input.reason.trim();
      const now = new Date();
      await manager.update(Matter, { id }, { status: MatterStatus.ESCALATED, handlingLevel: toLevel, acknowledgedAt: matter.acknowledgedAt ?? now });
      await recordTransition(manager, id, actorOf(user), { fromStatus: matter.status, toStatus: MatterStatus.ESCALATED, fromLevel: matter.handlingLevel, toLevel, reason, at: now });
      await enqueueEvent(manager, {
        contract: deliberationMatterEscalatedV1,
        subject: id,
        scope: matter.scopePath,
        data: { matterId: id, compoundId: matter.compoundId, category: matter.category, fromLevel: matter.handlingLevel, toLevel: toLevel as 'COMMUNITY' | 'STREET', reason },
      });
      return manager.findOneOrFail(Matter, { where: { id } });
    });
  }

  async list(user: AuthUser, page: MatterPage & { compoundId?: string | null }): Promise<ConnectionShape<Matter>> {
    const after = decodeCursor(page.after);
    const scope = withinScopes(user, 'm.scope_path');
    const query = this.dataSource
      .getRepository(Matter)
      .createQueryBuilder('m')
      .where(scope.sql, scope.params)
      .orderBy('m.id', 'ASC')
      .limit(page.first + 1);
    if (page.compoundId) query.andWhere('m.compound_id = :compoundId', { compoundId: parseId(page.compoundId, 'compoundId') });
    if (page.status) query.andWhere('m.status = :status', { status: page.status });
    if (after) query.andWhere('m.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /** Matters past their acknowledgement or answer deadline and not yet ended, inside the caller's scopes. */
  async overdue(user: AuthUser, page: { first: number; after?: string | null; scope?: string | null }): Promise<ConnectionShape<Matter>> {
    const after = decodeCursor(page.after);
    const scope = withinScopes(user, 'm.scope_path');
    const query = this.dataSource
      .getRepository(Matter)
      .createQueryBuilder('m')
      .where(scope.sql, scope.params)
      .andWhere('m.status <> ALL(:finalStatuses)', { finalStatuses: FINAL_STATUSES })
      .andWhere(`((m.acknowledged_at IS NULL AND m.acknowledge_by < now()) OR (m.answered_at IS NULL AND m.answer_by < now()))`)
      .orderBy('m.id', 'ASC')
      .limit(page.first + 1);
    if (page.scope) query.andWhere('starts_with(m.scope_path, :narrow)', { narrow: assertScopePath(page.scope, 'scope') });
    if (after) query.andWhere('m.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /** The first page of matters of each of many compounds, in one query: `compounds { matters }`. */
  pageByCompounds(user: AuthUser, compoundIds: readonly string[], page: MatterPage): Promise<Map<string, ConnectionShape<Matter>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(Matter), {
      table: 'matter',
      keyColumn: 'compound_id',
      keyOf: (matter) => matter.compoundId,
      keys: compoundIds,
      conditions: page.status ? [scope.sql, 'x.status = :status'] : [scope.sql],
      params: { ...scope.params, status: page.status },
      first: page.first,
      after: page.after,
    });
  }

  /** The public timelines (晒事) of many matters in one query; the caller already sees the matters themselves. */
  timelines(user: AuthUser, matterIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<MatterTransition>>> {
    const scope = withinScopes(user, 'm.scope_path');
    return pagePerKey(this.dataSource.getRepository(MatterTransition), {
      table: 'matter_transition',
      keyColumn: 'matter_id',
      keyOf: (step) => step.matterId,
      keys: matterIds,
      conditions: [`EXISTS (SELECT 1 FROM matter m WHERE m.id = x.matter_id AND ${scope.sql})`],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }
}

