import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import { byKey, type RequestContext } from '@gongzhi/platform-service';
import { PropertyCompany } from '../company/property-company.entity';
import type { PropertyCompanyService } from '../company/property-company.service';
import { CreditAppeal } from './credit-appeal.entity';
import { CreditList } from './credit-list.entity';
import { CreditListsArgs, CreditScoresArgs, DecideCreditAppealInput, DraftCreditListInput, FileCreditAppealInput, StartCreditListNoticeInput } from './credit-list.inputs';
import type { CreditListService } from './credit-list.service';
import { CreditScore, CreditScoreLine } from './credit-score.entity';

/**
 * The evidence ids among `ids` that the caller's scopes cover, batched per request: a district's list and its
 * appeals name evidence from every compound, and a caller below the district learns only its own.
 */
async function visibleEvidenceIds(ctx: RequestContext, creditListService: CreditListService, ids: readonly string[]): Promise<string[]> {
  const user = requireUser(ctx);
  const loader = ctx.loaders.get<string, boolean>('evidenceVisible', async (keys) => {
    const visible = await creditListService.visibleEvidence(user, keys);
    return keys.map((key) => visible.has(key));
  });
  const shown = await loader.loadMany([...ids]);
  return ids.filter((_, i) => shown[i] === true);
}

@ObjectType()
export class CreditListConnection extends Connection(CreditList, 'CreditList') {}

@ObjectType()
export class CreditScoreConnection extends Connection(CreditScore, 'CreditScore') {}

@ObjectType()
export class CreditAppealConnection extends Connection(CreditAppeal, 'CreditAppeal') {}

@Resolver(() => CreditList)
export class CreditListResolver {
  constructor(private readonly creditListService: CreditListService) {}

  @Authorized()
  @Query(() => CreditListConnection, { description: 'A district’s credit lists in every state, oldest first.' })
  creditLists(@Args() args: CreditListsArgs, @Ctx() ctx: RequestContext): Promise<CreditListConnection> {
    return this.creditListService.list(requireUser(ctx), args);
  }

