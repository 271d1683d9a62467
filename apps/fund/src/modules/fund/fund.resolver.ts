import { Arg, Args, ArgsType, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireUser } from '@gongzhi/platform-auth';
import { Connection, PageArgs } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Fund, FundKind } from './fund.entity';
import { OpenFundInput } from './fund.inputs';
import type { FundService } from './fund.service';

@ObjectType()
export class FundConnection extends Connection(Fund, 'Fund') {}

@ArgsType()
export class FundsArgs extends PageArgs {
  @Field(() => FundKind, { nullable: true })
  kind?: FundKind | null;
}

@Resolver(() => Fund)
export class FundResolver {
  constructor(private readonly fundService: FundService) {}

  @Authorized()
  @Query(() => FundConnection, { description: 'Funds owned inside your scopes.' })
  funds(@Args() args: FundsArgs, @Ctx() ctx: RequestContext): Promise<FundConnection> {
    return this.fundService.list(requireUser(ctx), args);
  }

  @Authorized('platform_admin', 'district_admin', 'street_admin', 'community_staff')
  @Mutation(() => Fund, { description: 'Opens a fund for a community or a compound inside your scopes.' })
  openFund(@Arg('input') input: OpenFundInput, @Ctx() ctx: RequestContext): Promise<Fund> {
    return this.fundService.open(requireUser(ctx), input);
  }
}
