import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, PageArgs } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Fund, FundKind } from './fund.entity';
import type { ExpenditureService } from '../expenditure/expenditure.service';
import { ConfigureFundInput, OpenFundInput } from './fund.inputs';
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
  constructor(
    private readonly fundService: FundService,
    private readonly expenditures: ExpenditureService,
    private readonly dataSource: DataSource,
  ) {}

  @Authorized()
  @Query(() => FundConnection, { description: 'Funds owned inside your scopes.' })
  funds(@Args() args: FundsArgs, @Ctx() ctx: RequestContext): Promise<FundConnection> {
    return this.fundService.list(requireUser(ctx), args);
  }

  @Requires('fund:administer')
  @Mutation(() => Fund, { description: 'Opens a fund for a community or a compound inside your scopes.' })
  openFund(@Arg('input') input: OpenFundInput, @Ctx() ctx: RequestContext): Promise<Fund> {
    return this.fundService.open(requireUser(ctx), input);
  }

  @Requires('fund:administer')
  @Mutation(() => Fund, { description: 'Changes a fund’s host, approval rule (N of M), vote threshold, fee standard, remuneration or points expiry.' })
  configureFund(@Arg('input') input: ConfigureFundInput, @Ctx() ctx: RequestContext): Promise<Fund> {
    return this.fundService.configure(requireUser(ctx), input);
  }

  @Requires('fund:committee-ids')
  @FieldResolver(() => [String], { description: 'The fund committee (基金管理委员会): user ids of the members who approve expenditures.' })
  committee(@Root() fund: Fund, @Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.loaders.get<string, string[]>('fundCommittee', (ids) => this.expenditures.committeesOf(this.dataSource.manager, ids)).load(fund.id);
  }
}
