import 'reflect-metadata';
import { MessagingTables1763700000000 } from '@gongzhi/platform-messaging';
import { CompoundRef, compoundRefReferenceResolvers, OrgMirror1763700100000, OrgNode, orgMirrorSubscriptions } from '@gongzhi/org-mirror';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { DeliberationInit1763780000000 } from '../migrations/1763780000000-init';
import { CompoundMattersResolver } from './modules/compound/compound-matters.resolver';
import { Matter } from './modules/matter/matter.entity';
import { MatterResolver } from './modules/matter/matter.resolver';
import { MatterService } from './modules/matter/matter.service';

/** The deliberation service: matters residents raise, deliberate, decide, carry out and evaluate. */
export const deliberationModule: SubgraphModule = {
  name: 'deliberation',
  entities: [Matter, OrgNode],
  migrations: [MessagingTables1763700000000, OrgMirror1763700100000, DeliberationInit1763780000000],
  resolverClasses: [MatterResolver, CompoundMattersResolver],
  orphanedTypes: [CompoundRef],
  produces: true,
  consumers: [{ name: 'deliberation-from-org', subscriptions: orgMirrorSubscriptions() }],
  referenceResolverTypes: compoundRefReferenceResolvers,
  createRuntime(dataSource) {
    const matters = new MatterService(dataSource);
    return {
      resolvers: [new MatterResolver(matters), new CompoundMattersResolver(matters)],
      referenceResolvers: compoundRefReferenceResolvers,
    };
  },
};
