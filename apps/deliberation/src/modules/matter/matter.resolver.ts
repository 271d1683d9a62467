import { Arg, Args, Authorized, Ctx, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireUser } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Matter } from './matter.entity';
import { MattersArgs, RaiseMatterInput } from './matter.inputs';
import type { MatterService } from './matter.service';

@ObjectType()
export class MatterConnection extends Connection(Matter, 'Matter') {}

@Resolver(() => Matter)
export class MatterResolver {
  constructor(private readonly matterService: MatterService) {}

  @Authorized()
  @Query(() => MatterConnection, { description: 'Matters inside your scopes, in the order they were raised.' })
  matters(@Args() args: MattersArgs, @Ctx() ctx: RequestContext): Promise<MatterConnection> {
    return this.matterService.list(requireUser(ctx), args);
  }

  @Authorized()
  @Mutation(() => Matter, { description: 'Raises a matter in a compound inside your scopes (说事).' })
  raiseMatter(@Arg('input') input: RaiseMatterInput, @Ctx() ctx: RequestContext): Promise<Matter> {
    return this.matterService.raise(requireUser(ctx), input);
  }
}
