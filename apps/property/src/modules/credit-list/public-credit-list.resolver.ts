import { Args, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, type ConnectionShape } from '@gongzhi/platform-graphql';
import { PublicCreditEntriesArgs, PublicCreditListArgs } from './credit-list.inputs';
import type { CreditListService } from './credit-list.service';
import { CreditListMembership } from './credit-score.entity';

/** A published list as anyone may see it: companies only, no personal data. */
@ObjectType({ description: 'A district’s published red/black list (红黑榜), open to the public.' })
export class PublicCreditList {
  id!: string;

  @Field()
  districtCode!: string;

  @Field()
  periodLabel!: string;

  @Field()
  periodStart!: string;

  @Field()
  periodEnd!: string;

  @Field()
  publishedAt!: Date;
}

@ObjectType({ description: 'A company on a published red or black list.' })
export class PublicCreditListEntry {
  @Field(() => Int, { description: 'Place in the district’s ranking for the period.' })
  rank!: number;

  @Field()
  companyName!: string;

  @Field({ description: 'The unified social credit code (统一社会信用代码).' })
  creditCode!: string;

  @Field()
  grade!: string;

  @Field(() => CreditListMembership)
  list!: CreditListMembership;

  @Field()
  periodLabel!: string;
}

@ObjectType({ description: 'A page of the companies on a published list, in rank order (best first); the cursor is the rank.' })
export class PublicCreditListEntryConnection extends Connection(PublicCreditListEntry, 'PublicCreditListEntry') {}

@Resolver(() => PublicCreditList)
export class PublicCreditListResolver {
  constructor(private readonly creditListService: CreditListService) {}

  @Query(() => PublicCreditList, { nullable: true, description: 'The published red/black list of a district (no token needed); the latest when no period is given.' })
  async publicCreditList(@Args() args: PublicCreditListArgs): Promise<PublicCreditList | null> {
    const list = await this.creditListService.latestPublished(args.districtCode, args.periodLabel ?? null);
    return list ? { id: list.id, districtCode: list.districtCode, periodLabel: list.periodLabel, periodStart: list.periodStart, periodEnd: list.periodEnd, publishedAt: list.publishedAt! } : null;
  }

  @FieldResolver(() => PublicCreditListEntryConnection, { description: 'Companies on the red and black lists, highest ranked first.' })
  entries(@Root() list: PublicCreditList, @Args() args: PublicCreditEntriesArgs): Promise<ConnectionShape<PublicCreditListEntry>> {
    const lists = args.list && args.list !== CreditListMembership.NONE ? [args.list] : [CreditListMembership.RED, CreditListMembership.BLACK];
    return this.creditListService.publicEntries(list, lists, args);
  }
}
