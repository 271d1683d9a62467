import { Authorized, type AuthCheckerFn } from 'type-graphql';
import { DomainError, ForbiddenError, UnauthenticatedError } from '@gongzhi/platform-graphql';
import { can, capabilityRefusal, isCapability, type Capability } from './policy';
import { isRole } from './roles';
import type { AuthUser } from './user';

/** What every request context carries about its caller. */
export interface AuthContext {
  user: AuthUser | null;
  /** Why a presented token was refused; absent when no token was sent. */
  authError?: DomainError;
}

export function requireUser(context: AuthContext): AuthUser {
  if (context.user) return context.user;
  throw context.authError ?? new UnauthenticatedError();
}

/**
 * `@Authorized()` needs a verified caller. `@Requires('fund:bookkeep')` (an `@Authorized` with capabilities of
 * the role policy) needs a caller one of whose roles holds one of the capabilities; a role name instead of a
 * capability still means that role. Scope is checked by the services in SQL, not here.
 */
export const authChecker: AuthCheckerFn<AuthContext> = ({ context }, required) => {
  const user = requireUser(context);
  if (required.length === 0) return true;
  const granted = required.some((entry) => (isCapability(entry) ? can(user, entry) : isRole(entry) && user.roles.includes(entry)));
  if (granted) return true;
  const capabilities = required.filter(isCapability);
  if (capabilities.length === required.length) throw capabilityRefusal(capabilities);
  throw new ForbiddenError('ROLE_REQUIRED', `This operation needs one of the roles: ${required.join(', ')}`);
};

/**
 * Guards a query, mutation or field with capabilities of the role policy (`POLICY`): the caller needs one of
 * them, or is refused with FORBIDDEN and `ROLE_REQUIRED`.
 */
export function Requires(...capabilities: [Capability, ...Capability[]]): ReturnType<typeof Authorized> {
  return Authorized<Capability>(...capabilities);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** Builds the auth part of a request context; a bad token is remembered, not thrown, so errors stay GraphQL-shaped. */
export async function authenticate(
  verifier: { verify(token: string): Promise<AuthUser> },
  authorization: string | undefined,
): Promise<AuthContext> {
  if (authorization === undefined || authorization === '') return { user: null };
  const token = bearerToken(authorization);
  if (!token) return { user: null, authError: new UnauthenticatedError('MALFORMED_AUTHORIZATION', 'The Authorization header must be "Bearer <token>"') };
  try {
    return { user: await verifier.verify(token) };
  } catch (error) {
    if (error instanceof DomainError) return { user: null, authError: error };
    throw error;
  }
}
