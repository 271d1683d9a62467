import type { DataSource } from 'typeorm';
import { deliberationMatterRaisedV1 } from '@gongzhi/contracts-events';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { findOrgNode } from '@gongzhi/org-mirror';
import { pagePerKey } from '@gongzhi/platform-service';
import { Matter, MatterStatus } from './matter.entity';
import type { RaiseMatterInput } from './matter.inputs';

export interface MatterPage {
  first: number;
  after?: string | null;
  status?: MatterStatus | null;
}

export class MatterService {
  constructor(private readonly dataSource: DataSource) {}

  async raise(user: AuthUser, input: RaiseMatterInput): Promise<Matter> {
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    return this.dataSource.transaction(async (manager) => {
      const compound = await findOrgNode(manager, compoundId, 'COMPOUND');
      if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      requireScope(user, compound.scopePath, 'this compound');
      const matter = manager.create(Matter, {
        id: uuidv7(),
        title: input.title.trim(),
        description: input.description?.trim() || null,
        category: input.category,
        status: MatterStatus.RAISED,
        compoundId,
        scopePath: compound.scopePath,
        raisedBy: user.sub,
      });
      await manager.insert(Matter, matter);
      await enqueueEvent(manager, {
        contract: deliberationMatterRaisedV1,
        subject: matter.id,
        scope: matter.scopePath,
        data: { matterId: matter.id, compoundId, category: matter.category, title: matter.title },
      });
      return manager.findOneOrFail(Matter, { where: { id: matter.id } });
    });
  }

  async list(user: AuthUser, page: MatterPage & { compoundId?: string | null }): Promise<ConnectionShape<Matter>> {
    const after = decodeCursor(page.after);
    const scope = withinScopes(user, 'm.scope_path');
    const query = this.dataSource
      .getRepository(Matter)
      .createQueryBuilder('m')
      .where(scope.sql, scope.params)
      .orderBy('m.id', 'ASC')
      .limit(page.first + 1);
    if (page.compoundId) query.andWhere('m.compound_id = :compoundId', { compoundId: parseId(page.compoundId, 'compoundId') });
    if (page.status) query.andWhere('m.status = :status', { status: page.status });
    if (after) query.andWhere('m.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /** The first page of matters of each of many compounds, in one query: `compounds { matters }`. */
  pageByCompounds(user: AuthUser, compoundIds: readonly string[], page: MatterPage): Promise<Map<string, ConnectionShape<Matter>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(Matter), {
      table: 'matter',
      keyColumn: 'compound_id',
      keyOf: (matter) => matter.compoundId,
      keys: compoundIds,
      conditions: page.status ? [scope.sql, 'x.status = :status'] : [scope.sql],
      params: { ...scope.params, status: page.status },
      first: page.first,
      after: page.after,
    });
  }
}
