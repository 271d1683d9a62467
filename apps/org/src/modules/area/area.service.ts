import type { DataSource } from 'typeorm';
import { orgAreaCreatedV1 } from '@gongzhi/contracts-events';
import { canActIn, hasRole, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { Area, AreaLevel } from './area.entity';
import { areaScopePath, parseAreaCode } from './area-code';
import type { CreateAreaInput } from './area.inputs';

export interface AreaFilter {
  parentCode?: string | null;
  level?: AreaLevel | null;
  first: number;
  after?: string | null;
}

export class AreaService {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: AuthUser, input: CreateAreaInput): Promise<Area> {
    const parsed = parseAreaCode(input.code, 'input.code');
    const scopePath = areaScopePath(parsed.code);
    return this.dataSource.transaction(async (manager) => {
      let parentId: string | null = null;
      if (parsed.parentCode) {
        const parent = await manager.findOne(Area, { where: { code: parsed.parentCode }, lock: { mode: 'pessimistic_read' } });
        if (!parent) {
          throw new BadUserInputError('input.code', 'UNKNOWN_PARENT_AREA', `no area has the parent code ${parsed.parentCode}; create it first`);
        }
        requireScope(user, parent.scopePath, `area ${parent.code}`);
        parentId = parent.id;
      } else if (!hasRole(user, 'platform_admin') || !canActIn(user, '/')) {
        throw new ForbiddenError('PLATFORM_ADMIN_REQUIRED', 'Only a platform administrator with the root scope creates districts');
      }
      if (await manager.exists(Area, { where: { code: parsed.code } })) {
        throw new ConflictError('AREA_CODE_TAKEN', `input.code: an area with code ${parsed.code} already exists`, 'input.code');
      }
      const area = manager.create(Area, {
        id: uuidv7(),
        code: parsed.code,
        name: input.name.trim(),
        level: parsed.level,
        parentId,
        scopePath,
      });
      await manager.insert(Area, area);
      await enqueueEvent(manager, {
        contract: orgAreaCreatedV1,
        subject: area.id,
        scope: scopePath,
        data: { areaId: area.id, code: area.code, name: area.name, level: area.level, parentId, scopePath },
      });
      return manager.findOneOrFail(Area, { where: { id: area.id } });
    });
  }

  async list(user: AuthUser, filter: AreaFilter): Promise<ConnectionShape<Area>> {
    const after = decodeCursor(filter.after);
    const scope = withinScopes(user, 'a.scope_path');
    const query = this.dataSource
      .getRepository(Area)
      .createQueryBuilder('a')
      .where(scope.sql, scope.params)
      .orderBy('a.id', 'ASC')
      .limit(filter.first + 1);
    if (after) query.andWhere('a.id > :after', { after });
    if (filter.level) query.andWhere('a.level = :level', { level: filter.level });
    if (filter.parentCode) {
      query.andWhere('a.parent_id = (SELECT p.id FROM area p WHERE p.code = :parentCode)', { parentCode: filter.parentCode });
    }
    return toConnection(await query.getMany(), filter.first);
  }

  /** Areas by id for the caller, null where missing or outside the caller's scopes. */
  async byIds(user: AuthUser, ids: readonly string[]): Promise<Area[]> {
    const scope = withinScopes(user, 'a.scope_path');
    return this.dataSource
      .getRepository(Area)
      .createQueryBuilder('a')
      .where('a.id = ANY(:ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
  }
}
