import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Length, Matches, Max, Min } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE } from '../ledger/ledger.inputs';

@InputType({ description: 'Sets (or changes) how many points an hour of one activity type earns; applies to service received from then on.' })
export class SetPointsRuleInput {
  @Field(() => ID)
  programId!: string;

  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { message: 'must be an activity type code such as PATROL or ELDERLY_CARE' })
  activityType!: string;

  @Field(() => Int)
  @Min(1, { message: 'must be at least 1' })
  @Max(1000, { message: 'must be at most 1000' })
  pointsPerHour!: number;
}

@InputType({ description: 'Adds an item to a program’s redemption catalogue, paid by a micro-fund of the same community.' })
export class AddPointsCatalogueItemInput {
  @Field(() => ID)
  programId!: string;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => Int)
  @Min(1, { message: 'must be at least 1 point' })
  @Max(1_000_000, { message: 'must be at most 1000000 points' })
  pointsCost!: number;

  @Field(() => ID)
  payingFundId!: string;

  @Field(() => FenScalar, { description: 'What the paying fund spends per redemption (positive).' })
  priceFen!: bigint;
}

@InputType({ description: 'Redeems a resident’s points for one catalogue item. Idempotent per key.' })
export class RedeemPointsInput {
  @Field(() => ID)
  programId!: string;

  @Field()
  @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => ID)
  itemId!: string;
}

@ArgsType()
export class ProgramPageArgs extends PageArgs {
  @Field(() => ID)
  programId!: string;
}

@ArgsType()
export class PointsBalancesArgs extends ProgramPageArgs {
  @Field(() => ID, { nullable: true, description: 'One resident’s balance; every resident with points when omitted.' })
  residentId?: string | null;
}
