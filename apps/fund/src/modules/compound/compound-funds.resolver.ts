import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireUser } from '@gongzhi/platform-auth';
import { PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import type { Fund } from '../fund/fund.entity';
import { FundConnection } from '../fund/fund.resolver';
import type { FundService } from '../fund/fund.service';
import { CompoundRef } from '@gongzhi/org-mirror';

/** Extends org's Compound with the funds its owners hold; one query serves every compound in a request. */
@Resolver(() => CompoundRef)
export class CompoundFundsResolver {
  constructor(private readonly fundService: FundService) {}

  @Authorized()
  @FieldResolver(() => FundConnection, { description: 'Funds owned by this compound (fund service).' })
  funds(@Root() compound: CompoundRef, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<Fund>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<Fund>>(`compoundFunds:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.fundService.pageByCompounds(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(compound.id);
  }
}

