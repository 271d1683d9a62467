import type { EntityManager } from 'typeorm';
import { can, canOnlyAs, rolesWith, withinOrAboveScopes, withinScopes, type AuthUser, type Capability } from '@gongzhi/platform-auth';
import { ForbiddenError, NotFoundError, parseId } from '@gongzhi/platform-graphql';
import { requireServingStaff } from '../property-staff/serving-staff';
import { Fund, FundKind } from './fund.entity';

/**
 * `read`: the fund's node is inside the caller's scopes or above one of them — a compound's residents read
 * their community's micro-fund and their own compound's trust account.
 * `books`: as `read`, for the fund's books (journal, statements, expenditures): `fund:read-books`, or
 * `fund:inspect-trust-account` on a trust-based property account (any owner may inspect it; property staff
 * when their company serves the compound).
 * `write`: the fund's node is inside the caller's scopes.
 */
export type FundAccess = 'read' | 'books' | 'write';

/**
 * Loads one fund the caller may read or act on; the scope test runs in SQL. An id that exists nowhere is
 * NOT_FOUND, one outside the caller's scopes FORBIDDEN.
 */
export async function fundInScope(manager: EntityManager, user: AuthUser, rawId: string, field: string, access: FundAccess): Promise<Fund> {
  const id = parseId(rawId, field);
  const scope = access === 'write' ? withinScopes(user, 'f.owner_scope_path') : withinOrAboveScopes(user, 'f.owner_scope_path');
  const { entities, raw } = await manager
    .getRepository(Fund)
    .createQueryBuilder('f')
    .addSelect(`CASE WHEN ${scope.sql} THEN true ELSE false END`, 'in_scope')
    .where('f.id = :id', { id })
    .setParameters(scope.params)
    .getRawAndEntities<{ in_scope: boolean }>();
  const fund = entities[0];
  if (!fund) throw new NotFoundError('FUND_NOT_FOUND', `${field}: no fund has the id ${id}`, field);
  if (!raw[0]?.in_scope) throw new ForbiddenError('OUT_OF_SCOPE', 'Your scopes do not cover this fund');
  if (access === 'books') await requireBooksReader(manager, user, fund);
  return fund;
}

async function requireBooksReader(manager: EntityManager, user: AuthUser, fund: Fund): Promise<void> {
  if (can(user, 'fund:read-books')) return;
  if (fund.kind === FundKind.TRUST_PROPERTY_ACCOUNT && can(user, 'fund:inspect-trust-account')) {
    if (canOnlyAs(user, 'fund:inspect-trust-account', 'property_staff')) await requireServingStaff(manager, user, fund.compoundId);
    return;
  }
  throw new ForbiddenError(
    'ROLE_REQUIRED',
    `This fund's books need fund:read-books (roles ${rolesWith('fund:read-books').join(', ')}); ${rolesWith('fund:inspect-trust-account').join(' and ')} read the books of trust-based property accounts only`,
  );
}

/**
 * Property staff act on a fund only as staff of the company serving its compound: a trust-based property
 * account, never a community's funds. Everyone else holding the capability acts by scope alone.
 */
export async function requireActingForFund(manager: EntityManager, user: AuthUser, fund: Fund, capability: Capability): Promise<void> {
  if (!canOnlyAs(user, capability, 'property_staff')) return;
  if (fund.kind !== FundKind.TRUST_PROPERTY_ACCOUNT) {
    throw new ForbiddenError('NOT_COMPANY_STAFF', 'Property staff act only on the trust-based property accounts of compounds their company serves');
  }
  await requireServingStaff(manager, user, fund.compoundId);
}
