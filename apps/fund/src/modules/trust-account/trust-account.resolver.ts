import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { Fund } from '../fund/fund.entity';
import { FenScalar } from '../ledger/fen.scalar';
import { JournalEntry } from '../ledger/ledger.types';
import { DwellingArrearsArgs, IssueMonthlyBillsInput, PayCompanyRemunerationInput, RecordFeePaymentInput, RecordPropertyExpenseInput } from './trust-account.inputs';
import type { TrustAccountService } from './trust-account.service';
import { BillingRun, DwellingArrearsConnection, FeePayment } from './trust-account.types';

@Resolver(() => Fund)
export class TrustAccountResolver {
  constructor(private readonly trustAccounts: TrustAccountService) {}

  @Requires('fund:bookkeep')
  @Mutation(() => BillingRun, { description: 'Bills every dwelling of a trust account’s compound for a month (area × fee standard).' })
  issueMonthlyBills(@Arg('input') input: IssueMonthlyBillsInput, @Ctx() ctx: RequestContext): Promise<BillingRun> {
    return this.trustAccounts.issueMonthlyBills(requireUser(ctx), input);
  }

  @Requires('fund:bookkeep')
  @Mutation(() => FeePayment, { description: 'Records a dwelling’s property-fee payment. Idempotent per key.' })
  recordFeePayment(@Arg('input') input: RecordFeePaymentInput, @Ctx() ctx: RequestContext): Promise<FeePayment> {
    return this.trustAccounts.recordFeePayment(requireUser(ctx), input);
  }

  @Requires('fund:bookkeep')
  @Mutation(() => JournalEntry, { description: 'Books an expense of a trust account (cleaning, security, staff, utilities, repairs). Idempotent per key.' })
  recordPropertyExpense(@Arg('input') input: RecordPropertyExpenseInput, @Ctx() ctx: RequestContext): Promise<JournalEntry> {
    return this.trustAccounts.recordExpense(requireUser(ctx), input);
  }

  @Requires('fund:bookkeep')
  @Mutation(() => JournalEntry, { description: 'Pays the property company its fixed remuneration for a month, once.' })
  payCompanyRemuneration(@Arg('input') input: PayCompanyRemunerationInput, @Ctx() ctx: RequestContext): Promise<JournalEntry> {
    return this.trustAccounts.payRemuneration(requireUser(ctx), input);
  }

  @Requires('fund:bookkeep', 'fund:read-books')
  @Query(() => DwellingArrearsConnection, { description: 'Dwellings of a trust account’s compound that owe fees, by dwelling.' })
  dwellingArrears(@Args() args: DwellingArrearsArgs, @Ctx() ctx: RequestContext): Promise<DwellingArrearsConnection> {
    return this.trustAccounts.dwellingArrears(requireUser(ctx), args.fundId, args);
  }

  @FieldResolver(() => FenScalar, { nullable: true, description: 'Trust-based property accounts: the compound’s total fee arrears.' })
  arrearsFen(@Root() fund: Fund, @Ctx() ctx: RequestContext): Promise<bigint | null> {
    return ctx.loaders.get<string, bigint | null>('fundArrears', (ids) => this.trustAccounts.arrearsOf(ids)).load(fund.id);
  }
}
