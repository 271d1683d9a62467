import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import { groupByKey, type RequestContext } from '@gongzhi/platform-service';
import type { PersonalDataCipher } from './personal-data';
import { mayReadFullIdentifiers, REGISTRY_WRITERS, SENSITIVE_TAG_ROLES } from './pii-policy';
import { Residency, Resident, SensitiveTag } from './resident.entity';
import { MoveInInput, MoveOutInput, RegisterResidentInput, ResidentsArgs } from './resident.inputs';
import type { ResidentService } from './resident.service';

@ObjectType()
export class ResidentConnection extends Connection(Resident, 'Resident') {}

@Resolver(() => Resident)
export class ResidentResolver {
  constructor(
    private readonly residentService: ResidentService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  @Authorized()
  @Query(() => Resident, { description: 'One resident inside your scopes.' })
  resident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Resident> {
    return this.residentService.get(requireUser(ctx), id);
  }

  @Authorized()
  @Query(() => ResidentConnection, { description: 'Residents inside your scopes.' })
  residents(@Args() args: ResidentsArgs, @Ctx() ctx: RequestContext): Promise<ResidentConnection> {
    return this.residentService.list(requireUser(ctx), args);
  }

  @Authorized(...REGISTRY_WRITERS)
  @Mutation(() => Resident, { description: 'Registers a resident with a community.' })
  registerResident(@Arg('input') input: RegisterResidentInput, @Ctx() ctx: RequestContext): Promise<Resident> {
    return this.residentService.register(requireUser(ctx), input);
  }

  @Authorized(...REGISTRY_WRITERS)
  @Mutation(() => Residency, { description: 'Records a resident moving into a dwelling.' })
  moveIn(@Arg('input') input: MoveInInput, @Ctx() ctx: RequestContext): Promise<Residency> {
    return this.residentService.moveIn(requireUser(ctx), input);
  }

  @Authorized(...REGISTRY_WRITERS)
  @Mutation(() => Residency, { description: 'Records a resident moving out of a dwelling.' })
  moveOut(@Arg('input') input: MoveOutInput, @Ctx() ctx: RequestContext): Promise<Residency> {
    return this.residentService.moveOut(requireUser(ctx), input);
  }

  @FieldResolver(() => String, { description: 'ID number: masked (110105********1234) unless your role may read it in full.' })
  idNumber(@Root() resident: Resident, @Ctx() ctx: RequestContext): string {
    return mayReadFullIdentifiers(requireUser(ctx)) ? this.cipher.decrypt(resident.idNumberCipher) : resident.idNumberMasked;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Phone number: masked unless your role may read it in full.' })
  phone(@Root() resident: Resident, @Ctx() ctx: RequestContext): string | null {
    if (!resident.phoneCipher) return null;
    return mayReadFullIdentifiers(requireUser(ctx)) ? this.cipher.decrypt(resident.phoneCipher) : resident.phoneMasked;
  }

  @Authorized(...SENSITIVE_TAG_ROLES)
  @FieldResolver(() => [SensitiveTag], { nullable: true, description: `Sensitive tags; readable only by ${SENSITIVE_TAG_ROLES.join(', ')}.` })
  sensitiveTags(@Root() resident: Resident): SensitiveTag[] {
    return resident.sensitiveTags;
  }

  @FieldResolver(() => [Residency], { description: 'Where the resident lives and has lived, latest first.' })
  residencies(@Root() resident: Resident, @Ctx() ctx: RequestContext): Promise<Residency[]> {
    return ctx.loaders
      .get<string, Residency[]>('residencies', async (ids) => groupByKey(ids, await this.residentService.residenciesOf(ids), (r) => r.residentId))
      .load(resident.id);
  }
}
