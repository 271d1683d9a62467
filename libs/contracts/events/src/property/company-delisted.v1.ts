import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A published credit list no longer has the company on the list (`fromList`) the district's previous list had it on. */
export const propertyCompanyDelistedV1 = defineEvent(
  'property.company.delisted.v1',
  z.object({
    companyId: z.uuid(),
    districtCode: z.string().regex(/^\d{6}$/),
    listId: z.uuid(),
    periodLabel: z.string().min(1),
    fromList: z.enum(['RED', 'BLACK']),
    /** The list it is on now, if any. */
    toList: z.enum(['RED', 'BLACK']).nullable(),
  }),
);
export type PropertyCompanyDelistedV1 = z.infer<typeof propertyCompanyDelistedV1.schema>;
