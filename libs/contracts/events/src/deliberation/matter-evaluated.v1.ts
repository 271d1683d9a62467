import { z } from 'zod';
import { defineEvent } from '../envelope';

/**
 * Residents' evaluation (民评) of a carried-out matter, summarised when evaluation ends: the mean rating in
 * hundredths (1–5 stars → 100–500) over `ratings` evaluations. Property uses property-service matters as
 * evidence.
 */
export const deliberationMatterEvaluatedV1 = defineEvent(
  'deliberation.matter.evaluated.v1',
  z.object({
    matterId: z.uuid(),
    compoundId: z.uuid(),
    category: z.string().min(1),
    propertyCompanyId: z.uuid().nullable(),
    ratings: z.number().int().min(1),
    meanRatingHundredths: z.number().int().min(100).max(500),
    evaluatedAt: z.iso.datetime(),
  }),
);
export type DeliberationMatterEvaluatedV1 = z.infer<typeof deliberationMatterEvaluatedV1.schema>;
