import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import { libraryPlugin } from './scripts/library-plugin.ts'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
const BUILT = fileURLToPath(new URL('./src/cli/bundled.built.ts', import.meta.url))
const LAZY_MATHJS = fileURLToPath(new URL('./src/cli/mathjs-lazy.ts', import.meta.url))

/**
 * Put src/cli/bundled.built.ts (the library parsed at build time) in the place of src/cli/bundled.ts, and
 * src/cli/mathjs-lazy.ts (mathjs loaded when first needed) in the place of mathjs for the core.
 */
function builtIns(): Plugin {
  return {
    name: 'lantian-cli-built-ins',
    enforce: 'pre',
    resolveId: {
      filter: { id: /^(\.\/bundled|mathjs)$/ },
      handler: (id, importer) => {
        if (id === 'mathjs') return importer && /[\\/]src[\\/]core[\\/]/.test(importer) ? LAZY_MATHJS : null
        return importer && /[\\/]src[\\/]cli[\\/][^\\/]+\.ts$/.test(importer) ? BUILT : null
      },
    },
  }
}

/**
 * The `lantian` command as plain JavaScript for Node (`npm run build:cli`, run by `npm ci` through `prepare`):
 * dist-cli/lantian.mjs and the Monte Carlo draw thread's dist-cli/draw-thread.mjs, with the core, zod, yaml and the
 * model library (parsed, as in the app) inside. mathjs, exceljs and HiGHS stay in node_modules and are loaded only
 * when a run needs them.
 */
export default defineConfig({
  plugins: [builtIns(), libraryPlugin()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { lantian: 'src/cli/main.ts', 'draw-thread': 'src/cli/draw-thread.ts' },
      output: { format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      external: ['exceljs', 'highs'],
      // As in the app's build: src/core is pure, so what a command does not use is left out.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]core[\\/]/.test(id) },
    },
  },
  ssr: { noExternal: true, external: ['exceljs', 'highs'] },
})
