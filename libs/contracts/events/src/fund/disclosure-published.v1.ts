import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A fund published its monthly disclosure (公示): income and expenses line by line, no personal data. */
export const fundDisclosurePublishedV1 = defineEvent(
  'fund.disclosure.published.v1',
  z.object({
    disclosureId: z.uuid(),
    fundId: z.uuid(),
    /** The month disclosed, YYYY-MM. */
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    /** Totals in fen (CNY cents); negative only when reversals outweigh the month. */
    incomeFen: z.number().int(),
    expenseFen: z.number().int(),
    lines: z.number().int().min(0),
  }),
);
export type FundDisclosurePublishedV1 = z.infer<typeof fundDisclosurePublishedV1.schema>;
