import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date like 2026-03-01';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType({ description: 'A resident appointed building leader (楼长), or unit leader (单元长) when a unit is given.' })
export class AppointBuildingLeaderInput {
  @Field(() => ID)
  buildingId!: string;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { description: 'A resident who lives in the building (or unit).' })
  residentId!: string;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  appointedOn!: string;
}

@InputType()
export class EndBuildingLeaderInput {
  @Field(() => ID)
  leaderId!: string;

  @Field({ description: 'ISO date, e.g. 2026-09-30.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  endedOn!: string;
}

@InputType({ description: 'A door-to-door visit (入户走访) to a dwelling, recorded by the visitor.' })
export class RecordHouseholdVisitInput {
  @Field(() => ID)
  dwellingId!: string;

  @Field()
  visitedAt!: Date;

  @Field()
  @Length(1, 50, { message: 'must be 1 to 50 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  visitorName!: string;

  @Field({ description: 'What the household raised or needs; at most 2000 characters.' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  notes!: string;
}

@InputType({ description: 'A recurring patrol of a compound.' })
export class CreatePatrolScheduleInput {
  @Field(() => ID)
  compoundId!: string;

  @Field(() => ID, { nullable: true, description: 'The volunteer team that patrols.' })
  teamId?: string | null;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => [Int], { description: 'ISO weekdays, 1 (Monday) to 7 (Sunday).' })
  @ArrayMinSize(1, { message: 'must list at least one weekday' })
  @ArrayMaxSize(7, { message: 'lists at most 7 weekdays' })
  @IsInt({ each: true })
  @Min(1, { each: true, message: 'weekdays are 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'weekdays are 1 (Monday) to 7 (Sunday)' })
  weekdays!: number[];

  @Field({ description: 'Local time HH:MM.' })
  @Matches(TIME, { message: 'must be a time like 19:30' })
  startsAt!: string;

  @Field({ description: 'Local time HH:MM, after startsAt.' })
  @Matches(TIME, { message: 'must be a time like 21:00' })
  endsAt!: string;

  @Field({ defaultValue: '' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  route!: string;
}

@InputType({ description: 'A patrol carried out on a schedule, recorded by the patroller.' })
export class RecordPatrolInput {
  @Field(() => ID)
  scheduleId!: string;

  @Field()
  @Length(1, 50, { message: 'must be 1 to 50 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  patrollerName!: string;

  @Field()
  startedAt!: Date;

  @Field()
  endedAt!: Date;

  @Field({ defaultValue: '' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  findings!: string;
}

@InputType({ description: 'Volunteer service a resident gave (publishes org.volunteer-service.recorded.v1).' })
export class RecordVolunteerServiceInput {
  @Field(() => ID)
  residentId!: string;

  @Field(() => ID, { nullable: true, description: 'The volunteer or mediation team the service was for.' })
  teamId?: string | null;

  @Field({ description: "A code of the district's activity types, e.g. PATROL, CLEANUP, ELDERLY_CARE, MEDIATION." })
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'must be an activity code like ELDERLY_CARE (capitals, digits, underscores; at most 40)' })
  activityType!: string;

  @Field(() => Int, { description: 'Whole minutes, 1 to 1440.' })
  @Min(1, { message: 'must be at least 1 minute' })
  @Max(1440, { message: 'must be at most 1440 minutes (one day)' })
  minutes!: number;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  serviceDate!: string;
}

@ArgsType()
export class BuildingLeadersArgs extends PageArgs {
  @Field(() => ID)
  compoundId!: string;

  @Field({ defaultValue: false, description: 'Include leaders whose appointment has ended.' })
  includeEnded!: boolean;
}

@ArgsType()
export class HouseholdVisitsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => ID, { nullable: true })
  dwellingId?: string | null;
}

@ArgsType()
export class PatrolSchedulesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to this scope path inside your scopes.' })
  scope?: string | null;
}

@ArgsType()
export class PatrolLogsArgs extends PageArgs {}

@ArgsType()
export class VolunteerServicesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  residentId?: string | null;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;
}
