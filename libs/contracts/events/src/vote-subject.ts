import { z } from 'zod';

/**
 * What an owners' vote decides, so the service that asked for it (or cares about it) can act on the result:
 * a fund expenditure to approve, a property company to hire or dismiss, or a general question.
 */
export const voteSubjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('GENERAL') }),
  /** `requestId` is the expenditure id the fund sent with `fund.vote.requested.v1`. */
  z.object({ type: z.literal('FUND_EXPENDITURE'), fundId: z.uuid(), requestId: z.uuid() }),
  z.object({ type: z.literal('HIRE_PROPERTY_COMPANY'), companyId: z.uuid() }),
  z.object({ type: z.literal('DISMISS_PROPERTY_COMPANY'), companyId: z.uuid() }),
]);
export type VoteSubject = z.infer<typeof voteSubjectSchema>;

/**
 * Civil Code art. 278 classes: `SPECIAL` is items 6–8 (raising maintenance funds, rebuilding, changing the use
 * of common parts: ≥ 3/4 of participating area and headcount); `ORDINARY` is every other matter (more than half).
 */
export const decisionClassSchema = z.enum(['ORDINARY', 'SPECIAL']);
export type DecisionClass = z.infer<typeof decisionClassSchema>;
