import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { requireUser, Requires, rolesWith } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import { groupByKey, type RequestContext } from '@gongzhi/platform-service';
import { PersonalDataField } from '../access-log/access-log.entity';
import type { DataSubject } from '../access-log/access-log.service';
import { IDENTIFIER_PURPOSE_ARG, SENSITIVE_PURPOSE_ARG, type PersonalDataGate } from '../access-log/personal-data-gate';
import { personKeyFromHash } from './personal-data';
import { residentPersonalField } from './resident-field-guard';
import { Residency, Resident, SensitiveTag } from './resident.entity';
import { MoveInInput, MoveOutInput, RegisterResidentInput, ResidentsArgs } from './resident.inputs';
import type { ResidentService } from './resident.service';

function subjectOf(resident: Resident): DataSubject {
  return { residentId: resident.id, scopePath: resident.scopePath, personKey: personKeyFromHash(resident.idNumberHash) };
}

@ObjectType()
export class ResidentConnection extends Connection(Resident, 'Resident') {}

@Resolver(() => Resident)
export class ResidentResolver {
  constructor(
    private readonly residentService: ResidentService,
    private readonly gate: PersonalDataGate,
  ) {}

  @Requires('registry:read', 'personal:read-own')
  @Query(() => Resident, { description: 'One resident inside your scopes (without `registry:read`: only yourself).' })
  resident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Resident> {
    return this.residentService.get(requireUser(ctx), id);
  }

  @Requires('registry:read')
  @Query(() => ResidentConnection, { description: 'Residents inside your scopes.' })
  residents(@Args() args: ResidentsArgs, @Ctx() ctx: RequestContext): Promise<ResidentConnection> {
    return this.residentService.list(requireUser(ctx), args);
  }

  @Requires('registry:write')
  @Mutation(() => Resident, { description: 'Registers a resident with a community.' })
  registerResident(@Arg('input') input: RegisterResidentInput, @Ctx() ctx: RequestContext): Promise<Resident> {
    return this.residentService.register(requireUser(ctx), input);
  }

  @Requires('registry:write')
  @Mutation(() => Residency, { description: 'Records a resident moving into a dwelling.' })
  moveIn(@Arg('input') input: MoveInInput, @Ctx() ctx: RequestContext): Promise<Residency> {
    return this.residentService.moveIn(requireUser(ctx), input);
  }

  @Requires('registry:write')
  @Mutation(() => Residency, { description: 'Records a resident moving out of a dwelling.' })
  moveOut(@Arg('input') input: MoveOutInput, @Ctx() ctx: RequestContext): Promise<Residency> {
    return this.residentService.moveOut(requireUser(ctx), input);
  }

  @UseMiddleware(residentPersonalField)
  @FieldResolver(() => String, {
    description: 'ID number: masked (110105********1234); in full, and logged, for a role that may read it when you state a `purpose`, and for residents reading their own.',
  })
  idNumber(@Root() resident: Resident, @Ctx() ctx: RequestContext, @Arg('purpose', () => String, IDENTIFIER_PURPOSE_ARG) purpose?: string | null): Promise<string> {
    return this.gate.identifier(ctx, subjectOf(resident), PersonalDataField.ID_NUMBER, { cipher: resident.idNumberCipher, masked: resident.idNumberMasked }, purpose);
  }

  @UseMiddleware(residentPersonalField)
  @FieldResolver(() => String, { nullable: true, description: 'Phone number: masked; in full, and logged, under the same rule as `idNumber`.' })
  async phone(@Root() resident: Resident, @Ctx() ctx: RequestContext, @Arg('purpose', () => String, IDENTIFIER_PURPOSE_ARG) purpose?: string | null): Promise<string | null> {
    if (!resident.phoneCipher || !resident.phoneMasked) return null;
    return this.gate.identifier(ctx, subjectOf(resident), PersonalDataField.PHONE, { cipher: resident.phoneCipher, masked: resident.phoneMasked }, purpose);
  }

  @FieldResolver(() => [SensitiveTag], {
    nullable: true,
    description: `Sensitive tags, for ${rolesWith('sensitive:read').join(', ')} stating a \`purpose\`; every read and every refused attempt is logged.`,
  })
  sensitiveTags(@Root() resident: Resident, @Ctx() ctx: RequestContext, @Arg('purpose', () => String, SENSITIVE_PURPOSE_ARG) purpose?: string | null): Promise<SensitiveTag[]> {
    return this.gate.sensitiveTags(ctx, subjectOf(resident), resident.sensitiveTags, purpose);
  }

  @UseMiddleware(residentPersonalField)
  @FieldResolver(() => [Residency], { description: 'Where the resident lives and has lived, latest first.' })
  residencies(@Root() resident: Resident, @Ctx() ctx: RequestContext): Promise<Residency[]> {
    return ctx.loaders
      .get<string, Residency[]>('residencies', async (ids) => groupByKey(ids, await this.residentService.residenciesOf(ids), (r) => r.residentId))
      .load(resident.id);
  }
}
