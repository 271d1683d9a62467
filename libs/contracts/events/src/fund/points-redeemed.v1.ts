import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A resident redeemed volunteer points (志愿服务积分) for a catalogue item paid by a fund. */
export const fundPointsRedeemedV1 = defineEvent(
  'fund.points.redeemed.v1',
  z.object({
    redemptionId: z.uuid(),
    programId: z.uuid(),
    residentId: z.uuid(),
    itemId: z.uuid(),
    points: z.number().int().min(1),
    payingFundId: z.uuid(),
    /** What the paying fund spent, in fen (CNY cents). */
    amountFen: z.number().int().min(0),
  }),
);
export type FundPointsRedeemedV1 = z.infer<typeof fundPointsRedeemedV1.schema>;
