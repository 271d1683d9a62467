import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireUser } from '@gongzhi/platform-auth';
import { PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import { CompoundRef } from '@gongzhi/org-mirror';
import type { RequestContext } from '@gongzhi/platform-service';
import { CompoundAssignmentsArgs } from '../assignment/service-assignment.inputs';
import type { ServiceAssignment } from '../assignment/service-assignment.entity';
import { ServiceAssignmentConnection } from '../assignment/service-assignment.resolver';
import type { ServiceAssignmentService } from '../assignment/service-assignment.service';
import type { ServiceDisclosure } from '../disclosure/service-disclosure.entity';
import { ServiceDisclosureConnection } from '../disclosure/service-disclosure.resolver';
import type { ServiceDisclosureService } from '../disclosure/service-disclosure.service';

/** Extends org's Compound with the companies that serve or served it; one query serves every compound. */
@Resolver(() => CompoundRef)
export class CompoundPropertyResolver {
  constructor(
    private readonly assignmentService: ServiceAssignmentService,
    private readonly disclosureService: ServiceDisclosureService,
  ) {}

  @Authorized()
  @FieldResolver(() => ServiceAssignmentConnection, { description: 'Property-service assignments of this compound (property service).' })
  serviceAssignments(@Root() compound: CompoundRef, @Args() args: CompoundAssignmentsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<ServiceAssignment>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<ServiceAssignment>>(`compoundAssignments:${args.first}:${args.after ?? ''}:${args.status ?? ''}`, async (ids) => {
        const pages = await this.assignmentService.pageByCompounds(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(compound.id);
  }

  @Authorized()
  @FieldResolver(() => ServiceDisclosureConnection, { description: 'Service standards and fees the companies published for residents (双晒), oldest first.' })
  serviceDisclosures(@Root() compound: CompoundRef, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<ServiceDisclosure>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<ServiceDisclosure>>(`compoundDisclosures:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.disclosureService.pageByCompounds(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(compound.id);
  }
}
