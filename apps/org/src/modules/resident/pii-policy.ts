import { can, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError } from '@gongzhi/platform-graphql';

/**
 * Minimum necessary access (PIPL): who may read which personal information is the role policy's
 * (`libs/platform/auth/src/policy.ts`): `registry:read` for residents' records with masked numbers,
 * `personal:read-full` for full numbers and `sensitive:read` for sensitive tags, each time stating a purpose that
 * the access log records.
 *
 * The data subject is recognised by the person key (`p:<hmac>`, see `personKeyFromHash`): the token subject a
 * resident signs in with, the owner identity key of ownership events and online ballots. One resident token thus
 * casts an owner's online ballot and reads its holder's own data in full (PIPL art. 45).
 */
export function isDataSubject(user: AuthUser, personKey: string | null | undefined): boolean {
  return !!personKey && user.sub === personKey && can(user, 'personal:read-own');
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
