import type { DataSource, EntityManager } from 'typeorm';
import type { DeliberationMatterClosedV1, DeliberationMatterEvaluatedV1, EventEnvelope } from '@gongzhi/contracts-events';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { findOrgNode } from '@gongzhi/org-mirror';
import { parseCalendarDate, todayInChina } from '../../shared/calendar-date';
import { AssignmentStatus, ServiceAssignment } from '../assignment/service-assignment.entity';
import { PropertyCompany } from '../company/property-company.entity';
import { Evidence, EvidenceKind, MatterOutcome } from './evidence.entity';
import type { RecordCommendationInput, RecordInspectionInput, RecordSatisfactionSurveyInput, RecordViolationInput } from './evidence.inputs';

interface Target {
  companyId: string;
  compoundId: string | null;
  scopePath: string;
}

type Facts = Partial<Pick<Evidence, 'scoreHundredths' | 'respondents' | 'checklist' | 'violationType' | 'severity' | 'proofReference' | 'commendationLevel' | 'title'>>;

export class EvidenceService {
  constructor(private readonly dataSource: DataSource) {}

  recordSurvey(user: AuthUser, input: RecordSatisfactionSurveyInput): Promise<Evidence> {
    if (!input.compoundId) throw new BadUserInputError('input.compoundId', 'COMPOUND_REQUIRED', 'a satisfaction survey is of one compound');
    return this.record(user, input, EvidenceKind.SATISFACTION_SURVEY, { scoreHundredths: input.satisfactionHundredths, respondents: input.respondents });
  }

  recordInspection(user: AuthUser, input: RecordInspectionInput): Promise<Evidence> {
    if (!input.compoundId) throw new BadUserInputError('input.compoundId', 'COMPOUND_REQUIRED', 'an inspection is of one compound');
    input.checklist.forEach((line, i) => {
      if (line.points > line.maxPoints) throw new BadUserInputError(`input.checklist.${i}.points`, 'POINTS_ABOVE_MAXIMUM', `must not exceed maxPoints (${line.maxPoints})`);
    });
    const max = input.checklist.reduce((sum, line) => sum + line.maxPoints, 0);
    const got = input.checklist.reduce((sum, line) => sum + line.points, 0);
    return this.record(user, input, EvidenceKind.INSPECTION, {
      // The inspection's score out of 100, rounded down to a hundredth.
      scoreHundredths: Math.floor((got * 10000) / max),
      checklist: input.checklist.map((line) => ({ item: line.item.trim(), maxPoints: line.maxPoints, points: line.points })),
    });
  }

  recordViolation(user: AuthUser, input: RecordViolationInput): Promise<Evidence> {
    return this.record(user, input, EvidenceKind.VIOLATION, {
      violationType: input.violationType,
      severity: input.severity,
      proofReference: input.proofReference.trim(),
      title: input.title?.trim() || null,
    });
  }

  recordCommendation(user: AuthUser, input: RecordCommendationInput): Promise<Evidence> {
    return this.record(user, input, EvidenceKind.COMMENDATION, { commendationLevel: input.level, title: input.title.trim() });
  }

  private async record(
    user: AuthUser,
    input: { compoundId?: string | null; companyId?: string | null; occurredOn: string },
    kind: EvidenceKind,
    facts: Facts,
  ): Promise<Evidence> {
    const occurredOn = parseCalendarDate(input.occurredOn, 'input.occurredOn');
    if (occurredOn > todayInChina()) throw new BadUserInputError('input.occurredOn', 'DATE_IN_FUTURE', 'must not be in the future');
    return this.dataSource.transaction(async (manager) => {
      const target = await this.target(manager, user, input);
      const evidence = manager.create(Evidence, { id: uuidv7(), kind, ...target, occurredOn, ...facts, recordedBy: user.sub });
      await manager.insert(Evidence, evidence);
      return manager.findOneByOrFail(Evidence, { id: evidence.id });
    });
  }

