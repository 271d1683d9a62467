import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { JournalEntriesArgs, PeriodArgs, PostJournalEntryInput, ReverseJournalEntryInput } from './ledger.inputs';
import type { LedgerService } from './ledger.service';
import { JournalEntry, JournalEntryConnection, LedgerVerification, Posting, TrialBalance } from './ledger.types';

@Resolver(() => JournalEntry)
export class LedgerResolver {
  constructor(
    private readonly ledger: LedgerService,
    private readonly dataSource: DataSource,
  ) {}

  @Requires('fund:read-books', 'fund:inspect-trust-account')
  @Query(() => JournalEntryConnection, { description: 'A fund’s journal entries in posting order (its books: see `fund:read-books`).' })
  journalEntries(@Args() args: JournalEntriesArgs, @Ctx() ctx: RequestContext): Promise<JournalEntryConnection> {
    return this.ledger.entries(requireUser(ctx), args.fundId, args);
  }

  @Requires('fund:read-books', 'fund:inspect-trust-account')
  @Query(() => TrialBalance, { description: 'Debits and credits per account over a period; the totals are always equal.' })
  trialBalance(@Args() args: PeriodArgs, @Ctx() ctx: RequestContext): Promise<TrialBalance> {
    return this.ledger.trialBalance(requireUser(ctx), args.fundId, args.from, args.to);
  }

  @Requires('fund:read-books', 'fund:inspect-trust-account')
  @Query(() => LedgerVerification, { description: 'Recomputes the fund’s hash chain and names the first broken entry, if any.' })
  verifyLedger(@Arg('fundId', () => ID) fundId: string, @Ctx() ctx: RequestContext): Promise<LedgerVerification> {
    return this.ledger.verify(requireUser(ctx), fundId);
  }

  @Requires('fund:administer')
  @Mutation(() => JournalEntry, { description: 'Posts a manual entry (opening balance, adjustment). Idempotent per key.' })
  postJournalEntry(@Arg('input') input: PostJournalEntryInput, @Ctx() ctx: RequestContext): Promise<JournalEntry> {
    return this.ledger.postManual(requireUser(ctx), input);
  }

  @Requires('fund:administer')
  @Mutation(() => JournalEntry, { description: 'Reverses an entry with its mirror image; the only way to correct the ledger.' })
  reverseJournalEntry(@Arg('input') input: ReverseJournalEntryInput, @Ctx() ctx: RequestContext): Promise<JournalEntry> {
    return this.ledger.reverseManual(requireUser(ctx), input);
  }

  @FieldResolver(() => [Posting], { description: 'The entry’s postings by line number.' })
  postings(@Root() entry: JournalEntry, @Ctx() ctx: RequestContext): Promise<Posting[]> {
    return ctx.loaders.get<string, Posting[]>('entryPostings', (ids) => this.ledger.postingsOf(this.dataSource.manager, ids)).load(entry.id);
  }
}
