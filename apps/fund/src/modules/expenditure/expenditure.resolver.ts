import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { Expenditure, ExpenditureConnection, ExpenditureDecision, ExpenditureDecisionKind } from './expenditure.entity';
import { AppointCommitteeMemberInput, DecideExpenditureInput, ExpendituresArgs, PayExpenditureInput, RequestExpenditureInput } from './expenditure.inputs';
import type { ExpenditureService } from './expenditure.service';

@Resolver(() => Expenditure)
export class ExpenditureResolver {
  constructor(private readonly service: ExpenditureService) {}

  @Requires('fund:read-books', 'fund:inspect-trust-account')
  @Query(() => ExpenditureConnection, { description: 'A fund’s expenditure requests, oldest first.' })
  expenditures(@Args() args: ExpendituresArgs, @Ctx() ctx: RequestContext): Promise<ExpenditureConnection> {
    return this.service.list(requireUser(ctx), args.fundId, args);
  }

  @Requires('fund:administer')
  @Mutation(() => [String], { description: 'Appoints a fund-committee member; returns the committee.' })
  appointFundCommitteeMember(@Arg('input') input: AppointCommitteeMemberInput, @Ctx() ctx: RequestContext): Promise<string[]> {
    return this.service.appointCommitteeMember(requireUser(ctx), input);
  }

  @Requires('fund:spend')
  @Mutation(() => Expenditure, { description: 'Requests an expenditure; at or above the fund’s vote threshold it also asks the owners to vote. Idempotent per key.' })
  requestExpenditure(@Arg('input') input: RequestExpenditureInput, @Ctx() ctx: RequestContext): Promise<Expenditure> {
    return this.service.request(requireUser(ctx), input);
  }

  @Requires('fund:decide-expenditure')
  @Mutation(() => Expenditure, { description: 'A fund-committee member approves or rejects a pending expenditure (never their own).' })
  decideExpenditure(@Arg('input') input: DecideExpenditureInput, @Ctx() ctx: RequestContext): Promise<Expenditure> {
    return this.service.decide(requireUser(ctx), input);
  }

  @Requires('fund:spend')
  @Mutation(() => Expenditure, { description: 'Pays an approved expenditure and posts it to the ledger; paying twice changes nothing.' })
  payExpenditure(@Arg('input') input: PayExpenditureInput, @Ctx() ctx: RequestContext): Promise<Expenditure> {
    return this.service.pay(requireUser(ctx), input);
  }

  @FieldResolver(() => [ExpenditureDecision], { description: 'Committee decisions so far.' })
  decisions(@Root() expenditure: Expenditure, @Ctx() ctx: RequestContext): Promise<ExpenditureDecision[]> {
    return ctx.loaders.get<string, ExpenditureDecision[]>('expenditureDecisions', (ids) => this.service.decisionsOf(ids)).load(expenditure.id);
  }

  @FieldResolver(() => Int, { description: 'Approvals so far, against `approvalsRequired`.' })
  async approvals(@Root() expenditure: Expenditure, @Ctx() ctx: RequestContext): Promise<number> {
    const decisions = await this.decisions(expenditure, ctx);
    return decisions.filter((d) => d.decision === ExpenditureDecisionKind.APPROVE).length;
  }
}
