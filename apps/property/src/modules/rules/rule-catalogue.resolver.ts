import { Arg, Args, Authorized, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { RuleCatalogue } from './rule-catalogue.entity';
import { DraftRuleCatalogueInput, RuleCataloguesArgs } from './rule-catalogue.inputs';
import type { RuleCatalogueService } from './rule-catalogue.service';

@ObjectType()
export class RuleCatalogueConnection extends Connection(RuleCatalogue, 'RuleCatalogue') {}

@Resolver(() => RuleCatalogue)
export class RuleCatalogueResolver {
  constructor(private readonly catalogueService: RuleCatalogueService) {}

  @Authorized()
  @Query(() => RuleCatalogueConnection, { description: 'Versions of a district’s rule catalogue, oldest first.' })
  ruleCatalogues(@Args() args: RuleCataloguesArgs, @Ctx() ctx: RequestContext): Promise<RuleCatalogueConnection> {
    return this.catalogueService.list(requireUser(ctx), args);
  }

  @Requires('credit-list:administer')
  @Mutation(() => RuleCatalogue, { description: 'Drafts the next version of a district’s rule catalogue.' })
  draftRuleCatalogue(@Arg('input') input: DraftRuleCatalogueInput, @Ctx() ctx: RequestContext): Promise<RuleCatalogue> {
    return this.catalogueService.draft(requireUser(ctx), input);
  }

  @Requires('credit-list:administer')
  @Mutation(() => RuleCatalogue, { description: 'Publishes a draft catalogue version; it never changes afterwards.' })
  publishRuleCatalogue(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RuleCatalogue> {
    return this.catalogueService.publish(requireUser(ctx), id);
  }
}
