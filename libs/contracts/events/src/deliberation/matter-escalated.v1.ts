import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A matter moved up one handling level (compound → community → street) with a reason. */
export const deliberationMatterEscalatedV1 = defineEvent(
  'deliberation.matter.escalated.v1',
  z.object({
    matterId: z.uuid(),
    compoundId: z.uuid(),
    category: z.string().min(1),
    fromLevel: z.enum(['COMPOUND', 'COMMUNITY', 'STREET']),
    toLevel: z.enum(['COMMUNITY', 'STREET']),
    reason: z.string().min(1),
  }),
);
export type DeliberationMatterEscalatedV1 = z.infer<typeof deliberationMatterEscalatedV1.schema>;
