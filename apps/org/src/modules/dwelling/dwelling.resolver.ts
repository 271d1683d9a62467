import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import { byKey, groupByKey, type RequestContext } from '@gongzhi/platform-service';
import type { PersonalDataCipher } from '../resident/personal-data';
import { mayReadFullIdentifiers, REGISTRY_WRITERS } from '../resident/pii-policy';
import { Dwelling } from './dwelling.entity';
import { DwellingsArgs, RegisterDwellingInput, SetDwellingOwnersInput, UpdateDwellingInput } from './dwelling.inputs';
import type { DwellingService } from './dwelling.service';
import { Electorate } from './electorate';
import { Owner, Ownership } from './owner.entity';

@ObjectType()
export class DwellingConnection extends Connection(Dwelling, 'Dwelling') {}

@ObjectType({ description: "An owner and the owner's share of one dwelling." })
export class DwellingOwner extends Ownership {
  @Field(() => Owner)
  owner!: Owner;
}

@Resolver(() => Dwelling)
export class DwellingResolver {
  constructor(private readonly dwellingService: DwellingService) {}

  @Authorized()
  @Query(() => DwellingConnection, { description: 'Dwellings of a compound inside your scopes.' })
  dwellings(@Args() args: DwellingsArgs, @Ctx() ctx: RequestContext): Promise<DwellingConnection> {
    return this.dwellingService.list(requireUser(ctx), args.compoundId, args);
  }

  @Authorized()
  @Query(() => Electorate, { description: "A compound's owners' electorate under Civil Code art. 278: area and headcount key per dwelling." })
  electorate(@Arg('compoundId', () => ID) compoundId: string, @Ctx() ctx: RequestContext): Promise<Electorate> {
    return this.dwellingService.electorate(requireUser(ctx), compoundId);
  }

  @Authorized(...REGISTRY_WRITERS)
  @Mutation(() => Dwelling, { description: 'Registers a dwelling (creating its building and unit when new).' })
  registerDwelling(@Arg('input') input: RegisterDwellingInput, @Ctx() ctx: RequestContext): Promise<Dwelling> {
    return this.dwellingService.register(requireUser(ctx), input);
  }

  @Authorized(...REGISTRY_WRITERS)
  @Mutation(() => Dwelling, { description: "Corrects a dwelling's area, its source or the developer-unsold flag." })
  updateDwelling(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateDwellingInput, @Ctx() ctx: RequestContext): Promise<Dwelling> {
    return this.dwellingService.update(requireUser(ctx), id, input);
  }

  @Authorized(...REGISTRY_WRITERS)
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

  @FieldResolver(() => [DwellingOwner], { description: 'Owners with their shares.' })
  owners(@Root() dwelling: Dwelling, @Ctx() ctx: RequestContext): Promise<DwellingOwner[]> {
    return ctx.loaders
      .get<string, DwellingOwner[]>('dwellingOwners', async (ids) => groupByKey(ids, await this.dwellingService.ownersOf(ids), (o) => o.dwellingId))
      .load(dwelling.id);
  }
}

@Resolver(() => Owner)
export class OwnerResolver {
  constructor(private readonly cipher: PersonalDataCipher) {}

  @FieldResolver(() => String, { nullable: true, description: "A person's ID number: masked unless your role may read it in full." })
  idNumber(@Root() owner: Owner, @Ctx() ctx: RequestContext): string | null {
    if (!owner.idNumberCipher) return null;
    return mayReadFullIdentifiers(requireUser(ctx)) ? this.cipher.decrypt(owner.idNumberCipher) : owner.idNumberMasked;
  }
}
