import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { PageArgs, PageInfo } from '@gongzhi/platform-graphql';

@InputType({ description: 'A resident’s rating of a carried-out matter (民评).' })
export class EvaluateMatterInput {
  @Field(() => ID)
  matterId!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' })
  @Min(1, { message: 'must be 1 to 5' })
  @Max(5, { message: 'must be 1 to 5' })
  rating!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  comment?: string | null;
}

@ObjectType({ description: 'Residents’ ratings of a matter: how many, and the mean in hundredths (1–5 stars → 100–500).' })
export class MatterEvaluationSummary {
  @Field(() => Int)
  ratings!: number;

  @Field(() => Int, { nullable: true, description: 'Null while nobody has rated the matter.' })
  meanRatingHundredths!: number | null;
}

export enum EvaluationGrouping {
  HANDLER = 'HANDLER',
  CATEGORY = 'CATEGORY',
  COMPOUND = 'COMPOUND',
}
registerEnumType(EvaluationGrouping, { name: 'EvaluationGrouping', description: 'What evaluation averages are grouped by.' });

@ObjectType({ description: 'The mean rating of one handler, category or compound.' })
export class EvaluationAverage {
  @Field({ description: 'The handler’s name, the category, or the compound id.' })
  key!: string;

  @Field(() => Int)
  ratings!: number;

  @Field(() => Int, { description: 'Mean rating in hundredths (100–500).' })
  meanRatingHundredths!: number;
}

@ObjectType()
export class EvaluationAverageEdge {
  @Field(() => EvaluationAverage)
  node!: EvaluationAverage;

  @Field()
  cursor!: string;
}

@ObjectType({ description: 'A page of evaluation averages, ordered by key.' })
export class EvaluationAverageConnection {
  @Field(() => [EvaluationAverageEdge])
  edges!: EvaluationAverageEdge[];

  @Field(() => [EvaluationAverage])
  nodes!: EvaluationAverage[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ArgsType()
export class EvaluationAveragesArgs extends PageArgs {
  @Field(() => EvaluationGrouping)
  groupBy!: EvaluationGrouping;

  @Field(() => String, { nullable: true, description: 'A scope path to narrow to (inside your scopes).' })
  scope?: string | null;
}
