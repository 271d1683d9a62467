import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { FeeUnit } from './service-disclosure.entity';

@InputType({ description: 'One fee to disclose.' })
export class DisclosedFeeInput {
  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  item!: string;

  @Field(() => Int, { description: 'Amount in fen per unit.' })
  @Min(0, { message: 'must not be negative' })
  @Max(100000000, { message: 'must be at most 100000000 fen' })
  amountFen!: number;

  @Field(() => FeeUnit)
  unit!: FeeUnit;
}

@InputType({ description: 'The service standards and fees of an active assignment, for residents.' })
export class PublishServiceDisclosureInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field()
  @Length(1, 20000, { message: 'must be 1 to 20000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  serviceStandards!: string;

  @Field(() => [DisclosedFeeInput])
  @ArrayMinSize(1, { message: 'must list at least one fee' })
  @ArrayMaxSize(100, { message: 'must list at most 100 fees' })
  @ValidateNested({ each: true })
  fees!: DisclosedFeeInput[];
}