  private async target(manager: EntityManager, user: AuthUser, input: { compoundId?: string | null; companyId?: string | null }): Promise<Target> {
    const companyId = input.companyId ? parseId(input.companyId, 'input.companyId') : null;
    if (!input.compoundId) {
      if (!companyId) throw new BadUserInputError('input.companyId', 'TARGET_REQUIRED', 'give a compound, a company, or both');
      const company = await manager.findOneBy(PropertyCompany, { id: companyId });
      if (!company) throw new BadUserInputError('input.companyId', 'UNKNOWN_COMPANY', `no property company has the id ${companyId}`);
      requireScope(user, company.scopePath, `the district of company ${company.name}`);
      return { companyId, compoundId: null, scopePath: company.scopePath };
    }
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    const compound = await findOrgNode(manager, compoundId, 'COMPOUND');
    if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
    requireScope(user, compound.scopePath, 'this compound');
    const served = await manager.findOne(ServiceAssignment, {
      where: companyId ? { compoundId, companyId } : { compoundId, status: AssignmentStatus.ACTIVE },
      order: { id: 'DESC' },
    });
    if (!served) {
      throw companyId
        ? new BadUserInputError('input.companyId', 'NOT_SERVING_COMPOUND', 'the company has never served this compound')
        : new BadUserInputError('input.compoundId', 'NO_ACTIVE_ASSIGNMENT', 'no company serves this compound now; name the company');
    }
    return { companyId: served.companyId, compoundId, scopePath: compound.scopePath };
  }

  async list(user: AuthUser, filter: { first: number; after?: string | null; companyId?: string | null; compoundId?: string | null; kind?: EvidenceKind | null }): Promise<ConnectionShape<Evidence>> {
    const after = decodeCursor(filter.after);
    const scope = withinScopes(user, 'e.scope_path');
    const query = this.dataSource
      .getRepository(Evidence)
      .createQueryBuilder('e')
      .where(scope.sql, scope.params)
      .orderBy('e.id', 'ASC')
      .limit(filter.first + 1);
    if (filter.companyId) query.andWhere('e.company_id = :companyId', { companyId: parseId(filter.companyId, 'companyId') });
    if (filter.compoundId) query.andWhere('e.compound_id = :compoundId', { compoundId: parseId(filter.compoundId, 'compoundId') });
    if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
    if (after) query.andWhere('e.id > :after', { after });
    return toConnection(await query.getMany(), filter.first);
  }
}

/**
 * Deliberation's verdicts on property matters become evidence about the company that handled or caused them.
 * One row per matter and kind (a unique index), so a repeated or reordered event changes nothing.
 */
async function recordMatter(
  manager: EntityManager,
  envelope: EventEnvelope,
  matter: { matterId: string; compoundId: string; propertyCompanyId: string | null },
  kind: EvidenceKind,
  at: string,
  facts: Partial<Pick<Evidence, 'ratings' | 'meanRatingHundredths' | 'outcome'>>,
): Promise<void> {
  if (!matter.propertyCompanyId) return;
  const company = await manager.findOneBy(PropertyCompany, { id: matter.propertyCompanyId });
  if (!company) return;
  const compound = await findOrgNode(manager, matter.compoundId, 'COMPOUND');
  await manager
    .createQueryBuilder()
    .insert()
    .into(Evidence)
    .values({
      id: uuidv7(),
      kind,
      companyId: company.id,
      compoundId: matter.compoundId,
      scopePath: compound?.scopePath ?? envelope.scope,
      occurredOn: todayInChina(new Date(at)),
      matterId: matter.matterId,
      ...facts,
      recordedBy: envelope.source,
    })
    .orIgnore()
    .execute();
}

export function recordEvaluatedMatter(data: DeliberationMatterEvaluatedV1, envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  return recordMatter(manager, envelope, data, EvidenceKind.MATTER_EVALUATED, data.evaluatedAt, { ratings: data.ratings, meanRatingHundredths: data.meanRatingHundredths });
}

export function recordClosedMatter(data: DeliberationMatterClosedV1, envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  return recordMatter(manager, envelope, data, EvidenceKind.MATTER_CLOSED, data.closedAt, { outcome: data.outcome as MatterOutcome });
}
