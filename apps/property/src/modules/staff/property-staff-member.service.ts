import type { DataSource, EntityManager } from 'typeorm';
import { propertyStaffMemberEndedV1, propertyStaffMemberRegisteredV1 } from '@gongzhi/contracts-events';
import { requireScope, withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { ConflictError, ForbiddenError, NotFoundError, parseId, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { pagePerKey } from '@gongzhi/platform-service';
import { violatesUnique } from '../../shared/database-errors';
import { PropertyCompany } from '../company/property-company.entity';
import { PropertyStaffMember } from './property-staff-member.entity';
import type { RegisterPropertyStaffMemberInput } from './property-staff-member.inputs';

/**
 * FORBIDDEN unless the district registered the caller (by their token's `sub`) as working for the company now.
 * Scopes say where someone may act; only this says for which company, since one district holds many.
 */
export async function requireStaffOf(manager: EntityManager, user: AuthUser, companyId: string): Promise<void> {
  const rows = (await manager.query(`SELECT 1 FROM property_staff_member WHERE subject = $1 AND company_id = $2 AND ended_at IS NULL`, [user.sub, companyId])) as unknown[];
  if (rows.length === 0) throw new ForbiddenError('NOT_COMPANY_STAFF', 'You are not registered as staff of this company');
}

export class PropertyStaffMemberService {
  constructor(private readonly dataSource: DataSource) {}

  async register(user: AuthUser, input: RegisterPropertyStaffMemberInput): Promise<PropertyStaffMember> {
    const companyId = parseId(input.companyId, 'input.companyId');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const company = await manager.findOneBy(PropertyCompany, { id: companyId });
        if (!company) throw new NotFoundError('COMPANY_NOT_FOUND', `input.companyId: no company has the id ${companyId}`, 'input.companyId');
        requireScope(user, company.scopePath, `district ${company.districtCode}`);
        const member = manager.create(PropertyStaffMember, {
          id: uuidv7(),
          companyId,
          subject: input.subject,
          scopePath: company.scopePath,
          registeredBy: user.sub,
          endedBy: null,
          endedAt: null,
        });
        await manager.insert(PropertyStaffMember, member);
        const registered = await manager.findOneByOrFail(PropertyStaffMember, { id: member.id });
        // fund checks property staff against the company serving a compound from its copy of this register.
        await enqueueEvent(manager, {
          contract: propertyStaffMemberRegisteredV1,
          subject: registered.id,
          scope: registered.scopePath,
          data: { staffMemberId: registered.id, companyId, subject: registered.subject, registeredAt: registered.registeredAt.toISOString() },
        });
        return registered;
      });
    } catch (error) {
      if (violatesUnique(error, 'property_staff_member_one_company_per_subject')) {
        throw new ConflictError('ALREADY_STAFF', `input.subject: ${input.subject} already works for a company; end that first`, 'input.subject');
      }
      throw error;
    }
  }

  /** Ends a person's tie to their company; the record stays, so past appeals and disclosures remain attributable. */
  async end(user: AuthUser, id: string, now = new Date()): Promise<PropertyStaffMember> {
    const memberId = parseId(id, 'id');
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(PropertyStaffMember, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw new NotFoundError('STAFF_MEMBER_NOT_FOUND', `id: no staff member has the id ${memberId}`, 'id');
      requireScope(user, member.scopePath, 'the company’s district');
      if (member.endedAt) throw new ConflictError('ALREADY_ENDED', 'id: the person no longer works for the company', 'id');
      await manager.update(PropertyStaffMember, { id: memberId }, { endedBy: user.sub, endedAt: now });
      await enqueueEvent(manager, {
        contract: propertyStaffMemberEndedV1,
        subject: member.id,
        scope: member.scopePath,
        data: { staffMemberId: member.id, companyId: member.companyId, subject: member.subject, endedAt: now.toISOString() },
      });
      return manager.findOneByOrFail(PropertyStaffMember, { id: memberId });
    });
  }

  /** The staff of each of many companies, in registration order, in one statement. */
  pageByCompanies(user: AuthUser, companyIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<PropertyStaffMember>>> {
    const scope = withinOrAboveScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(PropertyStaffMember), {
      table: 'property_staff_member',
      keyColumn: 'company_id',
      keyOf: (m) => m.companyId,
      keys: companyIds,
      conditions: [scope.sql],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }
}
