import type { DataSource } from 'typeorm';
import { OrgGovernance1763800000000 } from '../../migrations/1763800000000-governance';
import { BodyGroup, BodyMember, BodyTerm, GovernanceBody } from './body/body.entity';
import { BodyMemberResolver, GovernanceBodyResolver } from './body/body.resolver';
import { BodyService } from './body/body.service';
import { BuildingLeader, HouseholdVisit, PatrolLog, PatrolSchedule, VolunteerService } from './field-work/field-work.entity';
import { BuildingLeaderResolver, FieldWorkResolver } from './field-work/field-work.resolver';
import { FieldWorkService } from './field-work/field-work.service';
import { RoomBooking, SharedSpace, SpaceRoom } from './field-work/shared-space.entity';
import { SharedSpaceResolver, SpaceRoomResolver } from './field-work/shared-space.resolver';
import { SharedSpaceService } from './field-work/shared-space.service';
import { Grid, GridCoverage, GridWorker } from './grid/grid.entity';
import { GridCoverageResolver, GridResolver } from './grid/grid.resolver';
import { GridService } from './grid/grid.service';
import { CentralHousehold, CentralHouseholdLink, PartyBuildingInstructor, PartyMember, PartyOrganization } from './party/party.entity';
import { CentralHouseholdResolver, PartyMemberResolver, PartyOrganizationResolver } from './party/party.resolver';
import { PartyService } from './party/party.service';

/**
 * Grids, party organization, self-governance bodies, building roles and field work (issue 3, items 4–7), as
 * parts the org module adds to its own entities, migrations and resolvers.
 */
export const governanceParts = {
  entities: [
    Grid,
    GridCoverage,
    GridWorker,
    PartyOrganization,
    PartyMember,
    CentralHousehold,
    CentralHouseholdLink,
    PartyBuildingInstructor,
    GovernanceBody,
    BodyTerm,
    BodyGroup,
    BodyMember,
    BuildingLeader,
    HouseholdVisit,
    PatrolSchedule,
    PatrolLog,
    VolunteerService,
    SharedSpace,
    SpaceRoom,
    RoomBooking,
  ],
  migrations: [OrgGovernance1763800000000],
  resolverClasses: [
    GridResolver,
    GridCoverageResolver,
    PartyOrganizationResolver,
    PartyMemberResolver,
    CentralHouseholdResolver,
    GovernanceBodyResolver,
    BodyMemberResolver,
    BuildingLeaderResolver,
    FieldWorkResolver,
    SharedSpaceResolver,
    SpaceRoomResolver,
  ],
  createResolvers(dataSource: DataSource): object[] {
    const grids = new GridService(dataSource);
    const party = new PartyService(dataSource);
    const bodies = new BodyService(dataSource);
    const fieldWork = new FieldWorkService(dataSource);
    const spaces = new SharedSpaceService(dataSource);
    return [
      new GridResolver(grids),
      new GridCoverageResolver(grids),
      new PartyOrganizationResolver(party),
      new PartyMemberResolver(party, dataSource),
      new CentralHouseholdResolver(party),
      new GovernanceBodyResolver(bodies),
      new BodyMemberResolver(dataSource),
      new BuildingLeaderResolver(fieldWork, dataSource),
      new FieldWorkResolver(fieldWork),
      new SharedSpaceResolver(spaces),
      new SpaceRoomResolver(spaces),
    ];
  },
};
