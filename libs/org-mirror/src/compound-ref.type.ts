import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { ReferenceResolvers } from '@gongzhi/platform-graphql';

/** org's Compound as another subgraph sees it: a key to hang that subgraph's own fields on. */
@ObjectType('Compound')
@Directive('@key(fields: "id")')
export class CompoundRef {
  @Field(() => ID)
  id!: string;
}

/**
 * Any compound id resolves to a stub here; whatever hangs on it is filtered by the caller's scopes, and org
 * itself answers null for compounds outside them.
 */
export const compoundRefReferenceResolvers: ReferenceResolvers = {
  Compound: {
    __resolveReference(reference: { id: string }): CompoundRef {
      return { id: reference.id };
    },
  },
};
