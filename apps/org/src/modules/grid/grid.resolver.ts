import { Arg, Args, ArgsType, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import { byKey, groupByKey, type RequestContext } from '@gongzhi/platform-service';
import { Building, Unit } from '../dwelling/dwelling.entity';
import { Grid, GridCoverage, GridWorker } from './grid.entity';
import { AssignGridWorkerInput, CoverGridInput, CreateGridInput, GridsArgs, ReleaseGridWorkerInput } from './grid.inputs';
import type { GridService } from './grid.service';

@ObjectType()
export class GridConnection extends Connection(Grid, 'Grid') {}

@ObjectType()
export class GridCoverageConnection extends Connection(GridCoverage, 'GridCoverage') {}

@ArgsType()
export class GridCoverageArgs extends PageArgs {}

@Resolver(() => Grid)
export class GridResolver {
  constructor(private readonly gridService: GridService) {}

  @Authorized()
  @Query(() => Grid, { description: 'One grid inside your scopes.' })
  grid(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Grid> {
    return this.gridService.get(requireUser(ctx), id);
  }

  @Authorized()
  @Query(() => GridConnection, { description: 'Grids inside your scopes, in creation order.' })
  grids(@Args() args: GridsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<Grid>> {
    return this.gridService.list(requireUser(ctx), args);
  }

  @Requires('registry:write')
  @Mutation(() => Grid, { description: 'Creates a grid in a community and assigns its CJ/T 349 code.' })
  createGrid(@Arg('input') input: CreateGridInput, @Ctx() ctx: RequestContext): Promise<Grid> {
    return this.gridService.create(requireUser(ctx), input);
  }

  @Requires('registry:write')
  @Mutation(() => GridCoverage, { description: 'Adds a building, or one unit of it, to what a grid covers.' })
  coverGrid(@Arg('input') input: CoverGridInput, @Ctx() ctx: RequestContext): Promise<GridCoverage> {
    return this.gridService.cover(requireUser(ctx), input);
  }

  @Requires('registry:write')
  @Mutation(() => GridWorker, { description: 'Assigns a grid worker (网格员) to a grid.' })
  assignGridWorker(@Arg('input') input: AssignGridWorkerInput, @Ctx() ctx: RequestContext): Promise<GridWorker> {
    return this.gridService.assignWorker(requireUser(ctx), input);
  }

  @Requires('registry:write')
  @Mutation(() => GridWorker, { description: 'Ends a grid worker’s assignment.' })
  releaseGridWorker(@Arg('input') input: ReleaseGridWorkerInput, @Ctx() ctx: RequestContext): Promise<GridWorker> {
    return this.gridService.releaseWorker(requireUser(ctx), input);
  }

  @FieldResolver(() => GridCoverageConnection, { description: 'Buildings and units the grid covers.' })
  coverage(@Root() grid: Grid, @Args() args: GridCoverageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<GridCoverage>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<GridCoverage>>(`gridCoverage:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.gridService.coverageOf(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(grid.id);
  }

  @FieldResolver(() => [GridWorker], { description: 'Workers currently assigned to the grid.' })
  workers(@Root() grid: Grid, @Ctx() ctx: RequestContext): Promise<GridWorker[]> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, GridWorker[]>('gridWorkers', async (ids) => groupByKey(ids, await this.gridService.currentWorkersOf(user, ids), (w) => w.gridId))
      .load(grid.id);
  }
}

@Resolver(() => GridCoverage)
export class GridCoverageResolver {
  constructor(private readonly gridService: GridService) {}

  @FieldResolver(() => Building, { nullable: true })
  building(@Root() coverage: GridCoverage, @Ctx() ctx: RequestContext): Promise<Building | null> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, Building | null>('governanceBuildingById', async (ids) => byKey(ids, await this.gridService.buildingsByIds(user, ids), (b) => b.id))
      .load(coverage.buildingId);
  }

  @FieldResolver(() => Unit, { nullable: true })
  async unit(@Root() coverage: GridCoverage, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    if (!coverage.unitId) return null;
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, Unit | null>('governanceUnitById', async (ids) => byKey(ids, await this.gridService.unitsByIds(user, ids), (u) => u.id))
      .load(coverage.unitId);
  }
}
