/** Every role a token can carry. What each may read and write is the role policy's (`policy.ts`). */
export const ROLES = [
  'platform_admin',
  'district_admin',
  'street_admin',
  'community_staff',
  'grid_worker',
  'party_secretary',
  'committee_member',
  'property_staff',
  'resident',
  'auditor',
  'city_platform',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
