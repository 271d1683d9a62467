import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

const bodyMemberSchema = z.object({
  bodyId: z.uuid(),
  bodyKind: z.enum([
    'OWNERS_COMMITTEE',
    'PROPERTY_MANAGEMENT_COMMITTEE',
    'SELF_MANAGEMENT_GROUP',
    'PROMOTION_ASSOCIATION',
    'NEIGHBOURHOOD_ASSOCIATION',
    'VOLUNTEER_TEAM',
    'MEDIATION_TEAM',
  ]),
  memberId: z.uuid(),
  residentId: z.uuid(),
  post: z.string().min(1),
  isPartyMember: z.boolean(),
  compoundId: z.uuid().nullable(),
  scopePath: scopePathSchema,
});

/** A resident was appointed to a post in a self-governance body (owners' committee, …). */
export const orgBodyMemberAppointedV1 = defineEvent('org.body-member.appointed.v1', bodyMemberSchema);
/** A resident left a post in a self-governance body. */
export const orgBodyMemberRemovedV1 = defineEvent('org.body-member.removed.v1', bodyMemberSchema);
export type OrgBodyMemberV1 = z.infer<typeof bodyMemberSchema>;
