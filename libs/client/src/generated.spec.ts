import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const COMMITTED = 'libs/client/src/generated/graphql.ts';

it('matches what graphql-codegen generates from the API schema (regenerate with: npm run codegen)', () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'libs/client/codegen.json'), 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'gz-codegen-'));
  try {
    const output = path.join(dir, 'graphql.ts');
    writeFileSync(path.join(dir, 'codegen.json'), JSON.stringify({ ...config, generates: { [output]: config.generates[COMMITTED] } }));
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', path.join(dir, 'codegen.json'), '--silent'], { cwd: ROOT, stdio: 'pipe' });
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(path.join(ROOT, COMMITTED), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
