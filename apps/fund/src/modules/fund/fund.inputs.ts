import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
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
