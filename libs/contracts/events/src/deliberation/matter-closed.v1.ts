import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A matter was closed; `propertyCompanyId` is set when a property-service company handled or caused it. */
export const deliberationMatterClosedV1 = defineEvent(
  'deliberation.matter.closed.v1',
  z.object({
    matterId: z.uuid(),
    compoundId: z.uuid(),
    category: z.string().min(1),
    propertyCompanyId: z.uuid().nullable(),
    /** RESOLVED, or how else it ended (REJECTED, MERGED). */
    outcome: z.enum(['RESOLVED', 'REJECTED', 'MERGED']),
    closedAt: z.iso.datetime(),
  }),
);
export type DeliberationMatterClosedV1 = z.infer<typeof deliberationMatterClosedV1.schema>;
