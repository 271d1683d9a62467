import { BadUserInputError, ForbiddenError } from '@gongzhi/platform-graphql';
import type { AuthUser } from './user';

/**
 * Scope paths name a node of the tree by the codes from the district down, slash-terminated:
 * `/510112/` (a district), `/510112/510112001/510112001002/` (a community), `.../510112001002003/` (a compound).
 * The root `/` covers the whole deployment. A scope covers a path when the path starts with it.
 */
export const SCOPE_PATH = /^\/(?:[0-9A-Za-z-]+\/)*$/;

export function assertScopePath(value: string, field: string): string {
  if (!SCOPE_PATH.test(value)) {
    throw new BadUserInputError(field, 'MALFORMED_SCOPE', `"${value.slice(0, 64)}" is not a scope path like /510112/510112001/`);
  }
  return value;
}

export function covers(scope: string, path: string): boolean {
  return path.startsWith(scope);
}

/** True when one of the caller's scopes covers the path. */
export function canActIn(user: AuthUser, path: string): boolean {
  return user.scopes.some((scope) => covers(scope, path));
}

export function requireScope(user: AuthUser, path: string, what: string): void {
  if (!canActIn(user, path)) {
    throw new ForbiddenError('OUT_OF_SCOPE', `Your scopes do not cover ${what}`);
  }
}

function likePrefix(scope: string): string {
  return `${scope.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The SQL condition "the row's scope path lies inside one of the caller's scopes", for a TypeORM query
 * builder. It is index-friendly (a `LIKE 'prefix%'` per scope on a text_pattern_ops index). A caller with no
 * scopes matches nothing.
 */
export function withinScopes(user: AuthUser, column: string, param = 'callerScopes'): SqlCondition {
  return { sql: `${column} LIKE ANY(:${param})`, params: { [param]: user.scopes.map(likePrefix) } };
}

/**
 * The SQL condition "the row's node is inside one of the caller's scopes, or is an ancestor of one", for
 * records that belong to a higher node but concern everyone below it (a district's property companies).
 */
export function withinOrAboveScopes(user: AuthUser, column: string, param = 'callerScopes'): SqlCondition {
  return {
    sql: `(${column} LIKE ANY(:${param}Like) OR EXISTS (SELECT 1 FROM unnest(CAST(:${param}Raw AS text[])) AS caller_scope(path) WHERE starts_with(caller_scope.path, ${column})))`,
    params: { [`${param}Like`]: user.scopes.map(likePrefix), [`${param}Raw`]: [...user.scopes] },
  };
}
