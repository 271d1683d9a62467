import { z } from 'zod';
import { defineEvent } from '../envelope';

const expenditureSchema = z.object({
  expenditureId: z.uuid(),
  fundId: z.uuid(),
  title: z.string().min(1),
  category: z.string().regex(/^[A-Z][A-Z_]*$/),
  /** Amount in fen (CNY cents). */
  amountFen: z.number().int().min(1),
  /** Whether an owners' vote was part of the approval. */
  voted: z.boolean(),
});

/** An expenditure request got its N-of-M committee approvals (and, above the fund's threshold, a passed vote). */
export const fundExpenditureApprovedV1 = defineEvent('fund.expenditure.approved.v1', expenditureSchema);
/** An approved expenditure was paid and posted to the fund's ledger. */
export const fundExpenditurePaidV1 = defineEvent(
  'fund.expenditure.paid.v1',
  expenditureSchema.extend({ entryId: z.uuid(), paidOn: z.iso.date() }),
);
export type FundExpenditureApprovedV1 = z.infer<typeof fundExpenditureApprovedV1.schema>;
export type FundExpenditurePaidV1 = z.infer<typeof fundExpenditurePaidV1.schema>;
