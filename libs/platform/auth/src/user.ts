import type { Role } from './roles';

/** The verified caller: who (`sub`), as what (`roles`) and where (`scopes`, scope paths of the tree). */
export interface AuthUser {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly scopes: readonly string[];
  /** Set for machine clients (city platforms). */
  readonly clientId?: string;
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}
