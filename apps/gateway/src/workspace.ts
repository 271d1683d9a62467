import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest directory above this file holding workspace.json (three levels up from the
 * sources, four from the built output under dist/).
 */
function findWorkspaceRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'workspace.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../../..');
  }
}

export const WORKSPACE_ROOT = findWorkspaceRoot(__dirname);

/** workspace.json: the classic `{version: 2, projects: {name: root}}` map of the workspace's projects. */
export function readWorkspace(root = WORKSPACE_ROOT): Record<string, string> {
  const parsed = JSON.parse(readFileSync(path.join(root, 'workspace.json'), 'utf8')) as { version: number; projects: Record<string, string> };
  return parsed.projects;
}

/** The subgraph services: the apps that ship a `schema.graphql`, in workspace order. */
export function subgraphProjects(root = WORKSPACE_ROOT): { name: string; root: string; schemaPath: string }[] {
  return Object.entries(readWorkspace(root))
    .map(([name, projectRoot]) => ({ name, root: projectRoot, schemaPath: path.join(root, projectRoot, 'schema.graphql') }))
    .filter((project) => project.root.startsWith('apps/') && existsSync(project.schemaPath));
}

export const SUPERGRAPH_PATH = path.join(WORKSPACE_ROOT, 'apps/gateway/supergraph.graphql');

/** The client-facing API schema (no federation directives), which libs/client generates its types from. */
export const API_SCHEMA_PATH = path.join(WORKSPACE_ROOT, 'apps/gateway/api-schema.graphql');
