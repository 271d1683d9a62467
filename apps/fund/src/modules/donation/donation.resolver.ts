import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ADMIN_ROLES, requireUser } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { Donation, DonationConnection, ThankYouConnection } from './donation.entity';
import { DonationsArgs, RecordDonationInput } from './donation.inputs';
import type { DonationService } from './donation.service';

@Resolver(() => Donation)
export class DonationResolver {
  constructor(private readonly service: DonationService) {}

  @Authorized(...ADMIN_ROLES, 'committee_member')
  @Mutation(() => Donation, { description: 'Receives a donation into a micro-fund: receipts it and books it. Idempotent per key.' })
  recordDonation(@Arg('input') input: RecordDonationInput, @Ctx() ctx: RequestContext): Promise<Donation> {
    return this.service.record(requireUser(ctx), input);
  }

  @Authorized(...ADMIN_ROLES, 'committee_member', 'auditor')
  @Query(() => DonationConnection, { description: 'A fund’s donations with donor names (bookkeepers and auditors).' })
  donations(@Args() args: DonationsArgs, @Ctx() ctx: RequestContext): Promise<DonationConnection> {
    return this.service.list(requireUser(ctx), args.fundId, args);
  }

  @Authorized()
  @Query(() => ThankYouConnection, { description: 'The public thank-you list (鸣谢) of a fund; anonymous donors without a name.' })
  thankYouList(@Args() args: DonationsArgs, @Ctx() ctx: RequestContext): Promise<ThankYouConnection> {
    return this.service.thankYous(requireUser(ctx), args.fundId, args);
  }
}
