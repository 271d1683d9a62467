import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, type ConnectionShape } from '@gongzhi/platform-graphql';
import { byKey, groupByKey, type RequestContext } from '@gongzhi/platform-service';
import type { DataSource } from 'typeorm';
import { residentsByIds } from '../grid/governance-lookups';
import { Resident } from '../resident/resident.entity';
import { CentralHousehold, CentralHouseholdLink, PartyBuildingInstructor, PartyMember, PartyOrganization } from './party.entity';
import {
  AssignPartyBuildingInstructorInput,
  CentralHouseholdsArgs,
  CreatePartyOrganizationInput,
  DesignateCentralHouseholdInput,
  EnrolPartyMemberInput,
  LinkHouseholdsInput,
  PartyBuildingInstructorsArgs,
  PartyMembersArgs,
  PartyOrganizationsArgs,
  RecordPartyMemberRegistrationInput,
} from './party.inputs';
import type { PartyService } from './party.service';

@ObjectType()
export class PartyOrganizationConnection extends Connection(PartyOrganization, 'PartyOrganization') {}

@ObjectType()
export class PartyMemberConnection extends Connection(PartyMember, 'PartyMember') {}

@ObjectType()
export class CentralHouseholdConnection extends Connection(CentralHousehold, 'CentralHousehold') {}

@ObjectType()
export class PartyBuildingInstructorConnection extends Connection(PartyBuildingInstructor, 'PartyBuildingInstructor') {}

@Resolver(() => PartyOrganization)
export class PartyOrganizationResolver {
  constructor(private readonly partyService: PartyService) {}

  @Authorized()
  @Query(() => PartyOrganizationConnection, { description: 'Party organizations inside your scopes.' })
  partyOrganizations(@Args() args: PartyOrganizationsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<PartyOrganization>> {
    return this.partyService.organizations(requireUser(ctx), args);
  }

  @Requires('governance:administer')
  @Mutation(() => PartyOrganization, { description: "Adds a committee, general branch, branch or group to a community's party organization." })
  createPartyOrganization(@Arg('input') input: CreatePartyOrganizationInput, @Ctx() ctx: RequestContext): Promise<PartyOrganization> {
    return this.partyService.createOrganization(requireUser(ctx), input);
  }

  @Authorized()
  @Query(() => PartyBuildingInstructorConnection, { description: 'Party-building instructors assigned by your areas or the areas above them.' })
  partyBuildingInstructors(@Args() args: PartyBuildingInstructorsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<PartyBuildingInstructor>> {
    return this.partyService.instructors(requireUser(ctx), args);
  }

  @Requires('instructor:assign')
  @Mutation(() => PartyBuildingInstructor, { description: 'Assigns a party-building instructor (党建指导员) to a property company.' })
  assignPartyBuildingInstructor(@Arg('input') input: AssignPartyBuildingInstructorInput, @Ctx() ctx: RequestContext): Promise<PartyBuildingInstructor> {
    return this.partyService.assignInstructor(requireUser(ctx), input);
  }
}

@Resolver(() => PartyMember)
export class PartyMemberResolver {
  constructor(
    private readonly partyService: PartyService,
    private readonly dataSource: DataSource,
  ) {}

  @Requires('party-members:read')
  @Query(() => PartyMemberConnection, { description: 'Party members of your organizations or registered (报到) at your communities.' })
  partyMembers(@Args() args: PartyMembersArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<PartyMember>> {
    return this.partyService.members(requireUser(ctx), args);
  }

  @Requires('governance:administer')
  @Mutation(() => PartyMember, { description: 'Enrols a resident as a party member of an organization.' })
  enrolPartyMember(@Arg('input') input: EnrolPartyMemberInput, @Ctx() ctx: RequestContext): Promise<PartyMember> {
    return this.partyService.enrolMember(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => PartyMember, { description: 'Records a party member registering (报到) at the community where they live.' })
  recordPartyMemberRegistration(@Arg('input') input: RecordPartyMemberRegistrationInput, @Ctx() ctx: RequestContext): Promise<PartyMember> {
    return this.partyService.recordRegistration(requireUser(ctx), input);
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'The resident; null when they live outside your scopes.' })
  resident(@Root() member: PartyMember, @Ctx() ctx: RequestContext): Promise<Resident | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, Resident | null>('governanceResidentById', async (ids) => byKey(ids, await residentsByIds(this.dataSource, user, ids), (r) => r.id))
      .load(member.residentId);
  }
}

@Resolver(() => CentralHousehold)
export class CentralHouseholdResolver {
  constructor(private readonly partyService: PartyService) {}

  @Requires('party-members:read')
  @Query(() => CentralHouseholdConnection, { description: 'Party-member central households (党员中心户) inside your scopes.' })
  centralHouseholds(@Args() args: CentralHouseholdsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<CentralHousehold>> {
    return this.partyService.centralHouseholds(requireUser(ctx), args);
  }

  @Requires('governance:administer')
  @Mutation(() => CentralHousehold, { description: "Designates a party member's own dwelling a central household." })
  designateCentralHousehold(@Arg('input') input: DesignateCentralHouseholdInput, @Ctx() ctx: RequestContext): Promise<CentralHousehold> {
    return this.partyService.designateCentralHousehold(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => CentralHousehold, { description: 'Links households of the same compound to a central household (党员包联户).' })
  linkHouseholdsToCentralHousehold(@Arg('input') input: LinkHouseholdsInput, @Ctx() ctx: RequestContext): Promise<CentralHousehold> {
    return this.partyService.linkHouseholds(requireUser(ctx), input);
  }

  @FieldResolver(() => [CentralHouseholdLink], { description: 'The households linked to this one (at most 30).' })
  linkedHouseholds(@Root() household: CentralHousehold, @Ctx() ctx: RequestContext): Promise<CentralHouseholdLink[]> {
    return ctx.loaders
      .get<string, CentralHouseholdLink[]>('centralHouseholdLinks', async (ids) => groupByKey(ids, await this.partyService.linksOf(ids), (l) => l.centralHouseholdId))
      .load(household.id);
  }
}
