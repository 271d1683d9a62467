import { ArgsType, Field, ID } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';

@ArgsType()
export class PersonalDataAccessLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only reads of this resident.' })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only reads of this owner.' })
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only reads by this caller (token `sub`).' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  sub?: string | null;

  @Field(() => Date, { nullable: true, description: 'Reads at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Reads before this time.' })
  to?: Date | null;
}
