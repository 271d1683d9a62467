import type { DataSource } from 'typeorm';
import { canOnlyAs, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { ConflictError, NotFoundError, parseId, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { pagePerKey } from '@gongzhi/platform-service';
import { AssignmentStatus, ServiceAssignment } from '../assignment/service-assignment.entity';
import { requireStaffOf } from '../staff/property-staff-member.service';
import { ServiceDisclosure } from './service-disclosure.entity';
import type { PublishServiceDisclosureInput } from './service-disclosure.inputs';

export class ServiceDisclosureService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Publishes a new disclosure; earlier ones stay as the record of what was promised when. Officials publish for
   * the compounds in their scopes; property staff only for an assignment of the company they work for.
   */
  async publish(user: AuthUser, input: PublishServiceDisclosureInput): Promise<ServiceDisclosure> {
    const assignmentId = parseId(input.assignmentId, 'input.assignmentId');
    return this.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOneBy(ServiceAssignment, { id: assignmentId });
      if (!assignment) throw new NotFoundError('ASSIGNMENT_NOT_FOUND', `input.assignmentId: no assignment has the id ${assignmentId}`, 'input.assignmentId');
      requireScope(user, assignment.scopePath, 'this compound');
      if (canOnlyAs(user, 'service-disclosure:publish', 'property_staff')) await requireStaffOf(manager, user, assignment.companyId);
      if (assignment.status !== AssignmentStatus.ACTIVE) throw new ConflictError('ASSIGNMENT_ENDED', 'input.assignmentId: the assignment has ended', 'input.assignmentId');
      const disclosure = manager.create(ServiceDisclosure, {
        id: uuidv7(),
        assignmentId,
        companyId: assignment.companyId,
        compoundId: assignment.compoundId,
        scopePath: assignment.scopePath,
        serviceStandards: input.serviceStandards.trim(),
        fees: input.fees.map((fee) => ({ item: fee.item.trim(), amountFen: fee.amountFen, unit: fee.unit })),
        publishedBy: user.sub,
      });
      await manager.insert(ServiceDisclosure, disclosure);
      return manager.findOneByOrFail(ServiceDisclosure, { id: disclosure.id });
    });
  }

  /** The disclosures of each of many compounds, newest page by creation order, in one statement. */
  pageByCompounds(user: AuthUser, compoundIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<ServiceDisclosure>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(ServiceDisclosure), {
      table: 'service_disclosure',
      keyColumn: 'compound_id',
      keyOf: (d) => d.compoundId,
      keys: compoundIds,
      conditions: [scope.sql],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }
}
