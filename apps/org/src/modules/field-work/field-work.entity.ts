import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum BuildingRole {
  BUILDING_LEADER = 'BUILDING_LEADER',
  UNIT_LEADER = 'UNIT_LEADER',
}
registerEnumType(BuildingRole, { name: 'BuildingRole', description: 'Building leader (楼长) or unit leader (单元长).' });

/** A resident who looks after a building (楼长) or one unit of it (单元长). */
@ObjectType({ description: 'A building leader (楼长) or unit leader (单元长).' })
@Entity()
export class BuildingLeader {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => BuildingRole)
  @Column('text')
  role!: BuildingRole;

  @Field(() => ID)
  @Column('uuid')
  buildingId!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  unitId!: string | null;

  @Field(() => ID)
  @Column('uuid')
  compoundId!: string;

  @Field(() => ID)
  @Column('uuid')
  residentId!: string;

  @Field()
  @Column('date')
  appointedOn!: string;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  endedOn!: string | null;

  @Column('text')
  scopePath!: string;
}

/** A door-to-door visit (入户走访) to one household. */
@ObjectType({ description: 'A door-to-door visit (入户走访): who visited which dwelling when, and what they noted.' })
@Entity()
export class HouseholdVisit {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  dwellingId!: string;

  @Field(() => ID)
  @Column('uuid')
  compoundId!: string;

  @Field({ description: 'Token subject of the visitor who recorded the visit.' })
  @Column('text')
  visitorSub!: string;

  @Field()
  @Column('text')
  visitorName!: string;

  @Field()
  @Column('timestamptz')
  visitedAt!: Date;

  @Field()
  @Column('text')
  notes!: string;

  @Column('text')
  scopePath!: string;
}

/** A recurring patrol (巡逻) of a compound. */
@ObjectType({ description: 'A patrol schedule (巡逻排班) of a compound.' })
@Entity()
export class PatrolSchedule {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  compoundId!: string;

  @Field(() => ID, { nullable: true, description: 'The volunteer team that patrols.' })
  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => [Int], { description: 'ISO weekdays, 1 (Monday) to 7 (Sunday).' })
  @Column('integer', { array: true })
  weekdays!: number[];

  @Field({ description: 'Local start time, HH:MM:SS.' })
  @Column('time')
  startsAt!: string;

  @Field({ description: 'Local end time, HH:MM:SS.' })
  @Column('time')
  endsAt!: string;

  @Field()
  @Column('text')
  route!: string;

  @Column('text')
  scopePath!: string;
}

@ObjectType({ description: 'One patrol carried out (巡逻记录).' })
@Entity()
export class PatrolLog {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  scheduleId!: string;

  @Field()
  @Column('text')
  patrollerSub!: string;

  @Field()
  @Column('text')
  patrollerName!: string;

  @Field()
  @Column('timestamptz')
  startedAt!: Date;

  @Field()
  @Column('timestamptz')
  endedAt!: Date;

  @Field()
  @Column('text')
  findings!: string;

  @Column('text')
  scopePath!: string;
}

/** Volunteer service (志愿服务) a resident gave; the fund service turns it into points. */
@ObjectType({ description: 'Volunteer service (志愿服务) by a resident: team, activity and time.' })
@Entity()
export class VolunteerService {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  residentId!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Field({ description: "A code of the district's activity types, e.g. PATROL, CLEANUP, ELDERLY_CARE." })
  @Column('text')
  activityType!: string;

  @Field(() => Int, { description: 'Service time in whole minutes.' })
  @Column('integer')
  minutes!: number;

  @Field()
  @Column('date')
  serviceDate!: string;

  @Column('uuid')
  communityId!: string;

  @Field({ description: 'Token subject of whoever recorded the service.' })
  @Column('text')
  recordedBy!: string;

  @Column('text')
  scopePath!: string;
}
