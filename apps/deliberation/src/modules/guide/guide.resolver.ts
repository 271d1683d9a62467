import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { GuideEntry } from './guide-entry.entity';
import { SetGuideEntryInput } from './guide.inputs';
import type { GuideService } from './guide.service';

@Resolver(() => GuideEntry)
export class GuideResolver {
  constructor(private readonly guideService: GuideService) {}

  @Authorized()
  @Query(() => [GuideEntry], { description: 'A district’s guide catalog (议事协商指导目录), one entry per category at most.' })
  guideCatalog(@Arg('districtId', () => ID) districtId: string, @Ctx() ctx: RequestContext): Promise<GuideEntry[]> {
    return this.guideService.catalog(requireUser(ctx), districtId);
  }

  @Requires('guide:administer')
  @Mutation(() => GuideEntry, { description: 'Sets the default handling level, required parties and deadlines of a category in a district.' })
  setGuideEntry(@Arg('input') input: SetGuideEntryInput, @Ctx() ctx: RequestContext): Promise<GuideEntry> {
    return this.guideService.set(requireUser(ctx), input);
  }
}
