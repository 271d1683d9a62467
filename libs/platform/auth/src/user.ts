import type { Role } from './roles';

/** The verified caller: who (`sub`), as what (`roles`) and where (`scopes`, scope paths of the tree). */
export interface AuthUser {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly scopes: readonly string[];
  /** Set for machine clients (city platforms). */
  readonly clientId?: string;
  /** The machine client's key the token was issued with (org's token endpoint sets it), so it can be revoked. */
  readonly keyId?: string;
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}
