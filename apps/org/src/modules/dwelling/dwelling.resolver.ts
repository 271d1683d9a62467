import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { can, capabilityRefusal, requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import { byKey, groupByKey, type RequestContext } from '@gongzhi/platform-service';
import { PersonalDataField } from '../access-log/access-log.entity';
import { IDENTIFIER_PURPOSE_ARG, type PersonalDataGate } from '../access-log/personal-data-gate';
import { isDataSubject } from '../resident/pii-policy';
import { Dwelling } from './dwelling.entity';
import { DwellingsArgs, RegisterDwellingInput, SetDwellingOwnersInput, UpdateDwellingInput } from './dwelling.inputs';
import type { DwellingService } from './dwelling.service';
import { Electorate } from './electorate';
import { Owner, Ownership } from './owner.entity';

@ObjectType()
export class DwellingConnection extends Connection(Dwelling, 'Dwelling') {}

/** An owner as reached through one of their dwellings, whose scope path the access log records. */
export type OwnerOfDwelling = Owner & { scopePath: string };

@ObjectType({ description: "An owner and the owner's share of one dwelling." })
export class DwellingOwner extends Ownership {
  @Field(() => Owner)
  owner!: OwnerOfDwelling;
}

@Resolver(() => Dwelling)
export class DwellingResolver {
  constructor(private readonly dwellingService: DwellingService) {}

  @Requires('dwellings:read')
  @Query(() => DwellingConnection, { description: 'Dwellings of a compound inside your scopes.' })
  dwellings(@Args() args: DwellingsArgs, @Ctx() ctx: RequestContext): Promise<DwellingConnection> {
    return this.dwellingService.list(requireUser(ctx), args.compoundId, args);
  }

  @Requires('owners:read')
  @Query(() => Electorate, { description: "A compound's owners' electorate under Civil Code art. 278: area and headcount key per dwelling." })
  electorate(@Arg('compoundId', () => ID) compoundId: string, @Ctx() ctx: RequestContext): Promise<Electorate> {
    return this.dwellingService.electorate(requireUser(ctx), compoundId);
  }

  @Requires('registry:write')
  @Mutation(() => Dwelling, { description: 'Registers a dwelling (creating its building and unit when new).' })
  registerDwelling(@Arg('input') input: RegisterDwellingInput, @Ctx() ctx: RequestContext): Promise<Dwelling> {
    return this.dwellingService.register(requireUser(ctx), input);
  }

  @Requires('registry:write')
  @Mutation(() => Dwelling, { description: "Corrects a dwelling's area, its source or the developer-unsold flag." })
  updateDwelling(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateDwellingInput, @Ctx() ctx: RequestContext): Promise<Dwelling> {
    return this.dwellingService.update(requireUser(ctx), id, input);
  }

  @Requires('registry:write')
  @Mutation(() => Dwelling, { description: "Replaces a dwelling's owners and their shares." })
  setDwellingOwners(@Arg('input') input: SetDwellingOwnersInput, @Ctx() ctx: RequestContext): Promise<Dwelling> {
    return this.dwellingService.setOwners(requireUser(ctx), input);
  }

  @FieldResolver(() => String, { description: 'Full address in GB/T 39609 order: district, street, community, compound, building, unit, room.' })
  async address(@Root() dwelling: Dwelling, @Ctx() ctx: RequestContext): Promise<string> {
    const row = await ctx.loaders
      .get<string, { id: string; address: string } | null>('dwellingAddress', async (ids) => byKey(ids, await this.dwellingService.addressesOf(ids), (r) => r.id))
      .load(dwelling.id);
    return row?.address ?? '';
  }

  @FieldResolver(() => [DwellingOwner], { description: 'Owners with their shares: for `owners:read`, and for the owners themselves (co-owners of one dwelling).' })
  async owners(@Root() dwelling: Dwelling, @Ctx() ctx: RequestContext): Promise<DwellingOwner[]> {
    const user = requireUser(ctx);
    const mayRead = can(user, 'owners:read');
    // Not asked of the database for a caller who could only be refused: only resident accounts may own.
    if (!mayRead && !can(user, 'personal:read-own')) throw capabilityRefusal(['owners:read'], 'Dwelling.owners');
    const shares = await ctx.loaders
      .get<string, (Ownership & { owner: Owner })[]>('dwellingOwners', async (ids) => groupByKey(ids, await this.dwellingService.ownersOf(ids), (o) => o.dwellingId))
      .load(dwelling.id);
    if (!mayRead && !shares.some((share) => isDataSubject(user, share.owner.identityKey))) throw capabilityRefusal(['owners:read'], 'Dwelling.owners');
    return shares.map((share) => ({ ...share, owner: Object.assign(share.owner, { scopePath: dwelling.scopePath }) }));
  }
}

@Resolver(() => Owner)
export class OwnerResolver {
  constructor(private readonly gate: PersonalDataGate) {}

  @FieldResolver(() => String, {
    nullable: true,
    description: "A person's ID number: masked; in full, and logged, for a role that may read it when you state a `purpose`, and for owners reading their own.",
  })
  async idNumber(@Root() owner: OwnerOfDwelling, @Ctx() ctx: RequestContext, @Arg('purpose', () => String, IDENTIFIER_PURPOSE_ARG) purpose?: string | null): Promise<string | null> {
    if (!owner.idNumberCipher || !owner.idNumberMasked) return null;
    return this.gate.identifier(ctx, { ownerId: owner.id, scopePath: owner.scopePath, personKey: owner.identityKey }, PersonalDataField.ID_NUMBER, { cipher: owner.idNumberCipher, masked: owner.idNumberMasked }, purpose);
  }
}
