import type { MiddlewareFn } from 'type-graphql';
import { can, requireUser, rolesWith, type AuthContext } from '@gongzhi/platform-auth';
import { ForbiddenError } from '@gongzhi/platform-graphql';
import { personKeyFromHash } from './personal-data';
import { isDataSubject } from './pii-policy';

/**
 * Field-level authorization of a resident's personal fields (household registration, care tags, numbers,
 * residencies). A resident reached as a body member or a building leader shows everyone its name and post; the
 * rest needs `registry:read`, unless it is the caller's own record. Refused with FORBIDDEN and `ROLE_REQUIRED`.
 */
export const residentPersonalField: MiddlewareFn<AuthContext> = ({ root, context, info }, next) => {
  const user = requireUser(context);
  const resident = root as { idNumberHash: string };
  if (can(user, 'registry:read') || isDataSubject(user, personKeyFromHash(resident.idNumberHash))) return next();
  throw new ForbiddenError('ROLE_REQUIRED', `Resident.${info.fieldName} needs registry:read (roles ${rolesWith('registry:read').join(', ')}), or is your own record`);
};
