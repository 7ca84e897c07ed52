import js from '@eslint/js'
import tseslint from 'typescript-eslint'

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
