import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Matter } from './matter.entity';
import { MatterTransition } from './matter-transition.entity';
import { EscalateMatterInput, MattersArgs, MoveMatterInput, OverdueMattersArgs, RaiseMatterInput } from './matter.inputs';
import type { MatterService } from './matter.service';

@ObjectType()
export class MatterConnection extends Connection(Matter, 'Matter') {}

@ObjectType()
export class MatterTimelineConnection extends Connection(MatterTransition, 'MatterTimeline') {}

@Resolver(() => Matter)
export class MatterResolver {
  constructor(private readonly matterService: MatterService) {}

  @Authorized()
  @Query(() => MatterConnection, { description: 'Matters inside your scopes, in the order they were raised.' })
  matters(@Args() args: MattersArgs, @Ctx() ctx: RequestContext): Promise<MatterConnection> {
    return this.matterService.list(requireUser(ctx), args);
  }

  @Authorized()
  @Query(() => MatterConnection, { description: 'Matters inside your scopes past their acknowledgement or answer deadline and not yet ended.' })
  overdueMatters(@Args() args: OverdueMattersArgs, @Ctx() ctx: RequestContext): Promise<MatterConnection> {
    return this.matterService.overdue(requireUser(ctx), args);
  }

  @Requires('matter:raise', 'matter:relay-hotline', 'matter:handle')
  @Mutation(() => Matter, { description: 'Raises a matter in a compound inside your scopes (说事).' })
  raiseMatter(@Arg('input') input: RaiseMatterInput, @Ctx() ctx: RequestContext): Promise<Matter> {
    return this.matterService.raise(requireUser(ctx), input);
  }

  @Requires('matter:handle')
  @Mutation(() => Matter, { description: 'Moves a matter one step on (议事→办事→评事); illegal steps are refused.' })
  moveMatter(@Arg('input') input: MoveMatterInput, @Ctx() ctx: RequestContext): Promise<Matter> {
    return this.matterService.move(requireUser(ctx), input);
  }

  @Requires('matter:handle')
  @Mutation(() => Matter, { description: 'Hands a matter up one handling level with a reason (三级联动).' })
  escalateMatter(@Arg('input') input: EscalateMatterInput, @Ctx() ctx: RequestContext): Promise<Matter> {
    return this.matterService.escalate(requireUser(ctx), input);
  }

  @Authorized()
  @FieldResolver(() => MatterTimelineConnection, { description: 'The public timeline (晒事): every step with when, why and by which role; no personal data.' })
  timeline(@Root() matter: Matter, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<MatterTransition>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<MatterTransition>>(`matterTimeline:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.matterService.timelines(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(matter.id);
  }
}
