import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DonorKind } from '../donation/donation.entity';
import { FundKind } from '../fund/fund.entity';
import { FenScalar } from '../ledger/fen.scalar';
import { LedgerAccountCode } from '../ledger/ledger-account';

@ObjectType({ description: 'One account of a statement, with its amount on the side that is natural for its type.' })
export class StatementLine {
  @Field(() => LedgerAccountCode)
  account!: LedgerAccountCode;

  @Field()
  name!: string;

  @Field(() => FenScalar, { description: 'Income and liabilities: credits minus debits; expenses and assets: debits minus credits.' })
  amountFen!: bigint;
}

@ObjectType({ description: 'Income and expense statement (收支表) of a period: income by source, expenses by category.' })
export class IncomeStatement {
  @Field(() => ID)
  fundId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [StatementLine], { description: 'Income accounts with postings in the period (the chart is fixed and small).' })
  income!: StatementLine[];

  @Field(() => [StatementLine])
  expenses!: StatementLine[];

  @Field(() => FenScalar)
  totalIncomeFen!: bigint;

  @Field(() => FenScalar)
  totalExpenseFen!: bigint;

  @Field(() => FenScalar, { description: 'Income minus expenses; negative for a deficit.' })
  surplusFen!: bigint;
}

@ObjectType({ description: 'Balance sheet (资产负债表) at the end of a day: assets = liabilities + net assets.' })
export class BalanceSheet {
  @Field(() => ID)
  fundId!: string;

  @Field({ description: 'YYYY-MM-DD, inclusive.' })
  asOf!: string;

  @Field(() => [StatementLine])
  assets!: StatementLine[];

  @Field(() => [StatementLine])
  liabilities!: StatementLine[];

  @Field(() => FenScalar)
  totalAssetsFen!: bigint;

  @Field(() => FenScalar)
  totalLiabilitiesFen!: bigint;

  @Field(() => FenScalar, { description: 'Contributed net assets (opening balances).' })
  contributedNetAssetsFen!: bigint;

  @Field(() => FenScalar, { description: 'All income minus all expenses up to the day.' })
  accumulatedSurplusFen!: bigint;

  @Field(() => FenScalar, { description: 'Contributed net assets plus the accumulated surplus; equals assets minus liabilities.' })
  netAssetsFen!: bigint;
}

@ObjectType({ description: 'Donations of one source (donor kind) in a period; reversed donations are left out.' })
export class DonationSourceTotal {
  @Field(() => DonorKind)
  donorKind!: DonorKind;

  @Field(() => Int)
  donations!: number;

  @Field(() => FenScalar)
  amountFen!: bigint;

  @Field(() => FenScalar, { description: 'The part given for a restricted purpose (定向).' })
  restrictedFen!: bigint;
}

@ObjectType({ description: 'Donations by source (捐赠来源) over a period, without donor names.' })
export class DonationsBySource {
  @Field(() => ID)
  fundId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [DonationSourceTotal], { description: 'One line per donor kind that gave in the period.' })
  sources!: DonationSourceTotal[];

  @Field(() => FenScalar)
  totalFen!: bigint;
}

@ObjectType({ description: 'Volunteer-points redemptions a fund paid for in a period.' })
export class PointsRedemptionSummary {
  @Field(() => Int)
  redemptions!: number;

  @Field(() => Int)
  points!: number;

  @Field(() => FenScalar)
  amountFen!: bigint;
}

@ObjectType({
  description: 'A fund’s public report (公开披露) for a period: everything anyone the fund concerns may see, and no personal data (no donor, payee, resident or dwelling).',
})
export class PublicFundReport {
  @Field(() => ID)
  fundId!: string;

  @Field()
  fundName!: string;

  @Field(() => FundKind)
  kind!: FundKind;

  @Field(() => String, { nullable: true })
  hostName!: string | null;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => FenScalar, { description: 'Cash at the start of `from`.' })
  openingCashFen!: bigint;

  @Field(() => FenScalar, { description: 'Cash at the end of `to`.' })
  closingCashFen!: bigint;

  @Field(() => IncomeStatement)
  incomeStatement!: IncomeStatement;

  @Field(() => DonationsBySource)
  donationsBySource!: DonationsBySource;

  @Field(() => PointsRedemptionSummary)
  pointsRedemptions!: PointsRedemptionSummary;

  @Field(() => FenScalar, { nullable: true, description: 'Trust accounts: fees owed by all dwellings together at the end of `to`.' })
  arrearsFen!: bigint | null;
}
