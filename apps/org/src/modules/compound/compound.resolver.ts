import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, PageArgs, parseId } from '@gongzhi/platform-graphql';
import { byKey, type RequestContext } from '@gongzhi/platform-service';
import { Area } from '../area/area.entity';
import type { AreaService } from '../area/area.service';
import { Compound } from './compound.entity';
import { CreateCompoundInput } from './compound.inputs';
import type { CompoundService } from './compound.service';

@ObjectType()
export class CompoundConnection extends Connection(Compound, 'Compound') {}

@ArgsType()
export class CompoundsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to this scope path (a street, community, …) inside your scopes.' })
  scope?: string | null;
}

@Resolver(() => Compound)
export class CompoundResolver {
  constructor(
    private readonly compoundService: CompoundService,
    private readonly areaService: AreaService,
  ) {}

  @Authorized()
  @Query(() => Compound, { description: 'One compound inside your scopes.' })
  compound(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Compound> {
    return this.compoundService.get(requireUser(ctx), parseId(id, 'id'));
  }

  @Authorized()
  @Query(() => CompoundConnection, { description: 'Compounds inside your scopes, in creation order.' })
  compounds(@Args() args: CompoundsArgs, @Ctx() ctx: RequestContext): Promise<CompoundConnection> {
    return this.compoundService.list(requireUser(ctx), args);
  }

  @Requires('compound:register')
  @Mutation(() => Compound, { description: 'Registers a compound under a community in your scopes.' })
  createCompound(@Arg('input') input: CreateCompoundInput, @Ctx() ctx: RequestContext): Promise<Compound> {
    return this.compoundService.create(requireUser(ctx), input);
  }

  @FieldResolver(() => Area, { nullable: true, description: 'The community the compound belongs to.' })
  community(@Root() compound: Compound, @Ctx() ctx: RequestContext): Promise<Area | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, Area | null>('areaById', async (ids) => byKey(ids, await this.areaService.byIds(user, ids), (a) => a.id))
      .load(compound.communityId);
  }
}
