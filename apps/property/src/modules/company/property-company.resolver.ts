import { Arg, Args, Authorized, Ctx, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, PageArgs } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { PropertyCompany } from './property-company.entity';
import { RegisterPropertyCompanyInput, UpdatePropertyCompanyProfileInput } from './property-company.inputs';
import type { PropertyCompanyService } from './property-company.service';

@ObjectType()
export class PropertyCompanyConnection extends Connection(PropertyCompany, 'PropertyCompany') {}

@Resolver(() => PropertyCompany)
export class PropertyCompanyResolver {
  constructor(private readonly companyService: PropertyCompanyService) {}

  @Authorized()
  @Query(() => PropertyCompanyConnection, { description: 'Property-service companies of the districts you work in.' })
  propertyCompanies(@Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<PropertyCompanyConnection> {
    return this.companyService.list(requireUser(ctx), args);
  }

  @Requires('company:administer')
  @Mutation(() => PropertyCompany, { description: 'Registers a property-service company with a district.' })
  registerPropertyCompany(@Arg('input') input: RegisterPropertyCompanyInput, @Ctx() ctx: RequestContext): Promise<PropertyCompany> {
    return this.companyService.register(requireUser(ctx), input);
  }

  @Requires('company:administer')
  @Mutation(() => PropertyCompany, { description: 'Edits a company’s profile (name, contacts, qualifications, party building); its credit code never changes.' })
  updatePropertyCompanyProfile(@Arg('input') input: UpdatePropertyCompanyProfileInput, @Ctx() ctx: RequestContext): Promise<PropertyCompany> {
    return this.companyService.updateProfile(requireUser(ctx), input);
  }
}
