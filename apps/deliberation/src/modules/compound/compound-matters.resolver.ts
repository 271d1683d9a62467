import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireUser } from '@gongzhi/platform-auth';
import type { ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import type { Matter } from '../matter/matter.entity';
import { CompoundMattersArgs } from '../matter/matter.inputs';
import { MatterConnection } from '../matter/matter.resolver';
import type { MatterService } from '../matter/matter.service';
import { CompoundRef } from '@gongzhi/org-mirror';

/** Extends org's Compound with its matters; one query serves every compound in a request. */
@Resolver(() => CompoundRef)
export class CompoundMattersResolver {
  constructor(private readonly matterService: MatterService) {}

  @Authorized()
  @FieldResolver(() => MatterConnection, { description: 'Matters raised in this compound (deliberation service).' })
  matters(@Root() compound: CompoundRef, @Args() args: CompoundMattersArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<Matter>> {
    const user = requireUser(ctx);
    const key = `compoundMatters:${args.first}:${args.after ?? ''}:${args.status ?? ''}`;
    return ctx.loaders
      .get<string, ConnectionShape<Matter>>(key, async (ids) => {
        const pages = await this.matterService.pageByCompounds(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(compound.id);
  }
}
