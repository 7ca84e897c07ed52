import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import protoKeys from './eslint-rules/proto-keys.js'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'schema/**', 'bin/**', '.scratch/**', 'test/fixtures/**'] },
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
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'src/core must not use Node APIs.' },
            { group: ['react', 'react-dom', 'react/*', 'plotly.js*', 'comlink'], message: 'src/core must not use UI or worker libraries.' },
            { group: ['**/ui/**', '**/worker/**', '**/cli/**'], message: 'src/core must not import from ui/, worker/ or cli/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'process', 'navigator', 'localStorage', 'indexedDB'],
    },
  },
)
