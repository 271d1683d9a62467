import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { CALENDAR_DATE } from '../../shared/calendar-date';
import { CommendationLevel, EvidenceKind, Severity, ViolationType } from './evidence.entity';

/**
 * Whom evidence is about. With a compound, the company defaults to the one serving it now; a given company
 * must have served that compound. Without a compound, the evidence concerns the company district-wide.
 */
@InputType('EvidenceTarget', { description: 'Whom a piece of evidence is about and when it happened.' })
export class EvidenceTargetInput {
  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field({ description: 'The day it happened (YYYY-MM-DD).' })
  @Matches(CALENDAR_DATE, { message: 'must be a date like 2026-06-30' })
  occurredOn!: string;
}

@InputType({ description: 'A resident satisfaction survey (满意度测评) of one compound.' })
export class RecordSatisfactionSurveyInput extends EvidenceTargetInput {
  @Field(() => Int, { description: 'Satisfaction in hundredths of a point out of 100 (e.g. 9250 for 92.50).' })
  @Min(0, { message: 'must be 0 to 10000' })
  @Max(10000, { message: 'must be 0 to 10000' })
  satisfactionHundredths!: number;

  @Field(() => Int)
  @Min(1, { message: 'must be at least 1' })
  @Max(1000000, { message: 'must be at most 1000000' })
  respondents!: number;
}

@InputType({ description: 'One checklist line: the points the inspectors gave out of its maximum.' })
export class ChecklistLineInput {
  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  item!: string;

  @Field(() => Int)
  @Min(1, { message: 'must be at least 1' })
  @Max(1000, { message: 'must be at most 1000' })
  maxPoints!: number;

  @Field(() => Int)
  @Min(0, { message: 'must not be negative' })
  @Max(1000, { message: 'must be at most 1000' })
  points!: number;
}

@InputType({ description: 'An inspection (检查考核) of one compound by the street or the community, against a checklist.' })
export class RecordInspectionInput extends EvidenceTargetInput {
  @Field(() => [ChecklistLineInput])
  @ArrayMinSize(1, { message: 'must have at least one line' })
  @ArrayMaxSize(200, { message: 'must have at most 200 lines' })
  @ValidateNested({ each: true })
  checklist!: ChecklistLineInput[];
}

@InputType({ description: 'A violation (违规) found and proven.' })
export class RecordViolationInput extends EvidenceTargetInput {
  @Field(() => ViolationType)
  violationType!: ViolationType;

  @Field(() => Severity)
  severity!: Severity;

  @Field({ description: 'Where the proof is kept (document number, file reference).' })
  @Length(1, 500, { message: 'must be 1 to 500 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  proofReference!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  title?: string | null;
}

@InputType({ description: 'A commendation (表彰) of the company.' })
export class RecordCommendationInput extends EvidenceTargetInput {
  @Field(() => CommendationLevel)
  level!: CommendationLevel;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;
}

@ArgsType()
export class EvidenceArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => EvidenceKind, { nullable: true })
  kind?: EvidenceKind | null;
}
