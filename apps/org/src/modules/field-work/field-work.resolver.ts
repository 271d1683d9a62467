import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, type ConnectionShape } from '@gongzhi/platform-graphql';
import { byKey, type RequestContext } from '@gongzhi/platform-service';
import { partyMemberResidents, residentsByIds } from '../grid/governance-lookups';
import { Resident } from '../resident/resident.entity';
import { BuildingLeader, HouseholdVisit, PatrolLog, PatrolSchedule, VolunteerService } from './field-work.entity';
import {
  AppointBuildingLeaderInput,
  BuildingLeadersArgs,
  CreatePatrolScheduleInput,
  EndBuildingLeaderInput,
  HouseholdVisitsArgs,
  PatrolLogsArgs,
  PatrolSchedulesArgs,
  RecordHouseholdVisitInput,
  RecordPatrolInput,
  RecordVolunteerServiceInput,
  VolunteerServicesArgs,
} from './field-work.inputs';
import type { FieldWorkService } from './field-work.service';

@ObjectType()
export class BuildingLeaderConnection extends Connection(BuildingLeader, 'BuildingLeader') {}

@ObjectType()
export class HouseholdVisitConnection extends Connection(HouseholdVisit, 'HouseholdVisit') {}

@ObjectType()
export class PatrolScheduleConnection extends Connection(PatrolSchedule, 'PatrolSchedule') {}

@ObjectType()
export class PatrolLogConnection extends Connection(PatrolLog, 'PatrolLog') {}

@ObjectType()
export class VolunteerServiceConnection extends Connection(VolunteerService, 'VolunteerService') {}

@Resolver(() => BuildingLeader)
export class BuildingLeaderResolver {
  constructor(
    private readonly fieldWork: FieldWorkService,
    private readonly dataSource: DataSource,
  ) {}

  @Authorized()
  @Query(() => BuildingLeaderConnection, { description: 'Building and unit leaders of a compound inside your scopes.' })
  buildingLeaders(@Args() args: BuildingLeadersArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<BuildingLeader>> {
    return this.fieldWork.leaders(requireUser(ctx), args);
  }

  @Requires('governance:administer')
  @Mutation(() => BuildingLeader, { description: 'Appoints a building leader (楼长), or a unit leader (单元长) when a unit is given.' })
  appointBuildingLeader(@Arg('input') input: AppointBuildingLeaderInput, @Ctx() ctx: RequestContext): Promise<BuildingLeader> {
    return this.fieldWork.appointLeader(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => BuildingLeader, { description: "Ends a building or unit leader's appointment." })
  endBuildingLeader(@Arg('input') input: EndBuildingLeaderInput, @Ctx() ctx: RequestContext): Promise<BuildingLeader> {
    return this.fieldWork.endLeader(requireUser(ctx), input);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the leader is a party member (党员楼长), from the party-member register.' })
  isPartyMember(@Root() leader: BuildingLeader, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders
      .get<string, boolean>('isPartyMember', async (ids) => {
        const members = await partyMemberResidents(this.dataSource, ids);
        return ids.map((id) => members.has(id));
      })
      .load(leader.residentId);
  }

  @FieldResolver(() => Resident, { nullable: true })
  resident(@Root() leader: BuildingLeader, @Ctx() ctx: RequestContext): Promise<Resident | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, Resident | null>('governanceResidentById', async (ids) => byKey(ids, await residentsByIds(this.dataSource, user, ids), (r) => r.id))
      .load(leader.residentId);
  }
}

@Resolver(() => PatrolSchedule)
export class FieldWorkResolver {
  constructor(private readonly fieldWork: FieldWorkService) {}

  @Requires('field-work:read')
  @Query(() => HouseholdVisitConnection, { description: 'Door-to-door visits (入户走访) inside your scopes.' })
  householdVisits(@Args() args: HouseholdVisitsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<HouseholdVisit>> {
    return this.fieldWork.visits(requireUser(ctx), args);
  }

  @Requires('field-work:record')
  @Mutation(() => HouseholdVisit, { description: 'Records a door-to-door visit you made.' })
  recordHouseholdVisit(@Arg('input') input: RecordHouseholdVisitInput, @Ctx() ctx: RequestContext): Promise<HouseholdVisit> {
    return this.fieldWork.recordVisit(requireUser(ctx), input);
  }

  @Authorized()
  @Query(() => PatrolScheduleConnection, { description: 'Patrol schedules inside your scopes.' })
  patrolSchedules(@Args() args: PatrolSchedulesArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<PatrolSchedule>> {
    return this.fieldWork.schedules(requireUser(ctx), args);
  }

  @Requires('governance:administer')
  @Mutation(() => PatrolSchedule, { description: 'Sets up a recurring patrol of a compound.' })
  createPatrolSchedule(@Arg('input') input: CreatePatrolScheduleInput, @Ctx() ctx: RequestContext): Promise<PatrolSchedule> {
    return this.fieldWork.createSchedule(requireUser(ctx), input);
  }

  @Requires('field-work:record')
  @Mutation(() => PatrolLog, { description: 'Records a patrol you carried out.' })
  recordPatrol(@Arg('input') input: RecordPatrolInput, @Ctx() ctx: RequestContext): Promise<PatrolLog> {
    return this.fieldWork.recordPatrol(requireUser(ctx), input);
  }

  @Requires('field-work:read')
  @FieldResolver(() => PatrolLogConnection, { description: 'Patrols carried out on this schedule.' })
  logs(@Root() schedule: PatrolSchedule, @Args() args: PatrolLogsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<PatrolLog>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<PatrolLog>>(`patrolLogs:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.fieldWork.logsOf(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(schedule.id);
  }

  @Requires('volunteer-service:read')
  @Query(() => VolunteerServiceConnection, { description: 'Volunteer service records inside your scopes.' })
  volunteerServices(@Args() args: VolunteerServicesArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<VolunteerService>> {
    return this.fieldWork.volunteerServices(requireUser(ctx), args);
  }

  @Requires('volunteer-service:record')
  @Mutation(() => VolunteerService, { description: 'Records volunteer service (publishes org.volunteer-service.recorded.v1).' })
  recordVolunteerService(@Arg('input') input: RecordVolunteerServiceInput, @Ctx() ctx: RequestContext): Promise<VolunteerService> {
    return this.fieldWork.recordVolunteerService(requireUser(ctx), input);
  }
}
