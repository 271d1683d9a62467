import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { Matter } from '../matter/matter.entity';
import { EvaluateMatterInput, EvaluationAverageConnection, EvaluationAveragesArgs, MatterEvaluationSummary } from './evaluation.types';
import type { EvaluationService } from './evaluation.service';

@Resolver(() => Matter)
export class EvaluationResolver {
  constructor(private readonly evaluationService: EvaluationService) {}

  @Requires('matter:evaluate')
  @Mutation(() => MatterEvaluationSummary, { description: 'Rates a carried-out matter 1–5 with a comment (民评); once per resident.' })
  evaluateMatter(@Arg('input') input: EvaluateMatterInput, @Ctx() ctx: RequestContext): Promise<MatterEvaluationSummary> {
    return this.evaluationService.evaluate(requireUser(ctx), input);
  }

  @Authorized()
  @Query(() => EvaluationAverageConnection, { description: 'Mean ratings per handler, category or compound inside your scopes.' })
  evaluationAverages(@Args() args: EvaluationAveragesArgs, @Ctx() ctx: RequestContext): Promise<EvaluationAverageConnection> {
    return this.evaluationService.averages(requireUser(ctx), args);
  }

  @FieldResolver(() => MatterEvaluationSummary, { description: 'Residents’ ratings of the matter so far.' })
  evaluation(@Root() matter: Matter, @Ctx() ctx: RequestContext): Promise<MatterEvaluationSummary> {
    return ctx.loaders
      .get<string, MatterEvaluationSummary>('matterEvaluation', async (ids) => {
        const found = await this.evaluationService.summaries(ids);
        return ids.map((id) => found.get(id)!);
      })
      .load(matter.id);
  }
}
