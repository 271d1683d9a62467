import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { FenScalar } from '../ledger/fen.scalar';
import { FundKind } from './fund.entity';

@InputType({ description: 'A new fund: a trust-based property account names its compound; other kinds name their community.' })
export class OpenFundInput {
  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => FundKind)
  kind!: FundKind;

  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit community code' })
  communityCode?: string | null;
}

@InputType({ description: 'Changes a fund’s rules; a field left out stays as it is, null clears an optional one.' })
export class ConfigureFundInput {
  @Field(() => ID)
  fundId!: string;

  @Field(() => String, { nullable: true, description: 'The fiscal host holding a micro-fund’s money (e.g. a charity federation 慈善会).' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  hostName?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'must be at least 1' })
  @Max(15, { message: 'must be at most 15' })
  approvalsRequired?: number | null;

  @Field(() => FenScalar, { nullable: true })
  voteThresholdFen?: bigint | null;

  @Field(() => FenScalar, { nullable: true })
  feeFenPerSquareMetreMonth?: bigint | null;

  @Field(() => FenScalar, { nullable: true })
  remunerationFenPerMonth?: bigint | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'must be at least 1 day' })
  @Max(3650, { message: 'must be at most 3650 days' })
  pointsValidityDays?: number | null;
}