  @Authorized()
  @Query(() => CreditList, { description: 'One credit list of a district you work in.' })
  creditList(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CreditList> {
    return this.creditListService.get(requireUser(ctx), id);
  }

  @Requires('credit-list:administer')
  @Mutation(() => CreditList, { description: 'Computes a district’s draft list for a period from the evidence and a published catalogue.' })
  draftCreditList(@Arg('input') input: DraftCreditListInput, @Ctx() ctx: RequestContext): Promise<CreditList> {
    return this.creditListService.draft(requireUser(ctx), input);
  }

  @Requires('credit-list:administer')
  @Mutation(() => ID, { description: 'Discards a draft list with its scores, freeing its period label; lists under notice or published stay.' })
  discardCreditList(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return this.creditListService.discard(requireUser(ctx), id);
  }

  @Requires('credit-list:administer')
  @Mutation(() => CreditList, { description: 'Puts a draft list under public notice (公示); companies may appeal until it ends.' })
  startCreditListNotice(@Arg('input') input: StartCreditListNoticeInput, @Ctx() ctx: RequestContext): Promise<CreditList> {
    return this.creditListService.startNotice(requireUser(ctx), input);
  }

  @Requires('credit-list:appeal')
  @Mutation(() => CreditAppeal, { description: 'Files a company’s appeal (申诉) during the public notice.' })
  fileCreditAppeal(@Arg('input') input: FileCreditAppealInput, @Ctx() ctx: RequestContext): Promise<CreditAppeal> {
    return this.creditListService.fileAppeal(requireUser(ctx), input);
  }

  @Requires('credit-list:administer')
  @Mutation(() => CreditAppeal, { description: 'Upholds or dismisses an appeal, with the reason.' })
  decideCreditAppeal(@Arg('input') input: DecideCreditAppealInput, @Ctx() ctx: RequestContext): Promise<CreditAppeal> {
    return this.creditListService.decideAppeal(requireUser(ctx), input);
  }

  @Requires('credit-list:administer')
  @Mutation(() => CreditList, { description: 'Publishes a list after its notice period, once every appeal is decided; it never changes afterwards.' })
  publishCreditList(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CreditList> {
    return this.creditListService.publish(requireUser(ctx), id);
  }

  @FieldResolver(() => Int, { description: 'The version of the rule catalogue the scores were computed with.' })
  async catalogueVersion(@Root() list: CreditList, @Ctx() ctx: RequestContext): Promise<number> {
    const catalogue = await ctx.loaders
      .get<string, { version: number } | null>('catalogueById', async (ids) => byKey(ids, await this.creditListService.cataloguesByIds(ids), (c) => c.id))
      .load(list.catalogueId);
    return catalogue!.version;
  }

  @FieldResolver(() => CreditScoreConnection, { description: 'Every company’s score in this list.' })
  scores(@Root() list: CreditList, @Args() args: CreditScoresArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<CreditScore>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<CreditScore>>(`scoresByList:${args.first}:${args.after ?? ''}:${args.membership ?? ''}`, async (ids) => {
        const pages = await this.creditListService.scoresByLists(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(list.id);
  }

  @FieldResolver(() => CreditAppealConnection, { description: 'Appeals filed against this list.' })
  appeals(@Root() list: CreditList, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<CreditAppeal>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<CreditAppeal>>(`appealsByList:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.creditListService.appealsByLists(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(list.id);
  }
}

@Resolver(() => CreditScore)
export class CreditScoreResolver {
  constructor(
    private readonly creditListService: CreditListService,
    private readonly companyService: PropertyCompanyService,
  ) {}

  @FieldResolver(() => PropertyCompany, { nullable: true })
  company(@Root() score: CreditScore, @Ctx() ctx: RequestContext): Promise<PropertyCompany | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, PropertyCompany | null>('companyById', async (ids) => byKey(ids, await this.companyService.byIds(user, ids), (c) => c.id))
      .load(score.companyId);
  }

  @FieldResolver(() => CreditList, { nullable: true, description: 'The list (and so the period) the score belongs to.' })
  list(@Root() score: CreditScore, @Ctx() ctx: RequestContext): Promise<CreditList | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, CreditList | null>('creditListById', async (ids) => byKey(ids, await this.creditListService.listsByIds(user, ids), (l) => l.id))
      .load(score.listId);
  }

  @FieldResolver(() => [CreditScoreLine])
  async lines(@Root() score: CreditScore, @Ctx() ctx: RequestContext): Promise<CreditScoreLine[]> {
    const visible = new Set(await visibleEvidenceIds(ctx, this.creditListService, score.lines.flatMap((line) => line.evidenceIds)));
    return score.lines.map((line) => ({ ...line, evidenceIds: line.evidenceIds.filter((id) => visible.has(id)) }));
  }

  @FieldResolver(() => [ID])
  excludedEvidenceIds(@Root() score: CreditScore, @Ctx() ctx: RequestContext): Promise<string[]> {
    return visibleEvidenceIds(ctx, this.creditListService, score.excludedEvidenceIds);
  }
}

@Resolver(() => CreditAppeal)
export class CreditAppealResolver {
  constructor(private readonly creditListService: CreditListService) {}

  @FieldResolver(() => [ID])
  disputedEvidenceIds(@Root() appeal: CreditAppeal, @Ctx() ctx: RequestContext): Promise<string[]> {
    return visibleEvidenceIds(ctx, this.creditListService, appeal.disputedEvidenceIds);
  }
}

/** Extends a company with its grade history: its scores in every published list. */
@Resolver(() => PropertyCompany)
export class CompanyCreditHistoryResolver {
  constructor(private readonly creditListService: CreditListService) {}

  @Authorized()
  @FieldResolver(() => CreditScoreConnection, { description: 'The company’s scores and grades in every published list, oldest first.' })
  creditHistory(@Root() company: PropertyCompany, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<CreditScore>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<CreditScore>>(`creditHistory:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.creditListService.historyByCompanies(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(company.id);
  }
}
