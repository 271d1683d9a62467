import type { DataSource, EntityManager } from 'typeorm';
import { propertyAssignmentEndedV1, propertyAssignmentStartedV1 } from '@gongzhi/contracts-events';
import { hasRole, requireScope, rolesWith, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { findOrgNode } from '@gongzhi/org-mirror';
import { groupByKey, pagePerKey } from '@gongzhi/platform-service';
import { parseCalendarDate } from '../../shared/calendar-date';
import { violatesUnique } from '../../shared/database-errors';
import { PropertyCompany } from '../company/property-company.entity';
import { HandoverCategory, HandoverItem, HandoverParty, HandoverPhase } from './handover-item.entity';
import { AssignmentStatus, ServiceAssignment, type FeeModel } from './service-assignment.entity';
import type { ConfirmHandoverItemInput, EndServiceAssignmentInput, SetServiceAssignmentTermsInput, StartServiceAssignmentInput } from './service-assignment.inputs';

export interface AssignmentTerms {
  companyId: string;
  compoundId: string;
  scopePath: string;
  contractStart: string;
  contractEnd: string | null;
  feeModel: FeeModel | null;
  feeStandardFen: number | null;
  startedByVoteId: string | null;
}

export interface AssignmentPage {
  first: number;
  after?: string | null;
  status?: AssignmentStatus | null;
}

/** Who confirms a handover item for the community: those who administer the compound's assignments. */
const COMMUNITY_ROLES = rolesWith('assignment:administer');

/** The index that keeps one active assignment per compound (see the migration). */
export const ONE_ACTIVE_PER_COMPOUND = 'service_assignment_one_active_per_compound';

/** Starts an assignment and its entry checklist (one item per category) inside the caller's transaction. */
export async function startAssignment(manager: EntityManager, terms: AssignmentTerms): Promise<ServiceAssignment> {
  const assignment = manager.create(ServiceAssignment, { id: uuidv7(), ...terms, status: AssignmentStatus.ACTIVE, endedOn: null, endReason: null });
  await manager.insert(ServiceAssignment, assignment);
  await insertChecklist(manager, assignment.id, HandoverPhase.ENTRY);
  await enqueueEvent(manager, {
    contract: propertyAssignmentStartedV1,
    subject: assignment.id,
    scope: terms.scopePath,
    data: {
      assignmentId: assignment.id,
      companyId: terms.companyId,
      compoundId: terms.compoundId,
      contractStart: terms.contractStart,
      contractEnd: terms.contractEnd,
      feeModel: terms.feeModel,
      feeStandardFen: terms.feeStandardFen,
      voteId: terms.startedByVoteId,
    },
  });
  return assignment;
}

/** Ends an active assignment and opens its exit checklist inside the caller's transaction. */
export async function endAssignment(manager: EntityManager, assignment: ServiceAssignment, endedOn: string, reason: string): Promise<void> {
  await manager.update(ServiceAssignment, { id: assignment.id }, { status: AssignmentStatus.ENDED, endedOn, endReason: reason });
  await insertChecklist(manager, assignment.id, HandoverPhase.EXIT);
  await enqueueEvent(manager, {
    contract: propertyAssignmentEndedV1,
    subject: assignment.id,
    scope: assignment.scopePath,
    data: { assignmentId: assignment.id, companyId: assignment.companyId, compoundId: assignment.compoundId, endedOn, reason },
  });
}

async function insertChecklist(manager: EntityManager, assignmentId: string, phase: HandoverPhase): Promise<void> {
  await manager.insert(
    HandoverItem,
    Object.values(HandoverCategory).map((category) => ({ id: uuidv7(), assignmentId, phase, category, note: null })),
  );
}

export class ServiceAssignmentService {
  constructor(private readonly dataSource: DataSource) {}

  async start(user: AuthUser, input: StartServiceAssignmentInput): Promise<ServiceAssignment> {
    const companyId = parseId(input.companyId, 'input.companyId');
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    const contractStart = parseCalendarDate(input.contractStart, 'input.contractStart');
    const contractEnd = parseCalendarDate(input.contractEnd, 'input.contractEnd');
    if (contractEnd <= contractStart) throw new BadUserInputError('input.contractEnd', 'CONTRACT_END_BEFORE_START', 'must be after contractStart');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const compound = await findOrgNode(manager, compoundId, 'COMPOUND');
        if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
        requireScope(user, compound.scopePath, 'this compound');
        const company = await manager.findOne(PropertyCompany, { where: { id: companyId } });
        if (!company) throw new BadUserInputError('input.companyId', 'UNKNOWN_COMPANY', `no property company has the id ${companyId}`);
        if (!compound.scopePath.startsWith(company.scopePath)) {
          throw new BadUserInputError('input.companyId', 'COMPANY_OF_ANOTHER_DISTRICT', `the company is registered with district ${company.districtCode}, not the compound's`);
        }
        const started = await startAssignment(manager, {
          companyId,
          compoundId,
          scopePath: compound.scopePath,
          contractStart,
          contractEnd,
          feeModel: input.feeModel,
          feeStandardFen: input.feeStandardFen,
          startedByVoteId: null,
        });
        return manager.findOneByOrFail(ServiceAssignment, { id: started.id });
      });
    } catch (error) {
      if (violatesUnique(error, ONE_ACTIVE_PER_COMPOUND)) {
        throw new ConflictError('COMPOUND_ALREADY_SERVED', 'input.compoundId: the compound already has an active property-service assignment; end it first', 'input.compoundId');
      }
      throw error;
    }
  }

  /** Enters the contract terms of an assignment an owners' vote started; terms once set are not rewritten. */
  async setTerms(user: AuthUser, input: SetServiceAssignmentTermsInput): Promise<ServiceAssignment> {
    const id = parseId(input.assignmentId, 'input.assignmentId');
    const contractEnd = parseCalendarDate(input.contractEnd, 'input.contractEnd');
    return this.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOne(ServiceAssignment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!assignment) throw new NotFoundError('ASSIGNMENT_NOT_FOUND', `input.assignmentId: no assignment has the id ${id}`, 'input.assignmentId');
      requireScope(user, assignment.scopePath, 'this assignment');
      if (assignment.feeModel !== null) throw new ConflictError('TERMS_ALREADY_SET', 'input.assignmentId: the assignment already has its contract terms', 'input.assignmentId');
      if (contractEnd <= assignment.contractStart) throw new BadUserInputError('input.contractEnd', 'CONTRACT_END_BEFORE_START', `must be after the contract start ${assignment.contractStart}`);
      await manager.update(ServiceAssignment, { id }, { contractEnd, feeModel: input.feeModel, feeStandardFen: input.feeStandardFen });
      return manager.findOneByOrFail(ServiceAssignment, { id });
    });
  }

  async end(user: AuthUser, input: EndServiceAssignmentInput): Promise<ServiceAssignment> {
    const id = parseId(input.assignmentId, 'input.assignmentId');
    const endedOn = parseCalendarDate(input.endedOn, 'input.endedOn');
    return this.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOne(ServiceAssignment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!assignment) throw new NotFoundError('ASSIGNMENT_NOT_FOUND', `input.assignmentId: no assignment has the id ${id}`, 'input.assignmentId');
      requireScope(user, assignment.scopePath, 'this assignment');
      if (assignment.status !== AssignmentStatus.ACTIVE) throw new ConflictError('ASSIGNMENT_ENDED', 'input.assignmentId: the assignment has already ended', 'input.assignmentId');
      if (endedOn < assignment.contractStart) throw new BadUserInputError('input.endedOn', 'ENDED_BEFORE_START', `must not be before the contract start ${assignment.contractStart}`);
      await endAssignment(manager, assignment, endedOn, input.reason.trim());
      return manager.findOneByOrFail(ServiceAssignment, { id });
    });
  }

  /** Records one party's confirmation of a handover item (the owners' committee or the community). */
  async confirmHandoverItem(user: AuthUser, input: ConfirmHandoverItemInput, now = new Date()): Promise<HandoverItem> {
    const id = parseId(input.itemId, 'input.itemId');
    const committee = input.party === HandoverParty.OWNERS_COMMITTEE;
    if (committee ? !hasRole(user, 'committee_member') : !hasRole(user, ...COMMUNITY_ROLES)) {
      throw new ForbiddenError('ROLE_REQUIRED', committee ? 'Only an owners’ committee member confirms for the committee' : 'Only community, street or district staff confirm for the community');
    }
    return this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(HandoverItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundError('HANDOVER_ITEM_NOT_FOUND', `input.itemId: no handover item has the id ${id}`, 'input.itemId');
      const assignment = await manager.findOneByOrFail(ServiceAssignment, { id: item.assignmentId });
      requireScope(user, assignment.scopePath, 'this assignment');
      if ((committee ? item.committeeConfirmedAt : item.communityConfirmedAt) !== null) {
        throw new ConflictError('ALREADY_CONFIRMED', `input.party: the ${committee ? 'owners’ committee' : 'community'} has already confirmed this item`, 'input.party');
      }
      await manager.update(
        HandoverItem,
        { id },
        {
          ...(committee ? { committeeConfirmedBy: user.sub, committeeConfirmedAt: now } : { communityConfirmedBy: user.sub, communityConfirmedAt: now }),
          ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        },
      );
      return manager.findOneByOrFail(HandoverItem, { id });
    });
  }

  async list(user: AuthUser, filter: AssignmentPage & { companyId?: string | null; compoundId?: string | null }): Promise<ConnectionShape<ServiceAssignment>> {
    const after = decodeCursor(filter.after);
    const scope = withinScopes(user, 'a.scope_path');
    const query = this.dataSource
      .getRepository(ServiceAssignment)
      .createQueryBuilder('a')
      .where(scope.sql, scope.params)
      .orderBy('a.id', 'ASC')
      .limit(filter.first + 1);
    if (filter.companyId) query.andWhere('a.company_id = :companyId', { companyId: parseId(filter.companyId, 'companyId') });
    if (filter.compoundId) query.andWhere('a.compound_id = :compoundId', { compoundId: parseId(filter.compoundId, 'compoundId') });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (after) query.andWhere('a.id > :after', { after });
    return toConnection(await query.getMany(), filter.first);
  }

  /** The first page of assignments of each of many compounds, in one statement. */
  pageByCompounds(user: AuthUser, compoundIds: readonly string[], page: AssignmentPage): Promise<Map<string, ConnectionShape<ServiceAssignment>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(ServiceAssignment), {
      table: 'service_assignment',
      keyColumn: 'compound_id',
      keyOf: (a) => a.compoundId,
      keys: compoundIds,
      conditions: page.status ? [scope.sql, 'x.status = :status'] : [scope.sql],
      params: { ...scope.params, status: page.status },
      first: page.first,
      after: page.after,
    });
  }

  /** The handover checklists of many assignments in one query (a checklist has at most eight items). */
  async handoverItems(assignmentIds: readonly string[]): Promise<HandoverItem[][]> {
    const rows = await this.dataSource
      .getRepository(HandoverItem)
      .createQueryBuilder('h')
      .where('h.assignment_id = ANY(:ids)', { ids: [...assignmentIds] })
      .orderBy('h.phase', 'ASC')
      .addOrderBy('h.category', 'ASC')
      .getMany();
    return groupByKey(assignmentIds, rows, (item) => item.assignmentId);
  }
}
