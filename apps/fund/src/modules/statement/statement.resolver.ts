import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { DonationsBySourceArgs } from '../donation/donation.inputs';
import { PeriodArgs } from '../ledger/ledger.inputs';
import type { StatementService } from './statement.service';
import { BalanceSheet, DonationsBySource, IncomeStatement, PublicFundReport } from './statement.types';

@Resolver()
export class StatementResolver {
  constructor(private readonly service: StatementService) {}

  @Requires('fund:read-books', 'fund:inspect-trust-account')
  @Query(() => IncomeStatement, { description: 'A fund’s income and expense statement (收支表) over a period (effective dates, inclusive).' })
  incomeStatement(@Args() args: PeriodArgs, @Ctx() ctx: RequestContext): Promise<IncomeStatement> {
    return this.service.incomeStatement(requireUser(ctx), args.fundId, args.from, args.to);
  }

  @Requires('fund:read-books', 'fund:inspect-trust-account')
  @Query(() => BalanceSheet, { description: 'A fund’s balance sheet (资产负债表) at the end of a day.' })
  balanceSheet(@Arg('fundId', () => ID) fundId: string, @Arg('asOf', { description: 'YYYY-MM-DD' }) asOf: string, @Ctx() ctx: RequestContext): Promise<BalanceSheet> {
    return this.service.balanceSheet(requireUser(ctx), fundId, asOf);
  }

  @Authorized()
  @Query(() => DonationsBySource, { description: 'A fund’s donations by source over a period, without donor names.' })
  donationsBySource(@Args() args: DonationsBySourceArgs, @Ctx() ctx: RequestContext): Promise<DonationsBySource> {
    return this.service.donationsBySource(requireUser(ctx), args.fundId, args.from, args.to);
  }

  @Authorized()
  @Query(() => PublicFundReport, { description: 'A fund’s public report (公开披露) for a period: statements and totals without personal data.' })
  publicFundReport(@Args() args: PeriodArgs, @Ctx() ctx: RequestContext): Promise<PublicFundReport> {
    return this.service.publicReport(requireUser(ctx), args.fundId, args.from, args.to);
  }
}
