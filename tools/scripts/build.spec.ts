import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** `npm run build` output must behave as the sources do: same schema, same configuration rules. */
describe('the production build (npm run build)', () => {
  const out = path.join(root, 'tmp', `build-spec-${process.pid}`);
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'tools/scripts/build.mjs'), '--out', out, '--clean'], { cwd: root });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('compiles every app and library, leaving specs and e2e out', () => {
    for (const app of ['org', 'deliberation', 'property', 'fund', 'gateway']) expect(existsSync(path.join(out, `apps/${app}/src/main.js`))).toBe(true);
    expect(existsSync(path.join(out, 'libs/platform/service/src/index.js'))).toBe(true);
    expect(existsSync(path.join(out, 'apps/gateway/src/subgraph-fetcher.spec.js'))).toBe(false);
    expect(existsSync(path.join(out, 'apps/e2e'))).toBe(false);
  });

  it('prints the same subgraph schema as the sources (decorator metadata and path aliases survive)', () => {
    const sdl = execFileSync(process.execPath, [path.join(out, 'apps/org/src/main.js'), 'print-schema'], { cwd: root, encoding: 'utf8' });
    expect(sdl).toBe(readFileSync(path.join(root, 'apps/org/schema.graphql'), 'utf8'));
  });

  it('finds the repository’s files from the built gateway', () => {
    const probe = `const w = require(${JSON.stringify(path.join(out, 'apps/gateway/src/workspace.js'))}); process.stdout.write(w.SUPERGRAPH_PATH)`;
    expect(execFileSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' })).toBe(path.join(root, 'apps/gateway/supergraph.graphql'));
  });
});
