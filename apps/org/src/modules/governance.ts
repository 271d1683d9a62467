import type { DataSource } from 'typeorm';
import { OrgGovernance1763800000000 } from '../../migrations/1763800000000-governance';
import { Grid, GridCoverage, GridWorker } from './grid/grid.entity';
import { GridCoverageResolver, GridResolver } from './grid/grid.resolver';
import { GridService } from './grid/grid.service';

/**
 * Grids, party organization, self-governance bodies, building roles and field work (issue 3, items 4–7), as
 * parts the org module adds to its own entities, migrations and resolvers.
 */
export const governanceParts = {
  entities: [Grid, GridCoverage, GridWorker],
  migrations: [OrgGovernance1763800000000],
  resolverClasses: [GridResolver, GridCoverageResolver],
  createResolvers(dataSource: DataSource): object[] {
    const grids = new GridService(dataSource);
    return [new GridResolver(grids), new GridCoverageResolver(grids)];
  },
};
