import type { AuthUser, Role } from '@gongzhi/platform-auth';
import { BadUserInputError } from '@gongzhi/platform-graphql';

/**
 * Minimum necessary access (PIPL): who may read full identifiers and sensitive tags, each time stating a
 * purpose that the access log records. Everyone else reads identifiers masked and no sensitive tags at all.
 */
export const FULL_IDENTIFIER_ROLES: Role[] = ['district_admin'];

/** Community correction (社区矫正) and health records are handled by community and street staff only. */
export const SENSITIVE_TAG_ROLES: Role[] = ['community_staff', 'street_admin', 'district_admin'];

/** Staff who maintain dwellings, owners and residents within their scopes. */
export const REGISTRY_WRITERS: Role[] = ['platform_admin', 'district_admin', 'street_admin', 'community_staff'];

/**
 * Residents sign in with the token subject `resident:<residentId>` (the identity provider's convention for
 * resident accounts). The data subject may always read their own identifiers in full (PIPL art. 45).
 */
export const RESIDENT_SUBJECT_PREFIX = 'resident:';

export function isTheResident(user: AuthUser, residentId: string): boolean {
  return user.sub === `${RESIDENT_SUBJECT_PREFIX}${residentId}`;
}

/** The purpose recorded when residents read their own information. */
export const SELF_PURPOSE = 'SELF';

export const PURPOSE_LENGTH = { min: 2, max: 200 } as const;

/**
 * The stated reason for reading a full value (why it is necessary: 处理目的), trimmed. Absent means the caller
 * wants no full value; present, it must say something.
 */
export function statedPurpose(purpose: string | null | undefined): string | null {
  if (purpose === null || purpose === undefined) return null;
  const trimmed = purpose.trim();
  if (trimmed.length < PURPOSE_LENGTH.min || trimmed.length > PURPOSE_LENGTH.max) {
    throw new BadUserInputError('purpose', 'PURPOSE_LENGTH', `must be ${PURPOSE_LENGTH.min} to ${PURPOSE_LENGTH.max} characters`);
  }
  // SELF in the log must mean the data subject read their own data, never a staff member's wording.
  if (trimmed.toUpperCase() === SELF_PURPOSE) throw new BadUserInputError('purpose', 'PURPOSE_RESERVED', `${SELF_PURPOSE} is recorded only for residents reading their own data`);
  return trimmed;
}
