import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';
import { ExpenseCategory } from '../ledger/ledger-account';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE } from '../ledger/ledger.inputs';

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const PERIOD_RULE = 'must be a month as YYYY-MM';

@InputType({ description: 'Bills every dwelling of the compound for one month: exclusive area × the fee standard. Billing a month again changes nothing.' })
export class IssueMonthlyBillsInput {
  @Field(() => ID)
  fundId!: string;

  @Field({ description: 'YYYY-MM' })
  @Matches(PERIOD, { message: PERIOD_RULE })
  period!: string;
}

@InputType()
export class RecordFeePaymentInput {
  @Field(() => ID)
  fundId!: string;

  @Field(() => ID)
  dwellingId!: string;

  @Field(() => FenScalar)
  amountFen!: bigint;

  @Field({ description: 'YYYY-MM-DD' })
  paidOn!: string;

  @Field()
  @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey!: string;
}

@InputType({ description: 'An expense paid from a trust account: cleaning, security, staff, utilities, repairs or other.' })
export class RecordPropertyExpenseInput {
  @Field(() => ID)
  fundId!: string;

  @Field(() => ExpenseCategory)
  category!: ExpenseCategory;

  @Field(() => FenScalar)
  amountFen!: bigint;

  @Field({ description: 'YYYY-MM-DD' })
  spentOn!: string;

  @Field({ description: 'Public in the disclosure: no personal data.' })
  @Length(1, 500, { message: 'must be 1 to 500 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  memo!: string;

  @Field()
  @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey!: string;
}

@InputType({ description: 'Pays the property company its fixed monthly remuneration (酬金); once per month.' })
export class PayCompanyRemunerationInput {
  @Field(() => ID)
  fundId!: string;

  @Field({ description: 'YYYY-MM' })
  @Matches(PERIOD, { message: PERIOD_RULE })
  period!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; the last day of the month when omitted.' })
  @IsOptional()
  paidOn?: string | null;
}

@ArgsType()
export class DwellingArrearsArgs extends PageArgs {
  @Field(() => ID)
  fundId!: string;
}
