import type { DataSource } from 'typeorm';
import { orgCompoundCreatedV1 } from '@gongzhi/contracts-events';
import { assertScopePath, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, NotFoundError, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { Area, AreaLevel } from '../area/area.entity';
import { Compound } from './compound.entity';
import type { CreateCompoundInput } from './compound.inputs';

export interface CompoundFilter {
  scope?: string | null;
  first: number;
  after?: string | null;
}

export class CompoundService {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: AuthUser, input: CreateCompoundInput, now = new Date()): Promise<Compound> {
    if (input.builtYear && input.builtYear > now.getFullYear()) {
      throw new BadUserInputError('input.builtYear', 'BUILT_YEAR_IN_FUTURE', `must not be later than ${now.getFullYear()}`);
    }
    return this.dataSource.transaction(async (manager) => {
      // The lock serialises code assignment within one community.
      const community = await manager.findOne(Area, { where: { code: input.communityCode }, lock: { mode: 'pessimistic_write' } });
      if (!community || community.level !== AreaLevel.COMMUNITY) {
        throw new BadUserInputError('input.communityCode', 'UNKNOWN_AREA_CODE', `no community has the code ${input.communityCode}`);
      }
      requireScope(user, community.scopePath, `community ${community.code}`);

      let code = input.code ?? null;
      if (code) {
        if (!code.startsWith(community.code) || code.endsWith('000')) {
          throw new BadUserInputError('input.code', 'MALFORMED_COMPOUND_CODE', `must be the community code ${community.code} followed by 3 digits other than 000`);
        }
        if (await manager.exists(Compound, { where: { code } })) {
          throw new ConflictError('COMPOUND_CODE_TAKEN', `input.code: a compound with code ${code} already exists`, 'input.code');
        }
      } else {
        const [row] = (await manager.query('SELECT max(code) AS last FROM compound WHERE community_id = $1', [community.id])) as { last: string | null }[];
        const next = row?.last ? Number(row.last.slice(12)) + 1 : 1;
        if (next > 999) throw new ConflictError('COMMUNITY_FULL', 'communityCode: the community has no compound codes left', 'input.communityCode');
        code = `${community.code}${String(next).padStart(3, '0')}`;
      }

      const name = input.name.trim();
      if (await manager.exists(Compound, { where: { communityId: community.id, name } })) {
        throw new ConflictError('COMPOUND_NAME_TAKEN', `input.name: the community already has a compound named "${name}"`, 'input.name');
      }
      const compound = manager.create(Compound, {
        id: uuidv7(),
        code,
        name,
        communityId: community.id,
        type: input.type,
        managementMode: input.managementMode,
        builtYear: input.builtYear ?? null,
        landArea: input.landArea ?? null,
        scopePath: `${community.scopePath}${code}/`,
      });
      await manager.insert(Compound, compound);
      await enqueueEvent(manager, {
        contract: orgCompoundCreatedV1,
        subject: compound.id,
        scope: compound.scopePath,
        data: {
          compoundId: compound.id,
          code,
          name,
          communityId: community.id,
          communityCode: community.code,
          scopePath: compound.scopePath,
        },
      });
      return manager.findOneOrFail(Compound, { where: { id: compound.id } });
    });
  }

  /** One compound: NOT_FOUND when it does not exist, FORBIDDEN when it lies outside the caller's scopes. */
  async get(user: AuthUser, id: string): Promise<Compound> {
    const compound = await this.dataSource.getRepository(Compound).findOne({ where: { id } });
    if (!compound) throw new NotFoundError('COMPOUND_NOT_FOUND', `id: no compound has the id ${id}`, 'id');
    requireScope(user, compound.scopePath, 'this compound');
    return compound;
  }

  async list(user: AuthUser, filter: CompoundFilter): Promise<ConnectionShape<Compound>> {
    const after = decodeCursor(filter.after);
    const scope = withinScopes(user, 'c.scope_path');
    const query = this.dataSource
      .getRepository(Compound)
      .createQueryBuilder('c')
      .where(scope.sql, scope.params)
      .orderBy('c.id', 'ASC')
      .limit(filter.first + 1);
    if (filter.scope) {
      const narrowed = assertScopePath(filter.scope, 'scope');
      if (!user.scopes.some((s) => narrowed.startsWith(s) || s.startsWith(narrowed))) {
        throw new ForbiddenError('OUT_OF_SCOPE', `scope: your scopes do not reach ${narrowed}`);
      }
      query.andWhere('starts_with(c.scope_path, :narrowed)', { narrowed });
    }
    if (after) query.andWhere('c.id > :after', { after });
    return toConnection(await query.getMany(), filter.first);
  }

  /** Compounds by id for entity references; those outside the caller's scopes are left out. */
  async byIds(user: AuthUser, ids: readonly string[]): Promise<Compound[]> {
    const scope = withinScopes(user, 'c.scope_path');
    return this.dataSource
      .getRepository(Compound)
      .createQueryBuilder('c')
      .where('c.id = ANY(:ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
  }
}
