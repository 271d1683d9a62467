import { requireUser } from '@gongzhi/platform-auth';
import { isUuid, type ReferenceResolvers } from '@gongzhi/platform-graphql';
import { byKey, type RequestContext } from '@gongzhi/platform-service';
import type { Compound } from './compound.entity';
import type { CompoundService } from './compound.service';

/** `_entities` for Compound: every reference in one request is loaded with one query, scoped to the caller. */
export function compoundReferenceResolvers(compounds?: CompoundService): ReferenceResolvers {
  return {
    Compound: {
      async __resolveReference(reference: { id: string }, ctx: RequestContext): Promise<Compound | null> {
        const user = requireUser(ctx);
        if (!isUuid(reference.id)) return null;
        return ctx.loaders
          .get<string, Compound | null>('compoundRef', async (ids) => byKey(ids, await compounds!.byIds(user, ids), (c) => c.id))
          .load(reference.id);
      },
    },
  };
}
