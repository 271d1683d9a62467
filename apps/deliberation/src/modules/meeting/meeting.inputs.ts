import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { Party } from '../guide/guide-entry.entity';
import { MatterStatus } from '../matter/matter.entity';
import { MeetingKind } from './meeting.entity';

@InputType({ description: 'Schedules a consultation meeting with its agenda of matters.' })
export class ScheduleMeetingInput {
  @Field(() => ID, { description: 'The compound, community or street holding the meeting.' })
  nodeId!: string;

  @Field(() => MeetingKind)
  kind!: MeetingKind;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field()
  scheduledAt!: Date;

  @Field(() => [Party])
  @ArrayMinSize(1, { message: 'must invite at least one party' })
  @ArrayMaxSize(7)
  invitedParties!: Party[];

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(50, { message: 'must list at most 50 matters' })
  agendaMatterIds!: string[];
}

@InputType()
export class AttendanceInput {
  @Field(() => Party)
  party!: Party;

  @Field(() => Int)
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000)
  attendees!: number;
}

@InputType({ description: 'A decision of the meeting that moves a matter on its agenda.' })
export class MeetingDecisionInput {
  @Field(() => ID)
  matterId!: string;

  @Field(() => MatterStatus)
  to!: MatterStatus;

  @Field(() => String, { nullable: true, description: 'Why; required to reject.' })
  @IsOptional()
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Who carries the matter out, when moving to IN_PROGRESS.' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  handler?: string | null;
}

@InputType({ description: 'Records that a meeting was held: attendance, minutes and decisions.' })
export class RecordMeetingInput {
  @Field(() => ID)
  meetingId!: string;

  @Field()
  @Length(1, 50_000, { message: 'must be 1 to 50000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  minutes!: string;

  @Field(() => [AttendanceInput])
  @ArrayMinSize(1, { message: 'must record who attended' })
  @ValidateNested({ each: true })
  attendance!: AttendanceInput[];

  @Field(() => [MeetingDecisionInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  decisions!: MeetingDecisionInput[];
}

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'A scope path to narrow to (inside your scopes).' })
  scope?: string | null;
}
