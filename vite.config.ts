import { readFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { libraryPlugin } from './scripts/library-plugin.ts'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

// `base: './'` keeps every asset URL relative, so the static build works from any folder or intranet path.
export default defineConfig({
  base: './',
  // libraryPlugin: the model library parsed and validated at build time (`virtual:lantian-library`).
  plugins: [react(), libraryPlugin()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es', plugins: () => [libraryPlugin()] },
  build: {
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      // src/core is pure (DESIGN §2): a module there has no side effects, so the UI bundle keeps only what the UI
      // imports from the core barrel (safeText, ScenarioSchema, POLLUTANTS) and not mathjs, which the barrel's
      // unit system would otherwise drag in through its module-level `create(all)`.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]core[\\/]/.test(id) },
    },
  },
})
