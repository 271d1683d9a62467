import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { CALENDAR_DATE } from '../../shared/calendar-date';
import { AssignmentStatus, FeeModel } from './service-assignment.entity';
import { HandoverParty } from './handover-item.entity';

@InputType({ description: 'A company starting to serve a compound under a contract.' })
export class StartServiceAssignmentInput {
  @Field(() => ID)
  companyId!: string;

  @Field(() => ID)
  compoundId!: string;

  @Field({ description: 'First day of the contract (YYYY-MM-DD).' })
  @Matches(CALENDAR_DATE, { message: 'must be a date like 2026-01-01' })
  contractStart!: string;

  @Field({ description: 'Last day of the contract (YYYY-MM-DD).' })
  @Matches(CALENDAR_DATE, { message: 'must be a date like 2026-12-31' })
  contractEnd!: string;

  @Field(() => FeeModel)
  feeModel!: FeeModel;

  @Field(() => Int, { description: 'Fen per m² of exclusive area per month (e.g. 250 for ¥2.50).' })
  @Min(0, { message: 'must not be negative' })
  @Max(100000, { message: 'must be at most 100000 fen (¥1000) per m² per month' })
  feeStandardFen!: number;
}

@InputType({ description: 'The contract terms of an assignment started by an owners’ vote.' })
export class SetServiceAssignmentTermsInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field({ description: 'Last day of the contract (YYYY-MM-DD).' })
  @Matches(CALENDAR_DATE, { message: 'must be a date like 2026-12-31' })
  contractEnd!: string;

  @Field(() => FeeModel)
  feeModel!: FeeModel;

  @Field(() => Int, { description: 'Fen per m² of exclusive area per month.' })
  @Min(0, { message: 'must not be negative' })
  @Max(100000, { message: 'must be at most 100000 fen (¥1000) per m² per month' })
  feeStandardFen!: number;
}

@InputType({ description: 'A company leaving a compound; its exit handover starts.' })
export class EndServiceAssignmentInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field({ description: 'Last day of service (YYYY-MM-DD).' })
  @Matches(CALENDAR_DATE, { message: 'must be a date like 2026-12-31' })
  endedOn!: string;

  @Field()
  @Length(1, 500, { message: 'must be 1 to 500 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  reason!: string;
}

@InputType({ description: 'One party confirming one handover item.' })
export class ConfirmHandoverItemInput {
  @Field(() => ID)
  itemId!: string;

  @Field(() => HandoverParty)
  party!: HandoverParty;

  @Field(() => String, { nullable: true, description: 'What was handed over, recorded with the confirmation.' })
  @IsOptional()
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  note?: string | null;
}

@ArgsType()
export class ServiceAssignmentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => AssignmentStatus, { nullable: true })
  status?: AssignmentStatus | null;
}

@ArgsType()
export class CompoundAssignmentsArgs extends PageArgs {
  @Field(() => AssignmentStatus, { nullable: true })
  status?: AssignmentStatus | null;
}
