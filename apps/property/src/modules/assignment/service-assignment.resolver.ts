import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import { byKey, type RequestContext } from '@gongzhi/platform-service';
import { PropertyCompany } from '../company/property-company.entity';
import type { PropertyCompanyService } from '../company/property-company.service';
import { HandoverItem } from './handover-item.entity';
import { ServiceAssignment } from './service-assignment.entity';
import { ConfirmHandoverItemInput, EndServiceAssignmentInput, ServiceAssignmentsArgs, SetServiceAssignmentTermsInput, StartServiceAssignmentInput } from './service-assignment.inputs';
import type { ServiceAssignmentService } from './service-assignment.service';

@ObjectType()
export class ServiceAssignmentConnection extends Connection(ServiceAssignment, 'ServiceAssignment') {}

@Resolver(() => ServiceAssignment)
export class ServiceAssignmentResolver {
  constructor(
    private readonly assignmentService: ServiceAssignmentService,
    private readonly companyService: PropertyCompanyService,
  ) {}

  @Authorized()
  @Query(() => ServiceAssignmentConnection, { description: 'Service assignments (入驻) of compounds inside your scopes.' })
  serviceAssignments(@Args() args: ServiceAssignmentsArgs, @Ctx() ctx: RequestContext): Promise<ServiceAssignmentConnection> {
    return this.assignmentService.list(requireUser(ctx), args);
  }

  @Requires('assignment:administer')
  @Mutation(() => ServiceAssignment, { description: 'Starts a company’s service of a compound; refused while another company serves it.' })
  startServiceAssignment(@Arg('input') input: StartServiceAssignmentInput, @Ctx() ctx: RequestContext): Promise<ServiceAssignment> {
    return this.assignmentService.start(requireUser(ctx), input);
  }

  @Requires('assignment:administer')
  @Mutation(() => ServiceAssignment, { description: 'Enters the contract terms of an assignment an owners’ vote started.' })
  setServiceAssignmentTerms(@Arg('input') input: SetServiceAssignmentTermsInput, @Ctx() ctx: RequestContext): Promise<ServiceAssignment> {
    return this.assignmentService.setTerms(requireUser(ctx), input);
  }

  @Requires('assignment:administer')
  @Mutation(() => ServiceAssignment, { description: 'Ends a company’s service of a compound and opens the exit handover.' })
  endServiceAssignment(@Arg('input') input: EndServiceAssignmentInput, @Ctx() ctx: RequestContext): Promise<ServiceAssignment> {
    return this.assignmentService.end(requireUser(ctx), input);
  }

  @Requires('handover:confirm')
  @Mutation(() => HandoverItem, { description: 'Confirms a handover item for the owners’ committee or for the community.' })
  confirmHandoverItem(@Arg('input') input: ConfirmHandoverItemInput, @Ctx() ctx: RequestContext): Promise<HandoverItem> {
    return this.assignmentService.confirmHandoverItem(requireUser(ctx), input);
  }

  @FieldResolver(() => PropertyCompany, { nullable: true, description: 'The company serving the compound.' })
  company(@Root() assignment: ServiceAssignment, @Ctx() ctx: RequestContext): Promise<PropertyCompany | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, PropertyCompany | null>('companyById', async (ids) => byKey(ids, await this.companyService.byIds(user, ids), (c) => c.id))
      .load(assignment.companyId);
  }

  @FieldResolver(() => [HandoverItem], { description: 'The entry checklist, then the exit checklist once the assignment ended.' })
  handover(@Root() assignment: ServiceAssignment, @Ctx() ctx: RequestContext): Promise<HandoverItem[]> {
    return ctx.loaders.get<string, HandoverItem[]>('handoverByAssignment', (ids) => this.assignmentService.handoverItems(ids)).load(assignment.id);
  }
}
