import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tsImport } from 'tsx/esm/api'
import type { Plugin } from 'vite'
import type * as PipelineModule from '../src/core/pipeline'
import type * as CoreModule from '../src/core'
import type { LibrarySpec, Result, Scenario, UnitAnswers } from '../src/core'
import { readModelFiles } from '../src/cli/model-files.ts'

export { readModelFiles }

// The core is TypeScript with extensionless imports: loaded through tsx when the plugin runs, not bundled into the
// Vite config (whose loader would otherwise warn about every such import).
const core = () => tsImport('../src/core/index.ts', import.meta.url) as Promise<typeof CoreModule>
const pipeline = () => tsImport('../src/core/pipeline.ts', import.meta.url) as Promise<typeof PipelineModule>

/** The id the worker imports the bundled model library from. */
export const LIBRARY_MODULE = 'virtual:lantian-library'
/** The id the built CLI imports the bundled library's unit answers from (`recordUnitAnswers`). */
export const UNITS_MODULE = 'virtual:lantian-unit-answers'
/** The id the worker imports the bundled seeds' parsed scenarios from. */
export const SEEDS_MODULE = 'virtual:lantian-seeds'
const RESOLVED_SEEDS = `\0${SEEDS_MODULE}`

/**
 * Parse and check the model library as the app's worker would, and return what it ships: the parsed,
 * schema-validated library (`readLibrarySpec`), with the fingerprint of the YAML text. Throws with the library's
 * issues if `loadLibrary` would refuse it, so a broken library fails the build instead of the app.
 */
export async function shippedLibrary(root: string): Promise<{ spec: LibrarySpec; files: string[]; units: UnitAnswers }> {
  const { buildLibrary, readLibrarySpec, recordUnitAnswers } = await core()
  const files = readModelFiles(root)
  const spec = readLibrarySpec(files)
  const built = spec.ok ? buildLibrary(spec.value) : spec
  if (!spec.ok || !built.ok) {
    const issues = (spec.ok ? (built.ok ? [] : built.issues) : spec.issues).map((i) => `${i.file ?? ''}${i.line ? `:${i.line}` : ''} ${i.en}`)
    throw new Error(`the model library (models/) does not load:\n${issues.join('\n')}`)
  }
  const units = recordUnitAnswers(spec.value)
  if (!units.ok) throw new Error('the model library (models/) does not load its units')
  return { spec: spec.value, files: files.map((f) => join(root, f.path)), units: units.value }
}

/**
 * Parse each bundled seed's scenario (`seeds/<id>/scenario.yaml`) as the worker would, with `parseScenario` and the
 * same file name, and return the results by seed id (issues included: the worker reports them as before).
 */
export async function shippedSeedScenarios(root: string): Promise<{ parsed: Record<string, Result<Scenario>>; files: string[] }> {
  const { parseScenario } = await pipeline()
  const parsed: Record<string, Result<Scenario>> = {}
  const files: string[] = []
  const dir = join(root, 'seeds')
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = join(dir, e.name, 'scenario.yaml')
    if (!e.isDirectory() || !existsSync(file)) continue
    parsed[e.name] = parseScenario(readFileSync(file, 'utf8'), `seeds/${e.name}/scenario.yaml`)
    files.push(file)
  }
  return { parsed, files }
}

let cached: { key: string; shipped: ReturnType<typeof shippedLibrary> } | undefined

/**
 * A Vite plugin that serves `virtual:lantian-library`, the model library parsed and validated at build time, and
 * `virtual:lantian-seeds`, the seed scenarios parsed: JSON strings the worker reads with `JSON.parse` (CSP-safe,
 * and faster than YAML, zod and an object literal).
 */
export function libraryPlugin(): Plugin {
  let root = process.cwd()
  return {
    name: 'lantian-library',
    configResolved(c) {
      root = c.root
    },
    resolveId: {
      filter: { id: new RegExp(`^(${LIBRARY_MODULE}|${SEEDS_MODULE}|${UNITS_MODULE})$`) },
      handler: (id) => `\0${id}`,
    },
    load: {
      filter: { id: new RegExp(`^\0(${LIBRARY_MODULE}|${SEEDS_MODULE}|${UNITS_MODULE})$`) },
      async handler(id) {
        if (id === RESOLVED_SEEDS) {
          const { parsed, files } = await shippedSeedScenarios(root)
          for (const f of files) this.addWatchFile(f)
          return `export default JSON.parse(${JSON.stringify(JSON.stringify(parsed))})\n`
        }
        // Both workers import the library (each worker build has its own plugin instance): one parse per text.
        const key = JSON.stringify(readModelFiles(root))
        if (cached?.key !== key) cached = { key, shipped: shippedLibrary(root) }
        const { spec, files, units } = await cached.shipped
        for (const f of files) this.addWatchFile(f)
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(id === `\0${UNITS_MODULE}` ? units : spec))})\n`
      },
    },
  }
}
