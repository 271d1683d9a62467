import type { EntityManager } from 'typeorm';
import type { AuthUser } from '@gongzhi/platform-auth';
import { ForbiddenError } from '@gongzhi/platform-graphql';

/**
 * FORBIDDEN (`NOT_COMPANY_STAFF`) unless property registered the caller (by their token's `sub`) as staff of the
 * company that serves the compound now: scopes say where property staff may act, only this says for which
 * compound's owners. Read from fund's copy of property's register (`property-staff.consumer.ts`).
 */
export async function requireServingStaff(manager: EntityManager, user: AuthUser, compoundId: string | null): Promise<void> {
  const rows = compoundId
    ? ((await manager.query(
        `SELECT 1 FROM fund_property_staff s JOIN fund_compound_service a ON a.company_id = s.company_id
          WHERE s.subject = $1 AND s.ended_at IS NULL AND a.compound_id = $2 AND a.ended_on IS NULL LIMIT 1`,
        [user.sub, compoundId],
      )) as unknown[])
    : [];
  if (rows.length === 0) throw new ForbiddenError('NOT_COMPANY_STAFF', 'You are not registered as staff of the company serving this compound');
}
