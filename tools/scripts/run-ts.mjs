#!/usr/bin/env node
// Runs a TypeScript entry point with decorator metadata and the @gongzhi/* path aliases, via @swc-node/register.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.resolve(root, entry), ...args], {
  stdio: 'inherit',
  cwd: process.cwd(),
  env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
});
process.exit(result.status ?? 1);
