#!/usr/bin/env node
// `npm run build`: compiles every service, the gateway and the libraries they use to plain CommonJS under dist/
// (same layout as the sources: dist/apps/org/src/main.js, dist/libs/platform/db/src/index.js, …), so production
// runs `node dist/apps/<app>/src/main.js` instead of compiling TypeScript on every start through
// @swc-node/register. The same SWC settings as the development loader and Jest (decorators with metadata, no
// define semantics for class fields); the @gongzhi/* path aliases are rewritten to relative requires.
// Type checking stays `npm run typecheck`. Incremental: a file is recompiled only when its source is newer than
// its output, so `npm start` can build on every start for the cost of a directory walk.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outFlag = process.argv.indexOf('--out');
// --out <dir> (inside the repository, so node_modules resolves) is for the spec that checks the built output.
const outDir = outFlag > 0 ? path.resolve(process.argv[outFlag + 1] ?? 'dist') : path.join(root, 'dist');
const { compilerOptions } = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));

/** Source trees that production code lives in: every app's src/ and migrations/ (not e2e), every library's src/. */
function sourceRoots() {
  const roots = [];
  for (const app of readdirSync(path.join(root, 'apps'))) {
    if (app === 'e2e') continue;
    for (const dir of ['src', 'migrations']) if (existsSync(path.join(root, 'apps', app, dir))) roots.push(path.join('apps', app, dir));
  }
  const libs = (dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const child = path.join(dir, entry.name);
      if (entry.name === 'src') roots.push(child);
      else if (entry.name !== 'node_modules' && entry.name !== 'test') libs(child);
    }
  };
  libs('libs');
  return roots;
}

function* sources(dir) {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(file);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) yield file;
  }
}

const swcOptions = (file) => ({
  filename: path.join(root, file),
  sourceMaps: true,
  sourceFileName: path.relative(path.join(outDir, path.dirname(file)), path.join(root, file)),
  module: { type: 'commonjs' },
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: compilerOptions.paths,
  },
});

async function build({ clean = false } = {}) {
  if (clean) rmSync(outDir, { recursive: true, force: true });
  const started = Date.now();
  const files = sourceRoots().flatMap((dir) => [...sources(dir)]);
  const stale = files.filter((file) => {
    const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
    return !existsSync(target) || statSync(target).mtimeMs < statSync(path.join(root, file)).mtimeMs;
  });
  await Promise.all(
    stale.map(async (file) => {
      const { code, map } = await transform(readFileSync(path.join(root, file), 'utf8'), swcOptions(file));
      const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) writeFileSync(`${target}.map`, map);
    }),
  );
  return { files: files.length, compiled: stale.length, ms: Date.now() - started };
}

const clean = process.argv.includes('--clean');
build({ clean }).then(
  ({ files, compiled, ms }) => process.stdout.write(`build: ${compiled} of ${files} files compiled to ${path.relative(root, outDir)}/ in ${ms} ms\n`),
  (error) => {
    process.stderr.write(`build failed: ${error.message}\n`);
    process.exit(1);
  },
);
