import type { DataSource, EntityManager } from 'typeorm';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { pagePerKey } from '@gongzhi/platform-service';
import { Building, Unit } from '../dwelling/dwelling.entity';
import { communityInScope, isoDate, narrowToScope, residentInScope, violatedConstraint } from './governance-lookups';
import { Grid, GridCoverage, GridKind, GridWorker } from './grid.entity';
import type { AssignGridWorkerInput, CoverGridInput, CreateGridInput, GridsArgs, ReleaseGridWorkerInput } from './grid.inputs';

/** Which kind of grid each kind divides; a dedicated grid may also stand on its own. */
const PARENT_KIND: Record<GridKind, GridKind[]> = {
  [GridKind.MASTER]: [],
  [GridKind.GENERAL]: [GridKind.MASTER],
  [GridKind.MICRO]: [GridKind.GENERAL],
  [GridKind.DEDICATED]: [GridKind.MASTER, GridKind.GENERAL],
};

export class GridService {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: AuthUser, input: CreateGridInput): Promise<Grid> {
    const parentId = input.parentId ? parseId(input.parentId, 'input.parentId') : null;
    return this.dataSource.transaction(async (manager) => {
      // The community row lock serialises code assignment within one community.
      const community = await communityInScope(manager, user, input.communityCode, 'input.communityCode', true);
      if (parentId) {
        const parent = await manager.findOne(Grid, { where: { id: parentId } });
        if (!parent || parent.communityId !== community.id) {
          throw new BadUserInputError('input.parentId', 'UNKNOWN_PARENT_GRID', `community ${community.code} has no grid with the id ${parentId}`);
        }
        if (!PARENT_KIND[input.kind].includes(parent.kind)) {
          throw new BadUserInputError('input.parentId', 'WRONG_PARENT_GRID_KIND', `a ${input.kind} grid cannot divide a ${parent.kind} grid`);
        }
      } else if (input.kind === GridKind.GENERAL || input.kind === GridKind.MICRO) {
        throw new BadUserInputError('input.parentId', 'PARENT_GRID_REQUIRED', `a ${input.kind} grid divides a ${PARENT_KIND[input.kind].join(' or ')} grid`);
      }
      if (input.kind === GridKind.MASTER && (await manager.exists(Grid, { where: { communityId: community.id, kind: GridKind.MASTER } }))) {
        throw new ConflictError('MASTER_GRID_EXISTS', `input.kind: community ${community.code} already has a master grid`, 'input.kind');
      }
      const name = input.name.trim();
      if (await manager.exists(Grid, { where: { communityId: community.id, name } })) {
        throw new ConflictError('GRID_NAME_TAKEN', `input.name: the community already has a grid named "${name}"`, 'input.name');
      }
      const [row] = (await manager.query('SELECT max(code) AS last FROM grid WHERE community_id = $1', [community.id])) as { last: string | null }[];
      const sequence = row?.last ? Number(row.last.slice(12)) + 1 : 1;
      if (sequence > 999) throw new ConflictError('COMMUNITY_GRIDS_FULL', 'input.communityCode: the community has no grid codes left', 'input.communityCode');
      const grid = manager.create(Grid, {
        id: uuidv7(),
        code: `${community.code}${String(sequence).padStart(3, '0')}`,
        name,
        kind: input.kind,
        communityId: community.id,
        parentId,
        scopePath: community.scopePath,
      });
      await manager.insert(Grid, grid);
      return manager.findOneOrFail(Grid, { where: { id: grid.id } });
    });
  }

  async cover(user: AuthUser, input: CoverGridInput): Promise<GridCoverage> {
    const gridId = parseId(input.gridId, 'input.gridId');
    const buildingId = parseId(input.buildingId, 'input.buildingId');
    const unitId = input.unitId ? parseId(input.unitId, 'input.unitId') : null;
    return this.dataSource.transaction(async (manager) => {
      const grid = await this.gridForWrite(manager, user, gridId, 'input.gridId');
      const building = await manager.findOne(Building, { where: { id: buildingId } });
      // A grid covers buildings of compounds in its own community only: the building's path lies under the grid's.
      if (!building || !building.scopePath.startsWith(grid.scopePath)) {
        throw new BadUserInputError('input.buildingId', 'BUILDING_NOT_IN_COMMUNITY', `no building with the id ${buildingId} lies in the grid's community`);
      }
      if (unitId && !(await manager.exists(Unit, { where: { id: unitId, buildingId } }))) {
        throw new BadUserInputError('input.unitId', 'UNIT_NOT_IN_BUILDING', `building ${building.number} has no unit with the id ${unitId}`);
      }
      const coverage = manager.create(GridCoverage, { id: uuidv7(), gridId, buildingId, unitId });
      try {
        await manager.insert(GridCoverage, coverage);
      } catch (error) {
        if (violatedConstraint(error, '23505') === null) throw error;
        throw new ConflictError('ALREADY_COVERED', `input.${unitId ? 'unitId' : 'buildingId'}: the grid already covers it`, `input.${unitId ? 'unitId' : 'buildingId'}`);
      }
      return coverage;
    });
  }

  async assignWorker(user: AuthUser, input: AssignGridWorkerInput): Promise<GridWorker> {
    const gridId = parseId(input.gridId, 'input.gridId');
    const assignedOn = isoDate(input.assignedOn, 'input.assignedOn');
    if (Boolean(input.residentId) === Boolean(input.staffSub)) {
      throw new BadUserInputError('input.residentId', 'ONE_WORKER_IDENTITY', 'give either residentId or staffSub, not both or neither');
    }
    if (input.staffSub && !input.name) throw new BadUserInputError('input.name', 'NAME_REQUIRED', 'a staff grid worker needs a name');
    return this.dataSource.transaction(async (manager) => {
      const grid = await this.gridForWrite(manager, user, gridId, 'input.gridId');
      const resident = input.residentId ? await residentInScope(manager, user, input.residentId, 'input.residentId') : null;
      const worker = manager.create(GridWorker, {
        id: uuidv7(),
        gridId,
        residentId: resident?.id ?? null,
        staffSub: input.staffSub?.trim() ?? null,
        name: resident?.name ?? input.name!.trim(),
        assignedOn,
        releasedOn: null,
        scopePath: grid.scopePath,
      });
      try {
        await manager.insert(GridWorker, worker);
      } catch (error) {
        if (violatedConstraint(error, '23505') === null) throw error;
        const field = resident ? 'input.residentId' : 'input.staffSub';
        throw new ConflictError('ALREADY_ASSIGNED', `${field}: already a worker of this grid`, field);
      }
      return worker;
    });
  }

  async releaseWorker(user: AuthUser, input: ReleaseGridWorkerInput): Promise<GridWorker> {
    const workerId = parseId(input.workerId, 'input.workerId');
    const releasedOn = isoDate(input.releasedOn, 'input.releasedOn');
    return this.dataSource.transaction(async (manager) => {
      const worker = await manager.findOne(GridWorker, { where: { id: workerId }, lock: { mode: 'pessimistic_write' } });
      if (!worker) throw new BadUserInputError('input.workerId', 'UNKNOWN_GRID_WORKER', `no grid worker has the id ${workerId}`);
      requireScope(user, worker.scopePath, 'this grid');
      if (worker.releasedOn) throw new ConflictError('ALREADY_RELEASED', `input.workerId: released on ${worker.releasedOn}`, 'input.workerId');
      if (releasedOn < worker.assignedOn) throw new BadUserInputError('input.releasedOn', 'BEFORE_ASSIGNMENT', `must not be before ${worker.assignedOn}`);
      worker.releasedOn = releasedOn;
      await manager.save(GridWorker, worker);
      return worker;
    });
  }

  async get(user: AuthUser, id: string): Promise<Grid> {
    const grid = await this.dataSource.getRepository(Grid).findOne({ where: { id: parseId(id, 'id') } });
    if (!grid) throw new NotFoundError('GRID_NOT_FOUND', `id: no grid has the id ${id}`, 'id');
    requireScope(user, grid.scopePath, 'this grid');
    return grid;
  }

  async list(user: AuthUser, args: GridsArgs): Promise<ConnectionShape<Grid>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'g.scope_path');
    const query = this.dataSource.getRepository(Grid).createQueryBuilder('g').where(scope.sql, scope.params).orderBy('g.id', 'ASC').limit(args.first + 1);
    narrowToScope(query, user, args.scope, 'g.scope_path');
    if (args.kind) query.andWhere('g.kind = :kind', { kind: args.kind });
    if (after) query.andWhere('g.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** The first page of what each of many grids covers, in one statement. */
  coverageOf(user: AuthUser, gridIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<GridCoverage>>> {
    const scope = withinScopes(user, 'g.scope_path');
    return pagePerKey(this.dataSource.getRepository(GridCoverage), {
      table: 'grid_coverage',
      keyColumn: 'grid_id',
      keyOf: (coverage) => coverage.gridId,
      keys: gridIds,
      conditions: [`EXISTS (SELECT 1 FROM grid g WHERE g.id = x.grid_id AND ${scope.sql})`],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  /** The current workers of many grids, in one statement. */
  currentWorkersOf(user: AuthUser, gridIds: readonly string[]): Promise<GridWorker[]> {
    const scope = withinScopes(user, 'w.scope_path');
    return this.dataSource
      .getRepository(GridWorker)
      .createQueryBuilder('w')
      .where('w.grid_id = ANY(:ids)', { ids: [...gridIds] })
      .andWhere('w.released_on IS NULL')
      .andWhere(scope.sql, scope.params)
      .orderBy('w.id', 'ASC')
      .getMany();
  }

  /** Buildings and units by id, for coverage rows; those outside the caller's scopes are left out. */
  buildingsByIds(user: AuthUser, ids: readonly string[]): Promise<Building[]> {
    const scope = withinScopes(user, 'b.scope_path');
    return this.dataSource.getRepository(Building).createQueryBuilder('b').where('b.id = ANY(:ids)', { ids: [...ids] }).andWhere(scope.sql, scope.params).getMany();
  }

  unitsByIds(user: AuthUser, ids: readonly string[]): Promise<Unit[]> {
    const scope = withinScopes(user, 'u.scope_path');
    return this.dataSource.getRepository(Unit).createQueryBuilder('u').where('u.id = ANY(:ids)', { ids: [...ids] }).andWhere(scope.sql, scope.params).getMany();
  }

  private async gridForWrite(manager: EntityManager, user: AuthUser, gridId: string, field: string): Promise<Grid> {
    const grid = await manager.findOne(Grid, { where: { id: gridId } });
    if (!grid) throw new BadUserInputError(field, 'UNKNOWN_GRID', `no grid has the id ${gridId}`);
    requireScope(user, grid.scopePath, 'this grid');
    return grid;
  }
}
