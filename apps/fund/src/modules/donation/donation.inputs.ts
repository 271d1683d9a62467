import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';
import { ExpenseCategory } from '../ledger/ledger-account';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE } from '../ledger/ledger.inputs';
import { DonorKind } from './donation.entity';

@InputType({ description: 'A donation received into a fund; it is receipted and booked in one step. Idempotent per key.' })
export class RecordDonationInput {
  @Field(() => ID)
  fundId!: string;

  @Field()
  @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey!: string;

  @Field(() => DonorKind)
  donorKind!: DonorKind;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  donorName!: string;

  @Field({ defaultValue: false })
  anonymous!: boolean;

  @Field(() => String, { nullable: true, description: 'For a restricted donation (定向捐赠): what it may be spent on.' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  restrictedTo?: string | null;

  @Field(() => ExpenseCategory, { nullable: true, description: 'Required with `restrictedTo`: the expense category the donation may be spent on.' })
  restrictedCategory?: ExpenseCategory | null;

  @Field(() => FenScalar)
  amountFen!: bigint;

  @Field({ description: 'YYYY-MM-DD' })
  receivedOn!: string;
}

@ArgsType()
export class DonationsArgs extends PageArgs {
  @Field(() => ID)
  fundId!: string;
}

@ArgsType()
export class DonationsBySourceArgs {
  @Field(() => ID)
  fundId!: string;

  @Field({ description: 'First day (YYYY-MM-DD).' })
  from!: string;

  @Field({ description: 'Last day (YYYY-MM-DD), inclusive.' })
  to!: string;
}
