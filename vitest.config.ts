import { defineConfig } from 'vitest/config'
import { libraryPlugin } from './scripts/library-plugin.ts'

export default defineConfig({
  // The worker imports the bundled model library from this plugin's virtual module, as in the app build.
  plugins: [libraryPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The CLI tests that spawn bin/lantian.mjs run the built CLI: built here when missing or out of date.
    globalSetup: ['test/cli-build-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
