import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Vote } from '../vote/vote.entity';
import { Convention, ConventionVersion } from './convention.entity';
import { ConventionsArgs, DraftConventionInput, PutConventionToVoteInput, ReviseConventionInput } from './convention.inputs';
import type { ConventionService } from './convention.service';

@ObjectType()
export class ConventionConnection extends Connection(Convention, 'Convention') {}

@ObjectType()
export class ConventionVersionConnection extends Connection(ConventionVersion, 'ConventionVersion') {}

@Resolver(() => Convention)
export class ConventionResolver {
  constructor(private readonly conventionService: ConventionService) {}

  @Authorized()
  @Query(() => ConventionConnection, { description: 'Conventions and statutes of the compounds inside your scopes.' })
  conventions(@Args() args: ConventionsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<Convention>> {
    return this.conventionService.list(requireUser(ctx), args);
  }

  @Requires('matter:handle')
  @Mutation(() => Convention, { description: 'Drafts a resident convention (居民公约) or management statute (管理规约).' })
  draftConvention(@Arg('input') input: DraftConventionInput, @Ctx() ctx: RequestContext): Promise<Convention> {
    return this.conventionService.draft(requireUser(ctx), input);
  }

  @Requires('matter:handle')
  @Mutation(() => ConventionVersion, { description: 'Drafts the next version of a convention.' })
  reviseConvention(@Arg('input') input: ReviseConventionInput, @Ctx() ctx: RequestContext): Promise<ConventionVersion> {
    return this.conventionService.revise(requireUser(ctx), input);
  }

  @Requires('vote:administer')
  @Mutation(() => Vote, { description: 'Opens the vote that adopts a drafted version; closing it adopts or rejects the version.' })
  putConventionToVote(@Arg('input') input: PutConventionToVoteInput, @Ctx() ctx: RequestContext): Promise<Vote> {
    return this.conventionService.putToVote(requireUser(ctx), input);
  }

  @Authorized()
  @FieldResolver(() => ConventionVersion, { nullable: true, description: 'The version in force, if one was adopted.' })
  inForce(@Root() convention: Convention, @Ctx() ctx: RequestContext): Promise<ConventionVersion | null> {
    return ctx.loaders.get<string, ConventionVersion | null>('conventionInForce', (ids) => this.conventionService.inForce(ids)).load(convention.id);
  }

  @Authorized()
  @FieldResolver(() => ConventionVersionConnection, { description: 'Every version, oldest first.' })
  versions(@Root() convention: Convention, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<ConventionVersion>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<ConventionVersion>>(`conventionVersions:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.conventionService.versions(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(convention.id);
  }
}
