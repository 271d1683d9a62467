import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import { byKey, type RequestContext } from '@gongzhi/platform-service';
import { PropertyCompany } from '../company/property-company.entity';
import type { PropertyCompanyService } from '../company/property-company.service';
import { Evidence } from './evidence.entity';
import { EvidenceArgs, RecordCommendationInput, RecordInspectionInput, RecordSatisfactionSurveyInput, RecordViolationInput } from './evidence.inputs';
import type { EvidenceService } from './evidence.service';

@ObjectType()
export class EvidenceConnection extends Connection(Evidence, 'Evidence') {}

@Resolver(() => Evidence)
export class EvidenceResolver {
  constructor(
    private readonly evidenceService: EvidenceService,
    private readonly companyService: PropertyCompanyService,
  ) {}

  @Authorized()
  @Query(() => EvidenceConnection, { description: 'Evidence about property companies recorded inside your scopes.' })
  propertyEvidence(@Args() args: EvidenceArgs, @Ctx() ctx: RequestContext): Promise<EvidenceConnection> {
    return this.evidenceService.list(requireUser(ctx), args);
  }

  @Requires('evidence:record')
  @Mutation(() => Evidence, { description: 'Records a resident satisfaction survey (满意度测评) of a compound.' })
  recordSatisfactionSurvey(@Arg('input') input: RecordSatisfactionSurveyInput, @Ctx() ctx: RequestContext): Promise<Evidence> {
    return this.evidenceService.recordSurvey(requireUser(ctx), input);
  }

  @Requires('evidence:record')
  @Mutation(() => Evidence, { description: 'Records an inspection of a compound against a checklist.' })
  recordInspection(@Arg('input') input: RecordInspectionInput, @Ctx() ctx: RequestContext): Promise<Evidence> {
    return this.evidenceService.recordInspection(requireUser(ctx), input);
  }

  @Requires('evidence:record')
  @Mutation(() => Evidence, { description: 'Records a proven violation by a property company.' })
  recordViolation(@Arg('input') input: RecordViolationInput, @Ctx() ctx: RequestContext): Promise<Evidence> {
    return this.evidenceService.recordViolation(requireUser(ctx), input);
  }

  @Requires('evidence:record')
  @Mutation(() => Evidence, { description: 'Records a commendation of a property company.' })
  recordCommendation(@Arg('input') input: RecordCommendationInput, @Ctx() ctx: RequestContext): Promise<Evidence> {
    return this.evidenceService.recordCommendation(requireUser(ctx), input);
  }

  @FieldResolver(() => PropertyCompany, { nullable: true })
  company(@Root() evidence: Evidence, @Ctx() ctx: RequestContext): Promise<PropertyCompany | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, PropertyCompany | null>('companyById', async (ids) => byKey(ids, await this.companyService.byIds(user, ids), (c) => c.id))
      .load(evidence.companyId);
  }
}
