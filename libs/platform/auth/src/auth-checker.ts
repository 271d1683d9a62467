import type { AuthChecker } from 'type-graphql';
import { DomainError, ForbiddenError, UnauthenticatedError } from '@gongzhi/platform-graphql';
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
 * `@Authorized()` needs a verified caller; `@Authorized('district_admin', ...)` needs one of those roles.
 * Scope is checked by the services in SQL, not here.
 */
export const authChecker: AuthChecker<AuthContext> = ({ context }, roles) => {
  const user = requireUser(context);
  if (roles.length === 0 || roles.some((role) => (user.roles as string[]).includes(role))) return true;
  throw new ForbiddenError('ROLE_REQUIRED', `This operation needs one of the roles: ${roles.join(', ')}`);
};

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
