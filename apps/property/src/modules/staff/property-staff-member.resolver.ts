import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { PropertyCompany } from '../company/property-company.entity';
import { PropertyStaffMember } from './property-staff-member.entity';
import { RegisterPropertyStaffMemberInput } from './property-staff-member.inputs';
import type { PropertyStaffMemberService } from './property-staff-member.service';

@ObjectType()
export class PropertyStaffMemberConnection extends Connection(PropertyStaffMember, 'PropertyStaffMember') {}

@Resolver(() => PropertyStaffMember)
export class PropertyStaffMemberResolver {
  constructor(private readonly staffService: PropertyStaffMemberService) {}

  @Requires('company:administer')
  @Mutation(() => PropertyStaffMember, { description: 'Registers a person as working for a company; as property staff they act for it alone.' })
  registerPropertyStaffMember(@Arg('input') input: RegisterPropertyStaffMemberInput, @Ctx() ctx: RequestContext): Promise<PropertyStaffMember> {
    return this.staffService.register(requireUser(ctx), input);
  }

  @Requires('company:administer')
  @Mutation(() => PropertyStaffMember, { description: 'Ends a person’s tie to their company: they can no longer act for it.' })
  endPropertyStaffMember(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PropertyStaffMember> {
    return this.staffService.end(requireUser(ctx), id);
  }
}

/** Extends a company with the people registered as working for it. */
@Resolver(() => PropertyCompany)
export class CompanyStaffResolver {
  constructor(private readonly staffService: PropertyStaffMemberService) {}

  @Requires('company-staff:read')
  @FieldResolver(() => PropertyStaffMemberConnection, { description: 'People registered as working for the company, current and past, in registration order.' })
  staff(@Root() company: PropertyCompany, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<PropertyStaffMember>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<PropertyStaffMember>>(`staffByCompany:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.staffService.pageByCompanies(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(company.id);
  }
}
