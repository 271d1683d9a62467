import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject"])\n`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = GraphQLResolverMap<any>;

export interface SubgraphOptions extends Omit<BuildSchemaOptions, 'skipCheck' | 'emitSchemaFile'> {
  /** `__resolveReference` per entity type this subgraph can resolve by key. */
  referenceResolvers?: ReferenceResolvers;
}

/**
 * Turns type-graphql resolvers into a Federation 2 subgraph schema: print the schema with its directives,
 * put the `@link` in front, let `@apollo/subgraph` add `_service`/`_entities`, then merge type-graphql's
 * resolvers with the reference resolvers.
 */
export async function buildFederatedSchema(options: SubgraphOptions): Promise<GraphQLSchema> {
  const { referenceResolvers, ...buildOptions } = options;
  const schema = await buildSchema({
    ...buildOptions,
    directives: [...specifiedDirectives, ...(buildOptions.directives ?? [])],
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as ReferenceResolvers;
  for (const [typeName, fields] of Object.entries(referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) };
  }
  return buildSubgraphSchema({ typeDefs: gql(FEDERATION_LINK + printSchemaWithDirectives(schema)), resolvers });
}
