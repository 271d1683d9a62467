import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A property-service company (物业服务企业) was registered with a district. */
export const propertyCompanyRegisteredV1 = defineEvent(
  'property.company.registered.v1',
  z.object({
    companyId: z.uuid(),
    name: z.string().min(1),
    creditCode: z.string().length(18),
    districtCode: z.string().regex(/^\d{6}$/),
  }),
);
export type PropertyCompanyRegisteredV1 = z.infer<typeof propertyCompanyRegisteredV1.schema>;
