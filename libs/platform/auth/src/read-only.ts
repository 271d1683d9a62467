import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { ForbiddenError } from '@gongzhi/platform-graphql';
import type { AuthContext } from './auth-checker';
import { isReadOnly } from './policy';

/**
 * Refuses every mutation of the schema to a read-only caller (an auditor), before the mutation's own checks
 * run: the rule holds for mutations added later and for those open to any role or to no token at all. The
 * schema's root mutation resolvers are wrapped in place; it is returned for chaining.
 */
export function guardMutations<S extends GraphQLSchema>(schema: S): S {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: AuthContext, info) => {
      if (context.user && isReadOnly(context.user)) {
        throw new ForbiddenError('READ_ONLY_ROLE', `${info.fieldName} changes data, and your roles (${context.user.roles.join(', ')}) only read`);
      }
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
