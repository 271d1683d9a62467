import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A person stopped working for a property-service company: they can no longer act for it anywhere. */
export const propertyStaffMemberEndedV1 = defineEvent(
  'property.staff-member.ended.v1',
  z.object({
    staffMemberId: z.uuid(),
    companyId: z.uuid(),
    subject: z.string().min(1),
    endedAt: z.string().min(1),
  }),
);
export type PropertyStaffMemberEndedV1 = z.infer<typeof propertyStaffMemberEndedV1.schema>;
