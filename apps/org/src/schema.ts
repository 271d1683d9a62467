import 'reflect-metadata';
import { MessagingTables1763700000000 } from '@gongzhi/platform-messaging';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { OrgInit1763780000000 } from '../migrations/1763780000000-init';
import { Area } from './modules/area/area.entity';
import { AreaResolver } from './modules/area/area.resolver';
import { AreaService } from './modules/area/area.service';
import { Compound } from './modules/compound/compound.entity';
import { compoundReferenceResolvers } from './modules/compound/compound.reference';
import { CompoundResolver } from './modules/compound/compound.resolver';
import { CompoundService } from './modules/compound/compound.service';

/** The organization service: the district's administrative tree and its compounds. */
export const orgModule: SubgraphModule = {
  name: 'org',
  entities: [Area, Compound],
  migrations: [MessagingTables1763700000000, OrgInit1763780000000],
  resolverClasses: [AreaResolver, CompoundResolver],
  produces: true,
  referenceResolverTypes: compoundReferenceResolvers(),
  createRuntime(dataSource) {
    const areas = new AreaService(dataSource);
    const compounds = new CompoundService(dataSource);
    return {
      resolvers: [new AreaResolver(areas), new CompoundResolver(compounds, areas)],
      referenceResolvers: compoundReferenceResolvers(compounds),
    };
  },
};
