import { z } from 'zod';
import { defineEvent } from '../envelope';

/**
 * The district registered a person (by the `sub` of their token) as working for a property-service company:
 * as `property_staff` they act for that company alone, in property and in fund.
 */
export const propertyStaffMemberRegisteredV1 = defineEvent(
  'property.staff-member.registered.v1',
  z.object({
    staffMemberId: z.uuid(),
    companyId: z.uuid(),
    subject: z.string().min(1),
    registeredAt: z.string().min(1),
  }),
);
export type PropertyStaffMemberRegisteredV1 = z.infer<typeof propertyStaffMemberRegisteredV1.schema>;
