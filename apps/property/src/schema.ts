import 'reflect-metadata';
import { MessagingTables1763700000000 } from '@gongzhi/platform-messaging';
import { OrgMirror1763700100000, OrgNode, orgMirrorSubscriptions } from '@gongzhi/org-mirror';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { PropertyInit1763780000000 } from '../migrations/1763780000000-init';
import { PropertyCompany } from './modules/company/property-company.entity';
import { PropertyCompanyResolver } from './modules/company/property-company.resolver';
import { PropertyCompanyService } from './modules/company/property-company.service';

/** The property service: companies, their assignments, evidence and the red/black lists. */
export const propertyModule: SubgraphModule = {
  name: 'property',
  entities: [PropertyCompany, OrgNode],
  migrations: [MessagingTables1763700000000, OrgMirror1763700100000, PropertyInit1763780000000],
  resolverClasses: [PropertyCompanyResolver],
  produces: true,
  consumers: [{ name: 'property-from-org', subscriptions: orgMirrorSubscriptions() }],
  createRuntime(dataSource) {
    return { resolvers: [new PropertyCompanyResolver(new PropertyCompanyService(dataSource))] };
  },
};
