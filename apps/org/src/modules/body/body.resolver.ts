import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, type ConnectionShape } from '@gongzhi/platform-graphql';
import { byKey, groupByKey, type RequestContext } from '@gongzhi/platform-service';
import { partyMemberResidents, residentsByIds } from '../grid/governance-lookups';
import { Resident } from '../resident/resident.entity';
import { BodyGroup, BodyMember, BodyTerm, GovernanceBody, PartyMemberShare } from './body.entity';
import { AddBodyGroupInput, AddBodyTermInput, AppointBodyMemberInput, BodyMembersArgs, CreateGovernanceBodyInput, FileBodyTermInput, GovernanceBodiesArgs, RemoveBodyMemberInput } from './body.inputs';
import type { BodyService } from './body.service';

@ObjectType()
export class GovernanceBodyConnection extends Connection(GovernanceBody, 'GovernanceBody') {}

@ObjectType()
export class BodyMemberConnection extends Connection(BodyMember, 'BodyMember') {}

@Resolver(() => GovernanceBody)
export class GovernanceBodyResolver {
  constructor(private readonly bodyService: BodyService) {}

  @Authorized()
  @Query(() => GovernanceBody, { description: 'One self-governance body inside your scopes.' })
  governanceBody(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<GovernanceBody> {
    return this.bodyService.get(requireUser(ctx), id);
  }

  @Authorized()
  @Query(() => GovernanceBodyConnection, { description: 'Self-governance bodies inside your scopes.' })
  governanceBodies(@Args() args: GovernanceBodiesArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<GovernanceBody>> {
    return this.bodyService.list(requireUser(ctx), args);
  }

  @Requires('governance:administer')
  @Mutation(() => GovernanceBody, { description: 'Registers a self-governance body.' })
  createGovernanceBody(@Arg('input') input: CreateGovernanceBodyInput, @Ctx() ctx: RequestContext): Promise<GovernanceBody> {
    return this.bodyService.create(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => BodyTerm, { description: 'Adds a term of office to a body.' })
  addBodyTerm(@Arg('input') input: AddBodyTermInput, @Ctx() ctx: RequestContext): Promise<BodyTerm> {
    return this.bodyService.addTerm(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => BodyTerm, { description: 'Records that a term was filed (备案) with an authority.' })
  fileBodyTerm(@Arg('input') input: FileBodyTermInput, @Ctx() ctx: RequestContext): Promise<BodyTerm> {
    return this.bodyService.fileTerm(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => BodyGroup, { description: "Adds a council, board of supervisors or working group to a promotion association." })
  addBodyGroup(@Arg('input') input: AddBodyGroupInput, @Ctx() ctx: RequestContext): Promise<BodyGroup> {
    return this.bodyService.addGroup(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => BodyMember, { description: 'Appoints a resident to a post in a body (publishes org.body-member.appointed.v1).' })
  appointBodyMember(@Arg('input') input: AppointBodyMemberInput, @Ctx() ctx: RequestContext): Promise<BodyMember> {
    return this.bodyService.appoint(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => BodyMember, { description: 'Removes a member from their post (publishes org.body-member.removed.v1).' })
  removeBodyMember(@Arg('input') input: RemoveBodyMemberInput, @Ctx() ctx: RequestContext): Promise<BodyMember> {
    return this.bodyService.remove(requireUser(ctx), input);
  }

  @FieldResolver(() => PartyMemberShare, { description: 'Party members among the current members; red (红色) when more than half.' })
  partyMemberShare(@Root() body: GovernanceBody, @Ctx() ctx: RequestContext): Promise<PartyMemberShare> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, PartyMemberShare>('bodyPartyMemberShare', async (ids) => {
        const shares = await this.bodyService.partyMemberShares(user, ids);
        return ids.map((id) => shares.get(id)!);
      })
      .load(body.id);
  }

  @FieldResolver(() => BodyMemberConnection, { description: 'Members, current ones unless includeRemoved.' })
  members(@Root() body: GovernanceBody, @Args() args: BodyMembersArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<BodyMember>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<BodyMember>>(`bodyMembers:${args.first}:${args.after ?? ''}:${args.includeRemoved}`, async (ids) => {
        const pages = await this.bodyService.membersOf(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(body.id);
  }

  @FieldResolver(() => [BodyTerm], { description: 'Terms of office, latest first.' })
  terms(@Root() body: GovernanceBody, @Ctx() ctx: RequestContext): Promise<BodyTerm[]> {
    return ctx.loaders.get<string, BodyTerm[]>('bodyTerms', async (ids) => groupByKey(ids, await this.bodyService.termsOf(ids), (t) => t.bodyId)).load(body.id);
  }

  @FieldResolver(() => [BodyGroup], { description: "A promotion association's council, supervisors and working groups." })
  groups(@Root() body: GovernanceBody, @Ctx() ctx: RequestContext): Promise<BodyGroup[]> {
    return ctx.loaders.get<string, BodyGroup[]>('bodyGroups', async (ids) => groupByKey(ids, await this.bodyService.groupsOf(ids), (g) => g.bodyId)).load(body.id);
  }
}

@Resolver(() => BodyMember)
export class BodyMemberResolver {
  constructor(private readonly dataSource: DataSource) {}

  @FieldResolver(() => Resident, { nullable: true, description: 'The resident; null when they live outside your scopes.' })
  resident(@Root() member: BodyMember, @Ctx() ctx: RequestContext): Promise<Resident | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, Resident | null>('governanceResidentById', async (ids) => byKey(ids, await residentsByIds(this.dataSource, user, ids), (r) => r.id))
      .load(member.residentId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the member is a party member (党员).' })
  isPartyMember(@Root() member: BodyMember, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders
      .get<string, boolean>('isPartyMember', async (ids) => {
        const members = await partyMemberResidents(this.dataSource, ids);
        return ids.map((id) => members.has(id));
      })
      .load(member.residentId);
  }
}
