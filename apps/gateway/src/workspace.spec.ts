import { createProjectGraphAsync } from '@nx/devkit';
import { readWorkspace, subgraphProjects } from './workspace';

describe('workspace.json', () => {
  it('lists exactly the projects of the Nx project graph, at their roots', async () => {
    const graph = await createProjectGraphAsync({ exitOnError: false });
    const fromNx = Object.fromEntries(Object.values(graph.nodes).map((node) => [node.name, node.data.root]));
    expect(readWorkspace()).toEqual(fromNx);
  }, 60_000);

  it('names the four subgraph services the start script and compose step run', () => {
    expect(subgraphProjects().map((p) => p.name)).toEqual(['org', 'deliberation', 'property', 'fund']);
  });
});
