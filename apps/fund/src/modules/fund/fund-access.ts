import type { EntityManager } from 'typeorm';
import { withinOrAboveScopes, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { ForbiddenError, NotFoundError, parseId } from '@gongzhi/platform-graphql';
import { Fund } from './fund.entity';

/**
 * `read`: the fund's node is inside the caller's scopes or above one of them — a compound's residents read
 * their community's micro-fund and their own compound's trust account (any owner may inspect it).
 * `write`: the fund's node is inside the caller's scopes.
 */
export type FundAccess = 'read' | 'write';

/**
 * Loads one fund the caller may read or act on; the scope test runs in SQL. An id that exists nowhere is
 * NOT_FOUND, one outside the caller's scopes FORBIDDEN.
 */
export async function fundInScope(manager: EntityManager, user: AuthUser, rawId: string, field: string, access: FundAccess): Promise<Fund> {
  const id = parseId(rawId, field);
  const scope = access === 'read' ? withinOrAboveScopes(user, 'f.owner_scope_path') : withinScopes(user, 'f.owner_scope_path');
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
  return fund;
}
