import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Disclosure, DisclosureConnection, DisclosureLineConnection, type DisclosureLine } from './disclosure.entity';
import { DisclosuresArgs, PublishDisclosureInput } from './disclosure.inputs';
import type { DisclosureService } from './disclosure.service';

@Resolver(() => Disclosure)
export class DisclosureResolver {
  constructor(private readonly service: DisclosureService) {}

  @Requires('fund:disclose')
  @Mutation(() => Disclosure, { description: 'Publishes a fund’s disclosure (公示) for a month: a snapshot of every income and expense line.' })
  publishDisclosure(@Arg('input') input: PublishDisclosureInput, @Ctx() ctx: RequestContext): Promise<Disclosure> {
    return this.service.publish(requireUser(ctx), input);
  }

  @Authorized()
  @Query(() => DisclosureConnection, { description: 'Disclosures of the funds that concern you: your compound’s trust account, your community’s funds.' })
  disclosures(@Args() args: DisclosuresArgs, @Ctx() ctx: RequestContext): Promise<DisclosureConnection> {
    return this.service.list(requireUser(ctx), args);
  }

  @Authorized()
  @Query(() => Disclosure, { description: 'One disclosure; FORBIDDEN when its fund does not concern you.' })
  disclosure(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Disclosure> {
    return this.service.get(requireUser(ctx), id);
  }

  @FieldResolver(() => DisclosureLineConnection, { description: 'The lines in ledger order.' })
  lines(@Root() disclosure: Disclosure, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<DisclosureLine>> {
    return ctx.loaders
      .get<string, ConnectionShape<DisclosureLine>>(`disclosureLines:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.service.linesOf(ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(disclosure.id);
  }
}
