import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A resident matter (事项/诉求) was raised in a compound. */
export const deliberationMatterRaisedV1 = defineEvent(
  'deliberation.matter.raised.v1',
  z.object({
    matterId: z.uuid(),
    compoundId: z.uuid(),
    category: z.string().min(1),
    title: z.string().min(1),
  }),
);
export type DeliberationMatterRaisedV1 = z.infer<typeof deliberationMatterRaisedV1.schema>;
