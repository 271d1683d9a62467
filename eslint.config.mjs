import js from '@eslint/js';
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries only reads the project graph Nx cached last time; with no cache it skips itself
// (a warning, exit 0) and with an old one it judges today's imports by yesterday's graph. Build it now.
await createProjectGraphAsync({ exitOnError: false });

const ts = ['**/*.ts'];

// Every scope owned by one service: it may use itself and the shared libraries, nothing else.
const serviceScopes = ['org', 'deliberation', 'property', 'fund', 'gateway'];

const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:contract'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contract'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contract'] },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
  ...serviceScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
];

export default defineConfig(
  globalIgnores([
    '**/node_modules/**',
    '**/dist/**',
    '**/tmp/**',
    '.data/**',
    '.nx/**',
    '**/coverage/**',
    'docker/**',
    'libs/client/src/generated/**',
    '**/*.graphql',
  ]),

  {
    files: ['tools/**/*.mjs', '**/*.cjs', 'eslint.config.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.node } },
  },

  {
    files: ts,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },

  // tools/ is not an Nx project, so there are no tags to check there.
  {
    files: ts,
    ignores: ['tools/**'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints },
      ],
    },
  },

  // The e2e suite boots every service in-process, so it imports the apps themselves. The rule forbids
  // importing an application whatever the tags say, so this one project is allowed the app aliases.
  {
    files: ['apps/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: ['@gongzhi/app-*'], depConstraints },
      ],
    },
  },

  prettier,
);
