import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import protoKeys from './eslint-rules/proto-keys.js'

// Imports a layer may not make (type imports included: ESLint's rule reports `import type` as well). The layers, from
// the bottom: core (the engine) → protocol (the contract, types only) → session (the plan session) → worker and cli
// (its two runners) → ui (talks to the worker only through the contract).
const NODE = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'must not use Node APIs.' }
const UI_LIBS = { group: ['react', 'react-dom', 'react/*', 'plotly.js*', 'comlink'], message: 'must not use UI or worker libraries.' }
const layer = (name, message) => ({ group: [`**/${name}/**`, `**/${name}`], message })
const BROWSER_GLOBALS = ['window', 'document', 'self', 'process', 'navigator', 'localStorage', 'indexedDB']

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', 'schema/**', 'bin/**', '.scratch/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Keys from input (columns, parameters, aliases, ids) must not reach Object.prototype: maps are Maps, and
    // records from parsed files are read with own() (src/core/own.ts). Type-aware, so it sees zod's inferred records.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { lantian: protoKeys },
    rules: { 'lantian/no-proto-keys': 'error', 'no-prototype-builtins': 'error' },
  },
  {
    // The core is pure: no DOM, no Node, no React, no UI or worker code (DESIGN §2). tsconfig.core.json
    // removes DOM and Node types; this rule stops imports that types alone would not catch.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...NODE, message: `src/core ${NODE.message}` },
            { ...UI_LIBS, message: `src/core ${UI_LIBS.message}` },
            { group: ['**/ui/**', '**/worker/**', '**/cli/**'], message: 'src/core must not import from ui/, worker/ or cli/.' },
            layer('session', 'src/core must not import from session/ (the session drives the core).'),
            layer('protocol', 'src/core must not import from protocol/ (the contract is built on the core).'),
          ],
        },
      ],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  },
  {
    // The contract: types only, from the core. Anything that would run is refused, so the app can import it freely.
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('session', 'src/protocol imports the core only.'),
            layer('worker', 'src/protocol imports the core only.'),
            layer('ui', 'src/protocol imports the core only.'),
            layer('cli', 'src/protocol imports the core only.'),
            layer('xlsx', 'src/protocol imports the core only.'),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'FunctionDeclaration, ClassDeclaration, VariableDeclaration, TSEnumDeclaration',
          message: 'src/protocol holds types only (no implementation).',
        },
        { selector: "ImportDeclaration[importKind='value']", message: 'src/protocol imports types only (`import type`).' },
        { selector: "ExportNamedDeclaration[exportKind='value'][source]", message: 'src/protocol re-exports types only (`export type`).' },
        { selector: "ExportAllDeclaration[exportKind='value']", message: 'src/protocol re-exports types only (`export type *`).' },
      ],
    },
  },
  {
    // The session is as pure as the core it drives (one implementation for the worker and the CLI).
    files: ['src/session/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...NODE, message: `src/session ${NODE.message}` },
            { ...UI_LIBS, message: `src/session ${UI_LIBS.message}` },
            { group: ['**/ui/**', '**/worker/**', '**/cli/**', '**/xlsx/**'], message: 'src/session must not import from ui/, worker/, cli/ or xlsx/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  },
  {
    // The app reaches the worker only through the contract (src/protocol) and src/ui/simulator-client.ts.
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('worker', 'src/ui must not import from worker/: use the contract in src/protocol.'),
            layer('session', 'src/ui must not import from session/: the session runs in the worker.'),
            layer('cli', 'src/ui must not import from cli/.'),
          ],
        },
      ],
    },
  },
  {
    // The worker and the CLI are the session's two runners: neither reaches into the other, nor into the app.
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer('ui', 'src/worker must not import from ui/.'), layer('cli', 'src/worker must not import from cli/.')] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('worker', 'src/cli must not import from worker/: share code through src/session.'),
            layer('ui', 'src/cli must not import from ui/.'),
          ],
        },
      ],
    },
  },
)
