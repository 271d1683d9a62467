import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { Dwelling } from '../dwelling/dwelling.entity';
import type { OwnerOfDwelling } from '../dwelling/dwelling.resolver';
import type { DwellingService } from '../dwelling/dwelling.service';
import { Owner } from '../dwelling/owner.entity';
import { Resident } from './resident.entity';
import type { ResidentService } from './resident.service';

@ObjectType({ description: 'A dwelling you own, with your share of it.' })
export class OwnDwelling {
  @Field(() => Dwelling)
  dwelling!: Dwelling;

  @Field(() => Owner, { description: 'You, as the owner register records you.' })
  owner!: OwnerOfDwelling;

  @Field(() => Int)
  shareNumerator!: number;

  @Field(() => Int)
  shareDenominator!: number;

  @Field(() => String, { nullable: true })
  since!: string | null;
}

@ObjectType({ description: 'Your own records as a data subject (PIPL art. 45), found by your token’s person key (`sub = p:<hmac>`).' })
export class MyPersonalData {
  @Field(() => Resident, { nullable: true, description: 'Your resident record inside your scopes; null when there is none.' })
  resident!: Resident | null;

  @Field(() => [OwnDwelling], { description: 'The dwellings you own inside your scopes (at most 100).' })
  dwellings!: OwnDwelling[];
}

@Resolver(() => MyPersonalData)
export class OwnDataResolver {
  constructor(
    private readonly residents: ResidentService,
    private readonly dwellings: DwellingService,
  ) {}

  @Requires('personal:read-own')
  @Query(() => MyPersonalData, { description: 'Your own resident record and dwellings; their numbers read in full, logged as SELF.' })
  async myPersonalData(@Ctx() ctx: RequestContext): Promise<MyPersonalData> {
    const user = requireUser(ctx);
    const [resident, owned] = await Promise.all([this.residents.own(user), this.dwellings.ownedBy(user)]);
    return {
      resident,
      dwellings: owned.map(({ dwelling, share }) => ({
        dwelling,
        owner: Object.assign(share.owner, { scopePath: dwelling.scopePath }),
        shareNumerator: share.shareNumerator,
        shareDenominator: share.shareDenominator,
        since: share.since,
      })),
    };
  }
}
