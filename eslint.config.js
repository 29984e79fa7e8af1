// Lint is also where the architecture is enforced: which layer may import which.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';

const noNodeOrElectron = [
  { group: ['electron', 'electron/*', 'electron-store', 'electron-log', 'electron-log/*'], message: 'Only electron/ may use Electron.' },
  { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'better-sqlite3', 'fastify', '@fastify/*'], message: 'This layer must not use Node or server modules.' },
];
const layer = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', '.electron-native', '.data', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: layer([
      ...noNodeOrElectron,
      { group: ['**/db/**', '**/electron/**', '**/renderer/**', '**/server/**', 'react', 'react-dom', '@mui/*'], message: 'shared/ is pure: it imports nothing from other layers.' },
    ]),
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Every word a user reads comes from the translation files (renderer/src/i18n); the attributes
      // listed are the ones a user reads or a screen reader speaks.
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['label', 'title', 'placeholder', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'helperText', 'alt', 'primary', 'secondary', 'caption', 'heading', 'message', 'emptyText', 'description'],
          },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s—–…·•×→←↑↓✓⚠]+', '[A-Z]{3}', '\\p{Emoji}+'] },
        },
      ],
      ...layer([
        ...noNodeOrElectron,
        { group: ['**/db/**', '**/db', '**/electron/**', '**/server/**'], message: 'renderer/ talks to the app only through window.api (shared/api).' },
      ]),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', 'zod/*', '**/shared/api/schemas', '**/shared/api/*-schemas', '**/shared/api/*-schema', '**/shared/api/contract', '**/shared/api/*-contract'],
              allowTypeImports: true,
              message: 'Types only: zod probes for eval when loaded, which the renderer CSP forbids (see docs/UI.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: layer([
      { group: ['electron', 'electron/*', 'electron-store', 'electron-log'], message: 'db/ runs in plain Node too (tests, dev:web, benchmarks).' },
      { group: ['**/renderer/**', '**/electron/**', '**/server/**'], message: 'db/ depends only on shared/.' },
    ]),
  },
  // server/ has its own server/db, so the client's db/ is forbidden by its depth-relative path.
  ...[0, 1, 2].map((depth) => ({
    files: [`server/${'*/'.repeat(depth)}*.ts`],
    rules: layer([
      { group: ['electron', 'electron/*', 'electron-store', 'electron-log', 'electron-log/*', 'better-sqlite3'], message: 'server/ runs without Electron and on PostgreSQL.' },
      { group: ['**/electron/**', '**/renderer/**', `${'../'.repeat(depth + 1)}db`, `${'../'.repeat(depth + 1)}db/**`], message: 'server/ depends only on shared/ and its own modules.' },
    ]),
  })),
  // The server demo seeds the very portfolio the desktop's demo has, so it uses the pure generator
  // (db/demo/generate and what it imports: no SQLite, no Electron). Nothing else of db/.
  {
    files: ['server/demo/*.ts'],
    rules: layer([
      { group: ['electron', 'electron/*', 'electron-store', 'electron-log', 'electron-log/*', 'better-sqlite3'], message: 'server/ runs without Electron and on PostgreSQL.' },
      { group: ['**/electron/**', '**/renderer/**', '../../db/*', '!../../db/demo', '../../db/demo/*', '!../../db/demo/generate'], message: 'server/demo may use only the demo generator of db/.' },
    ]),
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(only|skip|todo)$/][callee.object.name=/^(it|test|describe)$/]", message: 'No focused, skipped or todo tests on main.' },
      ],
    },
  },
  {
    // Integration files share their worker's modules (isolate: false in vitest.config.ts), so none may
    // change what another file imports or reads from the process.
    files: ['tests/integration/**/*.ts'],
    ignores: ['tests/integration/global-setup.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(only|skip|todo)$/][callee.object.name=/^(it|test|describe)$/]", message: 'No focused, skipped or todo tests on main.' },
        { selector: "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock|spyOn|stubEnv|stubGlobal|useFakeTimers|setSystemTime|resetModules)$/]", message: 'Integration files share modules (isolate: false): no module mocks, spies, stubs or fake timers.' },
        { selector: "AssignmentExpression[left.object.object.name='process'][left.object.property.name='env']", message: 'Integration files share one process: pass settings as options, not through process.env.' },
        { selector: "UnaryExpression[operator='delete'][argument.object.object.name='process'][argument.object.property.name='env']", message: 'Integration files share one process: pass settings as options, not through process.env.' },
      ],
    },
  },
);
