import { z } from 'zod';
import { defineEvent } from '../envelope';
import { decisionClassSchema } from '../vote-subject';

/**
 * A fund asks the owners of a compound to decide on an expenditure above its vote threshold. Deliberation opens
 * an owners' joint decision and answers with `deliberation.vote.closed.v1` whose subject is
 * `{ type: 'FUND_EXPENDITURE', fundId, requestId }`.
 */
export const fundVoteRequestedV1 = defineEvent(
  'fund.vote.requested.v1',
  z.object({
    requestId: z.uuid(),
    fundId: z.uuid(),
    compoundId: z.uuid(),
    title: z.string().min(1),
    /** Amount in fen (CNY cents). */
    amountFen: z.number().int().min(1),
    decisionClass: decisionClassSchema,
    /** How long the vote should stay open, in days. */
    openForDays: z.number().int().min(1).max(90),
  }),
);
export type FundVoteRequestedV1 = z.infer<typeof fundVoteRequestedV1.schema>;
