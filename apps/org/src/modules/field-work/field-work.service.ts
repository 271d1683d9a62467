import type { DataSource, EntityManager } from 'typeorm';
import { orgVolunteerServiceRecordedV1 } from '@gongzhi/contracts-events';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { pagePerKey } from '@gongzhi/platform-service';
import { Area } from '../area/area.entity';
import { GovernanceBody, GovernanceBodyKind } from '../body/body.entity';
import { Compound } from '../compound/compound.entity';
import { Building, Dwelling, Unit } from '../dwelling/dwelling.entity';
import { isoDate, narrowToScope, residentInScope, violatedConstraint } from '../grid/governance-lookups';
import { BuildingLeader, BuildingRole, HouseholdVisit, PatrolLog, PatrolSchedule, VolunteerService } from './field-work.entity';
import type {
  AppointBuildingLeaderInput,
  BuildingLeadersArgs,
  CreatePatrolScheduleInput,
  EndBuildingLeaderInput,
  HouseholdVisitsArgs,
  PatrolSchedulesArgs,
  RecordHouseholdVisitInput,
  RecordPatrolInput,
  RecordVolunteerServiceInput,
  VolunteerServicesArgs,
} from './field-work.inputs';

/** Teams whose members' service counts as volunteer service. */
const SERVICE_TEAM_KINDS: readonly GovernanceBodyKind[] = [GovernanceBodyKind.VOLUNTEER_TEAM, GovernanceBodyKind.MEDIATION_TEAM];

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export class FieldWorkService {
  constructor(private readonly dataSource: DataSource) {}

  async appointLeader(user: AuthUser, input: AppointBuildingLeaderInput): Promise<BuildingLeader> {
    const buildingId = parseId(input.buildingId, 'input.buildingId');
    const unitId = input.unitId ? parseId(input.unitId, 'input.unitId') : null;
    const appointedOn = isoDate(input.appointedOn, 'input.appointedOn');
    return this.dataSource.transaction(async (manager) => {
      const building = await manager.findOne(Building, { where: { id: buildingId } });
      if (!building) throw new BadUserInputError('input.buildingId', 'UNKNOWN_BUILDING', `no building has the id ${buildingId}`);
      requireScope(user, building.scopePath, 'this building');
      if (unitId && !(await manager.exists(Unit, { where: { id: unitId, buildingId } }))) {
        throw new BadUserInputError('input.unitId', 'UNIT_NOT_IN_BUILDING', `building ${building.number} has no unit with the id ${unitId}`);
      }
      const resident = await residentInScope(manager, user, input.residentId, 'input.residentId');
      const livesThere = (await manager.query(
        `SELECT 1 FROM residency r JOIN dwelling d ON d.id = r.dwelling_id
          WHERE r.resident_id = $1 AND r.moved_out IS NULL AND d.building_id = $2 AND ($3::uuid IS NULL OR d.unit_id = $3)`,
        [resident.id, buildingId, unitId],
      )) as unknown[];
      if (livesThere.length === 0) {
        throw new BadUserInputError('input.residentId', 'NOT_LIVING_THERE', `a ${unitId ? 'unit' : 'building'} leader lives in the ${unitId ? 'unit' : 'building'}`);
      }
      const leader = manager.create(BuildingLeader, {
        id: uuidv7(),
        role: unitId ? BuildingRole.UNIT_LEADER : BuildingRole.BUILDING_LEADER,
        buildingId,
        unitId,
        compoundId: building.compoundId,
        residentId: resident.id,
        appointedOn,
        endedOn: null,
        scopePath: building.scopePath,
      });
      try {
        await manager.insert(BuildingLeader, leader);
      } catch (error) {
        if (violatedConstraint(error, '23505') === null) throw error;
        const field = unitId ? 'input.unitId' : 'input.buildingId';
        throw new ConflictError('LEADER_EXISTS', `${field}: already has a current ${unitId ? 'unit' : 'building'} leader`, field);
      }
      return leader;
    });
  }

  async endLeader(user: AuthUser, input: EndBuildingLeaderInput): Promise<BuildingLeader> {
    const leaderId = parseId(input.leaderId, 'input.leaderId');
    const endedOn = isoDate(input.endedOn, 'input.endedOn');
    return this.dataSource.transaction(async (manager) => {
      const leader = await manager.findOne(BuildingLeader, { where: { id: leaderId }, lock: { mode: 'pessimistic_write' } });
      if (!leader) throw new BadUserInputError('input.leaderId', 'UNKNOWN_LEADER', `no building or unit leader has the id ${leaderId}`);
      requireScope(user, leader.scopePath, 'this building');
      if (leader.endedOn) throw new ConflictError('ALREADY_ENDED', `input.leaderId: ended on ${leader.endedOn}`, 'input.leaderId');
      if (endedOn < leader.appointedOn) throw new BadUserInputError('input.endedOn', 'BEFORE_APPOINTMENT', `must not be before ${leader.appointedOn}`);
      leader.endedOn = endedOn;
      await manager.save(BuildingLeader, leader);
      return leader;
    });
  }

  async leaders(user: AuthUser, args: BuildingLeadersArgs): Promise<ConnectionShape<BuildingLeader>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'l.scope_path');
    const query = this.dataSource
      .getRepository(BuildingLeader)
      .createQueryBuilder('l')
      .where('l.compound_id = :compoundId', { compoundId: parseId(args.compoundId, 'compoundId') })
      .andWhere(scope.sql, scope.params)
      .orderBy('l.id', 'ASC')
      .limit(args.first + 1);
    if (!args.includeEnded) query.andWhere('l.ended_on IS NULL');
    if (after) query.andWhere('l.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  async recordVisit(user: AuthUser, input: RecordHouseholdVisitInput, now = new Date()): Promise<HouseholdVisit> {
    const dwellingId = parseId(input.dwellingId, 'input.dwellingId');
    if (input.visitedAt.getTime() > now.getTime()) throw new BadUserInputError('input.visitedAt', 'IN_THE_FUTURE', 'a visit is recorded after it happened');
    return this.dataSource.transaction(async (manager) => {
      const dwelling = await manager.findOne(Dwelling, { where: { id: dwellingId } });
      if (!dwelling) throw new BadUserInputError('input.dwellingId', 'UNKNOWN_DWELLING', `no dwelling has the id ${dwellingId}`);
      requireScope(user, dwelling.scopePath, 'this dwelling');
      const visit = manager.create(HouseholdVisit, {
        id: uuidv7(),
        dwellingId,
        compoundId: dwelling.compoundId,
        visitorSub: user.sub,
        visitorName: input.visitorName.trim(),
        visitedAt: input.visitedAt,
        notes: input.notes.trim(),
        scopePath: dwelling.scopePath,
      });
      await manager.insert(HouseholdVisit, visit);
      return visit;
    });
  }

  async visits(user: AuthUser, args: HouseholdVisitsArgs): Promise<ConnectionShape<HouseholdVisit>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'v.scope_path');
    const query = this.dataSource.getRepository(HouseholdVisit).createQueryBuilder('v').where(scope.sql, scope.params).orderBy('v.id', 'ASC').limit(args.first + 1);
    if (args.compoundId) query.andWhere('v.compound_id = :compoundId', { compoundId: parseId(args.compoundId, 'compoundId') });
    if (args.dwellingId) query.andWhere('v.dwelling_id = :dwellingId', { dwellingId: parseId(args.dwellingId, 'dwellingId') });
    if (after) query.andWhere('v.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  async createSchedule(user: AuthUser, input: CreatePatrolScheduleInput): Promise<PatrolSchedule> {
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    const teamId = input.teamId ? parseId(input.teamId, 'input.teamId') : null;
    if (input.endsAt <= input.startsAt) throw new BadUserInputError('input.endsAt', 'ENDS_BEFORE_START', 'must be after startsAt (a patrol past midnight is two schedules)');
    return this.dataSource.transaction(async (manager) => {
      const compound = await manager.findOne(Compound, { where: { id: compoundId } });
      if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      requireScope(user, compound.scopePath, 'this compound');
      if (teamId) await this.teamFor(manager, user, teamId, compound.communityId);
      const schedule = manager.create(PatrolSchedule, {
        id: uuidv7(),
        compoundId,
        teamId,
        name: input.name.trim(),
        weekdays: [...new Set(input.weekdays)].sort(),
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        route: input.route.trim(),
        scopePath: compound.scopePath,
      });
      await manager.insert(PatrolSchedule, schedule);
      return manager.findOneOrFail(PatrolSchedule, { where: { id: schedule.id } });
    });
  }

  async recordPatrol(user: AuthUser, input: RecordPatrolInput, now = new Date()): Promise<PatrolLog> {
    const scheduleId = parseId(input.scheduleId, 'input.scheduleId');
    if (input.endedAt.getTime() <= input.startedAt.getTime()) throw new BadUserInputError('input.endedAt', 'ENDS_BEFORE_START', 'must be after startedAt');
    if (input.endedAt.getTime() > now.getTime()) throw new BadUserInputError('input.endedAt', 'IN_THE_FUTURE', 'a patrol is recorded after it ended');
    return this.dataSource.transaction(async (manager) => {
      const schedule = await manager.findOne(PatrolSchedule, { where: { id: scheduleId } });
      if (!schedule) throw new BadUserInputError('input.scheduleId', 'UNKNOWN_PATROL_SCHEDULE', `no patrol schedule has the id ${scheduleId}`);
      requireScope(user, schedule.scopePath, 'this compound');
      const log = manager.create(PatrolLog, {
        id: uuidv7(),
        scheduleId,
        patrollerSub: user.sub,
        patrollerName: input.patrollerName.trim(),
        startedAt: input.startedAt,
        endedAt: input.endedAt,
        findings: input.findings.trim(),
        scopePath: schedule.scopePath,
      });
      await manager.insert(PatrolLog, log);
      return log;
    });
  }

  async schedules(user: AuthUser, args: PatrolSchedulesArgs): Promise<ConnectionShape<PatrolSchedule>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 's.scope_path');
    const query = this.dataSource.getRepository(PatrolSchedule).createQueryBuilder('s').where(scope.sql, scope.params).orderBy('s.id', 'ASC').limit(args.first + 1);
    narrowToScope(query, user, args.scope, 's.scope_path');
    if (after) query.andWhere('s.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** The first page of logs of each of many schedules, in one statement. */
  logsOf(user: AuthUser, scheduleIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<PatrolLog>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(PatrolLog), {
      table: 'patrol_log',
      keyColumn: 'schedule_id',
      keyOf: (log) => log.scheduleId,
      keys: scheduleIds,
      conditions: [scope.sql],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  async recordVolunteerService(user: AuthUser, input: RecordVolunteerServiceInput, now = new Date()): Promise<VolunteerService> {
    const serviceDate = isoDate(input.serviceDate, 'input.serviceDate');
    const teamId = input.teamId ? parseId(input.teamId, 'input.teamId') : null;
    if (serviceDate > today(now)) throw new BadUserInputError('input.serviceDate', 'IN_THE_FUTURE', 'service is recorded after it was given');
    return this.dataSource.transaction(async (manager) => {
      const resident = await residentInScope(manager, user, input.residentId, 'input.residentId');
      if (teamId) await this.teamFor(manager, user, teamId, resident.communityId);
      const community = await manager.findOneOrFail(Area, { where: { id: resident.communityId } });
      const record = manager.create(VolunteerService, {
        id: uuidv7(),
        residentId: resident.id,
        teamId,
        activityType: input.activityType,
        minutes: input.minutes,
        serviceDate,
        communityId: community.id,
        recordedBy: user.sub,
        scopePath: resident.scopePath,
      });
      await manager.insert(VolunteerService, record);
      await enqueueEvent(manager, {
        contract: orgVolunteerServiceRecordedV1,
        subject: record.id,
        scope: record.scopePath,
        data: {
          recordId: record.id,
          residentId: resident.id,
          teamId,
          activityType: record.activityType,
          minutes: record.minutes,
          serviceDate,
          communityCode: community.code,
          scopePath: record.scopePath,
        },
      });
      return record;
    });
  }

  async volunteerServices(user: AuthUser, args: VolunteerServicesArgs): Promise<ConnectionShape<VolunteerService>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'v.scope_path');
    const query = this.dataSource.getRepository(VolunteerService).createQueryBuilder('v').where(scope.sql, scope.params).orderBy('v.id', 'ASC').limit(args.first + 1);
    if (args.residentId) query.andWhere('v.resident_id = :residentId', { residentId: parseId(args.residentId, 'residentId') });
    if (args.teamId) query.andWhere('v.team_id = :teamId', { teamId: parseId(args.teamId, 'teamId') });
    if (after) query.andWhere('v.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** A volunteer or mediation team of the community, inside the caller's scopes. */
  private async teamFor(manager: EntityManager, user: AuthUser, teamId: string, communityId: string): Promise<GovernanceBody> {
    const team = await manager.findOne(GovernanceBody, { where: { id: teamId } });
    if (!team || team.communityId !== communityId || !SERVICE_TEAM_KINDS.includes(team.kind)) {
      throw new BadUserInputError('input.teamId', 'UNKNOWN_TEAM', `the community has no volunteer or mediation team with the id ${teamId}`);
    }
    requireScope(user, team.scopePath, 'this team');
    return team;
  }
}
