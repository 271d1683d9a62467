import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, Max, Min } from 'class-validator';
import { HandlingLevel, MatterCategory } from '../matter/matter.entity';
import { Party } from './guide-entry.entity';

@InputType({ description: 'Sets where a category of matter starts in a district and its deadlines.' })
export class SetGuideEntryInput {
  @Field(() => ID)
  districtId!: string;

  @Field(() => MatterCategory)
  category!: MatterCategory;

  @Field(() => HandlingLevel)
  defaultLevel!: HandlingLevel;

  @Field(() => [Party])
  @ArrayMaxSize(7)
  requiredParties!: Party[];

  @Field(() => Int, { description: 'Hours until a new matter must be acknowledged, 1 to 720.' })
  @Min(1, { message: 'must be at least 1 hour' })
  @Max(720, { message: 'must be at most 720 hours' })
  acknowledgeWithinHours!: number;

  @Field(() => Int, { description: 'Days until the resident must have an answer, 1 to 365.' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(365, { message: 'must be at most 365 days' })
  answerWithinDays!: number;
}
