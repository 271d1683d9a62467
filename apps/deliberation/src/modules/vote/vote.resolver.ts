import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, ForbiddenError, PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Ballot } from './ballot.entity';
import { BallotSecrecy, Vote } from './vote.entity';
import { CastBallotInput, OpenVoteInput, VotesArgs } from './vote.inputs';
import type { VoteService } from './vote.service';

@ObjectType()
export class VoteConnection extends Connection(Vote, 'Vote') {}

@ObjectType()
export class BallotConnection extends Connection(Ballot, 'Ballot') {}

@Resolver(() => Vote)
export class VoteResolver {
  constructor(private readonly voteService: VoteService) {}

  @Authorized()
  @Query(() => VoteConnection, { description: 'Votes inside your scopes, in the order they were opened.' })
  votes(@Args() args: VotesArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<Vote>> {
    return this.voteService.list(requireUser(ctx), args);
  }

  @Authorized()
  @Query(() => Vote, { nullable: true, description: 'One vote, or null when it is outside your scopes.' })
  vote(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Vote | null> {
    return this.voteService.get(requireUser(ctx), id);
  }

  @Requires('vote:administer')
  @Mutation(() => Vote, { description: 'Opens a vote; an owners’ joint decision freezes its electorate now (表决).' })
  openVote(@Arg('input') input: OpenVoteInput, @Ctx() ctx: RequestContext): Promise<Vote> {
    return this.voteService.open(requireUser(ctx), input);
  }

  @Requires('vote:cast-online', 'vote:administer')
  @Mutation(() => Ballot, { description: 'Casts a dwelling’s one ballot (online by an owner, or on paper or by proxy as entered by staff), or a body member’s (on paper or by proxy).' })
  castBallot(@Arg('input') input: CastBallotInput, @Ctx() ctx: RequestContext): Promise<Ballot> {
    return this.voteService.cast(requireUser(ctx), input);
  }

  @Requires('vote:administer')
  @Mutation(() => Vote, { description: 'Closes and tallies a vote and puts its result on public notice (公示).' })
  closeVote(@Arg('voteId', () => ID) voteId: string, @Ctx() ctx: RequestContext): Promise<Vote> {
    return this.voteService.close(requireUser(ctx), voteId);
  }

  @Authorized()
  @FieldResolver(() => Int, { description: 'Dwellings, or members of the body, in the frozen electorate.' })
  async electorateSize(@Root() vote: Vote, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.countsOf(vote, ctx)).electors;
  }

  @Authorized()
  @FieldResolver(() => Int, { description: 'Ballots cast so far.' })
  async ballotsCast(@Root() vote: Vote, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.countsOf(vote, ctx)).ballots;
  }

  @Authorized()
  @FieldResolver(() => BallotConnection, { description: 'Who voted how, for roll-call votes; a secret vote refuses it.' })
  ballots(@Root() vote: Vote, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<Ballot>> {
    if (vote.secrecy === BallotSecrecy.SECRET) throw new ForbiddenError('SECRET_BALLOT', 'this vote is secret: only its tally is published');
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<Ballot>>(`rollCall:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.voteService.rollCalls(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(vote.id);
  }

  private async countsOf(vote: Vote, ctx: RequestContext): Promise<{ electors: number; ballots: number }> {
    const user = requireUser(ctx);
    const counts = await ctx.loaders
      .get<string, { electors: number; ballots: number } | null>('voteCounts', async (ids) => {
        const found = await this.voteService.counts(user, ids);
        return ids.map((id) => found.get(id) ?? null);
      })
      .load(vote.id);
    return counts ?? { electors: 0, ballots: 0 };
  }
}
