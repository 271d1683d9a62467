import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH, subgraphProjects } from './workspace';

export const DEFAULT_PORTS: Record<string, number> = { org: 4001, deliberation: 4002, property: 4003, fund: 4004 };

/**
 * Composes the committed subgraph SDL files into the supergraph. The URLs written into it are the container
 * addresses of docker/compose.yml; the gateway maps each subgraph name to its configured URL at start.
 */
export function composeSupergraph(): string {
  const services = subgraphProjects().map((project) => ({
    name: project.name,
    typeDefs: parse(readFileSync(project.schemaPath, 'utf8')),
    url: `http://${project.name}:${DEFAULT_PORTS[project.name] ?? 4000}/graphql`,
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}

if (require.main === module) {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  process.stdout.write(`wrote ${SUPERGRAPH_PATH}\n`);
}
