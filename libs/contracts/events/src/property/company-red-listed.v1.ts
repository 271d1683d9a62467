import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A published credit list put the company on the red list (红榜). */
export const propertyCompanyRedListedV1 = defineEvent(
  'property.company.red-listed.v1',
  z.object({
    companyId: z.uuid(),
    name: z.string().min(1),
    creditCode: z.string().length(18),
    districtCode: z.string().regex(/^\d{6}$/),
    listId: z.uuid(),
    periodLabel: z.string().min(1),
    grade: z.string().min(1),
    /** Hundredths of a point: 8733 is 87.33. */
    scoreHundredths: z.number().int().min(0).max(10000),
    reasons: z.array(z.string()),
  }),
);
export type PropertyCompanyRedListedV1 = z.infer<typeof propertyCompanyRedListedV1.schema>;
