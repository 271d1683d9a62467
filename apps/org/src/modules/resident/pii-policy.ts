import { hasRole, type AuthUser, type Role } from '@gongzhi/platform-auth';

/**
 * Minimum necessary access (PIPL): who may read full identifiers and sensitive tags. Everyone else reads
 * identifiers masked and no sensitive tags at all.
 */
export const FULL_IDENTIFIER_ROLES: Role[] = ['district_admin'];

/** Community correction (社区矫正) and health records are handled by community and street staff only. */
export const SENSITIVE_TAG_ROLES: Role[] = ['community_staff', 'street_admin', 'district_admin'];

export function mayReadFullIdentifiers(user: AuthUser): boolean {
  return hasRole(user, ...FULL_IDENTIFIER_ROLES);
}

/** Staff who maintain dwellings, owners and residents within their scopes. */
export const REGISTRY_WRITERS: Role[] = ['platform_admin', 'district_admin', 'street_admin', 'community_staff'];
