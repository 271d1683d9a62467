import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH, subgraphProjects } from './workspace';

export const DEFAULT_PORTS: Record<string, number> = { org: 4001, deliberation: 4002, property: 4003, fund: 4004 };

/**
 * Composes the committed subgraph SDL files into the supergraph (and the client-facing API schema). The URLs written into it are the container
 * addresses of docker/compose.yml; the gateway maps each subgraph name to its configured URL at start.
 */
export function composeSupergraph(): { supergraphSdl: string; apiSchemaSdl: string } {
  const services = subgraphProjects().map((project) => ({
    name: project.name,
    typeDefs: parse(readFileSync(project.schemaPath, 'utf8')),
    url: `http://${project.name}:${DEFAULT_PORTS[project.name] ?? 4000}/graphql`,
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  const apiSchema = lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { supergraphSdl: `${result.supergraphSdl.trim()}\n`, apiSchemaSdl: `${printSchema(apiSchema).trim()}\n` };
}

if (require.main === module) {
  const { supergraphSdl, apiSchemaSdl } = composeSupergraph();
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  writeFileSync(API_SCHEMA_PATH, apiSchemaSdl);
  process.stdout.write(`wrote ${SUPERGRAPH_PATH} and ${API_SCHEMA_PATH}\n`);
}
