import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import {
  PointsBalanceConnection,
  PointsCatalogueItem,
  PointsCatalogueItemConnection,
  PointsRedemption,
  PointsRedemptionConnection,
  PointsRule,
} from './points.entity';
import { AddPointsCatalogueItemInput, PointsBalancesArgs, ProgramPageArgs, RedeemPointsInput, SetPointsRuleInput } from './points.inputs';
import type { PointsService } from './points.service';

@Resolver()
export class PointsResolver {
  constructor(private readonly service: PointsService) {}

  @Requires('fund:administer')
  @Mutation(() => PointsRule, { description: 'Sets how many points an hour of an activity type earns in a volunteer-points program.' })
  setPointsRule(@Arg('input') input: SetPointsRuleInput, @Ctx() ctx: RequestContext): Promise<PointsRule> {
    return this.service.setRule(requireUser(ctx), input);
  }

  @Authorized()
  @Query(() => [PointsRule], { description: 'A program’s points rules by activity type (at most 100).' })
  pointsRules(@Arg('programId', () => ID) programId: string, @Ctx() ctx: RequestContext): Promise<PointsRule[]> {
    return this.service.rules(requireUser(ctx), programId);
  }

  @Requires('fund:administer')
  @Mutation(() => PointsCatalogueItem, { description: 'Adds an item to a program’s redemption catalogue, paid by a micro-fund of its community.' })
  addPointsCatalogueItem(@Arg('input') input: AddPointsCatalogueItemInput, @Ctx() ctx: RequestContext): Promise<PointsCatalogueItem> {
    return this.service.addItem(requireUser(ctx), input);
  }

  @Requires('fund:administer')
  @Mutation(() => PointsCatalogueItem, { description: 'Withdraws an item from the catalogue; past redemptions keep it.' })
  withdrawPointsCatalogueItem(@Arg('itemId', () => ID) itemId: string, @Ctx() ctx: RequestContext): Promise<PointsCatalogueItem> {
    return this.service.withdrawItem(requireUser(ctx), itemId);
  }

  @Authorized()
  @Query(() => PointsCatalogueItemConnection, { description: 'What a program’s points can be redeemed for (anyone the program concerns).' })
  pointsCatalogue(@Args() args: ProgramPageArgs, @Ctx() ctx: RequestContext): Promise<PointsCatalogueItemConnection> {
    return this.service.catalogue(requireUser(ctx), args.programId, args);
  }

  @Requires('points:read')
  @Query(() => PointsBalanceConnection, { description: 'Residents’ points today: earned, redeemed, expired, available (the program’s staff).' })
  pointsBalances(@Args() args: PointsBalancesArgs, @Ctx() ctx: RequestContext): Promise<PointsBalanceConnection> {
    return this.service.balances(requireUser(ctx), args.programId, args);
  }

  @Requires('points:redeem')
  @Mutation(() => PointsRedemption, { description: 'Redeems a resident’s points for a catalogue item; the paying fund books it. Idempotent per key.' })
  redeemPoints(@Arg('input') input: RedeemPointsInput, @Ctx() ctx: RequestContext): Promise<PointsRedemption> {
    return this.service.redeem(requireUser(ctx), input);
  }

  @Requires('points:read')
  @Query(() => PointsRedemptionConnection, { description: 'A program’s redemptions in the order they happened.' })
  pointsRedemptions(@Args() args: ProgramPageArgs, @Ctx() ctx: RequestContext): Promise<PointsRedemptionConnection> {
    return this.service.redemptions(requireUser(ctx), args.programId, args);
  }
}
