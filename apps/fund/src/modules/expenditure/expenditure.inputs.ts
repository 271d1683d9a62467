import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';
import { ExpenseCategory } from '../ledger/ledger-account';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE } from '../ledger/ledger.inputs';
import { ExpenditureDecisionKind, ExpenditureStatus } from './expenditure.entity';

@InputType({ description: 'A request to spend from a fund.' })
export class RequestExpenditureInput {
  @Field(() => ID)
  fundId!: string;

  @Field()
  @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey!: string;

  @Field({ description: 'Public in disclosures: no personal data.' })
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field(() => ExpenseCategory)
  category!: ExpenseCategory;

  @Field(() => FenScalar)
  amountFen!: bigint;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  payee!: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20, { message: 'takes at most 20 references' })
  @Length(1, 500, { each: true, message: 'each reference must be 1 to 500 characters' })
  attachments!: string[];

  @Field(() => ID, { nullable: true, description: 'For a community fund’s expenditure above its vote threshold: the compound whose owners decide.' })
  @IsOptional()
  voteCompoundId?: string | null;
}

@InputType()
export class DecideExpenditureInput {
  @Field(() => ID)
  expenditureId!: string;

  @Field(() => ExpenditureDecisionKind)
  decision!: ExpenditureDecisionKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 1000, { message: 'must be at most 1000 characters' })
  comment?: string | null;
}

@InputType()
export class PayExpenditureInput {
  @Field(() => ID)
  expenditureId!: string;

  @Field(() => String, { nullable: true, description: 'Payment date (YYYY-MM-DD); today in China when omitted.' })
  @IsOptional()
  paidOn?: string | null;
}

@InputType({ description: 'Appoints a member of the fund committee (基金管理委员会), by their user id (token subject).' })
export class AppointCommitteeMemberInput {
  @Field(() => ID)
  fundId!: string;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  member!: string;
}

@ArgsType()
export class ExpendituresArgs extends PageArgs {
  @Field(() => ID)
  fundId!: string;

  @Field(() => ExpenditureStatus, { nullable: true })
  status?: ExpenditureStatus | null;
}
