import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A fund (community micro-fund, trust-based property account or volunteer-points program) was opened. */
export const fundFundOpenedV1 = defineEvent(
  'fund.fund.opened.v1',
  z.object({
    fundId: z.uuid(),
    name: z.string().min(1),
    kind: z.enum(['COMMUNITY_MICRO_FUND', 'TRUST_PROPERTY_ACCOUNT', 'VOLUNTEER_POINTS']),
    compoundId: z.uuid().nullable(),
    ownerScopePath: z.string(),
  }),
);
export type FundFundOpenedV1 = z.infer<typeof fundFundOpenedV1.schema>;
