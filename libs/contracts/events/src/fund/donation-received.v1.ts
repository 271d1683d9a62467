import { z } from 'zod';
import { defineEvent } from '../envelope';

/** A donation (捐赠) was received into a fund and receipted. No donor identity: only its kind. */
export const fundDonationReceivedV1 = defineEvent(
  'fund.donation.received.v1',
  z.object({
    donationId: z.uuid(),
    fundId: z.uuid(),
    receiptNumber: z.string().min(1),
    donorKind: z.enum(['MERCHANT', 'RESIDENT', 'VOLUNTEER_FUNDRAISING', 'COMMUNITY_SELF_RAISING', 'ENTERPRISE', 'GOVERNMENT']),
    anonymous: z.boolean(),
    restricted: z.boolean(),
    /** Amount in fen (CNY cents). */
    amountFen: z.number().int().min(1),
    receivedOn: z.iso.date(),
  }),
);
export type FundDonationReceivedV1 = z.infer<typeof fundDonationReceivedV1.schema>;
