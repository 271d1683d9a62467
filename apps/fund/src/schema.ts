import 'reflect-metadata';
import { MessagingTables1763700000000 } from '@gongzhi/platform-messaging';
import { CompoundRef, compoundRefReferenceResolvers, OrgMirror1763700100000, OrgNode, orgMirrorSubscriptions } from '@gongzhi/org-mirror';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { FundInit1763780000000 } from '../migrations/1763780000000-init';
import { CompoundFundsResolver } from './modules/compound/compound-funds.resolver';
import { Fund } from './modules/fund/fund.entity';
import { FundResolver } from './modules/fund/fund.resolver';
import { FundService } from './modules/fund/fund.service';

/** The fund service: community micro-funds, trust-based property accounts and volunteer points. */
export const fundModule: SubgraphModule = {
  name: 'fund',
  entities: [Fund, OrgNode],
  migrations: [MessagingTables1763700000000, OrgMirror1763700100000, FundInit1763780000000],
  resolverClasses: [FundResolver, CompoundFundsResolver],
  orphanedTypes: [CompoundRef],
  produces: true,
  consumers: [{ name: 'fund-from-org', subscriptions: orgMirrorSubscriptions() }],
  referenceResolverTypes: compoundRefReferenceResolvers,
  createRuntime(dataSource) {
    const funds = new FundService(dataSource);
    return {
      resolvers: [new FundResolver(funds), new CompoundFundsResolver(funds)],
      referenceResolvers: compoundRefReferenceResolvers,
    };
  },
};
