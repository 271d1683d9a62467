import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { Donation, DonationConnection, ThankYouConnection } from './donation.entity';
import { DonationsArgs, RecordDonationInput } from './donation.inputs';
import type { DonationService } from './donation.service';
import { DonorNameAccessConnection, DonorNameAccessLogArgs } from './donor-name-access.entity';
import type { DonorNameAccessLog } from './donor-name-access.service';

@Resolver(() => Donation)
export class DonationResolver {
  constructor(
    private readonly service: DonationService,
    private readonly accessLog: DonorNameAccessLog,
  ) {}

  @Requires('fund:receive-donation')
  @Mutation(() => Donation, { description: 'Receives a donation into a micro-fund: receipts it and books it. Idempotent per key.' })
  recordDonation(@Arg('input') input: RecordDonationInput, @Ctx() ctx: RequestContext): Promise<Donation> {
    return this.service.record(requireUser(ctx), input);
  }

  @Requires('fund:donor-names')
  @Query(() => DonationConnection, { description: 'A fund’s donations with donor names (bookkeepers and auditors).' })
  donations(@Args() args: DonationsArgs, @Ctx() ctx: RequestContext): Promise<DonationConnection> {
    return this.service.list(requireUser(ctx), args.fundId, args);
  }

  @Authorized()
  @Query(() => ThankYouConnection, { description: 'The public thank-you list (鸣谢) of a fund; anonymous donors without a name.' })
  thankYouList(@Args() args: DonationsArgs, @Ctx() ctx: RequestContext): Promise<ThankYouConnection> {
    return this.service.thankYous(requireUser(ctx), args.fundId, args);
  }

  @Requires('donor-log:read')
  @Query(() => DonorNameAccessConnection, { description: 'Reads of anonymous donors’ names in the funds inside your scopes, newest first.' })
  donorNameAccessLog(@Args() args: DonorNameAccessLogArgs, @Ctx() ctx: RequestContext): Promise<DonorNameAccessConnection> {
    return this.accessLog.list(requireUser(ctx), args);
  }

  @Requires('fund:donor-names')
  @FieldResolver(() => String, { description: 'The donor’s name; every read of an anonymous donor’s name is logged (donorNameAccessLog).' })
  async donorName(@Root() donation: Donation, @Ctx() ctx: RequestContext): Promise<string> {
    if (donation.anonymous) {
      const actor = { user: requireUser(ctx), requestId: ctx.requestId };
      // Every anonymous name one request shows is logged with one INSERT, before any of them is returned.
      await ctx.loaders
        .get<string, true>('donorNameAccess', async (ids) => {
          await this.accessLog.append(actor, ids);
          return ids.map(() => true as const);
        })
        .load(donation.id);
    }
    return donation.donorName;
  }
}
