import { Arg, Ctx, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import { byKey, type RequestContext } from '@gongzhi/platform-service';
import { PropertyCompany } from '../company/property-company.entity';
import type { PropertyCompanyService } from '../company/property-company.service';
import { ServiceDisclosure } from './service-disclosure.entity';
import { PublishServiceDisclosureInput } from './service-disclosure.inputs';
import type { ServiceDisclosureService } from './service-disclosure.service';

@ObjectType()
export class ServiceDisclosureConnection extends Connection(ServiceDisclosure, 'ServiceDisclosure') {}

@Resolver(() => ServiceDisclosure)
export class ServiceDisclosureResolver {
  constructor(
    private readonly disclosureService: ServiceDisclosureService,
    private readonly companyService: PropertyCompanyService,
  ) {}

  @Requires('service-disclosure:publish')
  @Mutation(() => ServiceDisclosure, { description: 'Publishes a company’s service standards and fees for a compound it serves (双晒).' })
  publishServiceDisclosure(@Arg('input') input: PublishServiceDisclosureInput, @Ctx() ctx: RequestContext): Promise<ServiceDisclosure> {
    return this.disclosureService.publish(requireUser(ctx), input);
  }

  @FieldResolver(() => PropertyCompany, { nullable: true })
  company(@Root() disclosure: ServiceDisclosure, @Ctx() ctx: RequestContext): Promise<PropertyCompany | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, PropertyCompany | null>('companyById', async (ids) => byKey(ids, await this.companyService.byIds(user, ids), (c) => c.id))
      .load(disclosure.companyId);
  }
}
