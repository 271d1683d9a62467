import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { MatterCategory, MatterStatus } from './matter.entity';

@InputType({ description: 'A matter raised by a resident or on their behalf.' })
export class RaiseMatterInput {
  @Field(() => ID)
  compoundId!: string;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000, { message: 'must be at most 5000 characters' })
  description?: string | null;

  @Field(() => MatterCategory)
  category!: MatterCategory;
}

@ArgsType()
export class MattersArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => MatterStatus, { nullable: true })
  status?: MatterStatus | null;
}

@ArgsType()
export class CompoundMattersArgs extends PageArgs {
  @Field(() => MatterStatus, { nullable: true })
  status?: MatterStatus | null;
}
