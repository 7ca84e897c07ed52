import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { tsImport } from 'tsx/esm/api'
import type { Plugin } from 'vite'
import type * as PipelineModule from '../src/core/pipeline'
import type * as LibraryModule from '../src/core/resolve/library'
import type { LibrarySpec, TextFile } from '../src/core/resolve/library'
import type { Result } from '../src/core/issues'
import type { Scenario } from '../src/core/schema'

// The core is TypeScript with extensionless imports: loaded through tsx when the plugin runs, not bundled into the
// Vite config (whose loader would otherwise warn about every such import).
const core = () => tsImport('../src/core/resolve/library.ts', import.meta.url) as Promise<typeof LibraryModule>
const pipeline = () => tsImport('../src/core/pipeline.ts', import.meta.url) as Promise<typeof PipelineModule>

/** The id the worker imports the bundled model library from. */
export const LIBRARY_MODULE = 'virtual:lantian-library'
/** The id the worker imports the bundled seeds' parsed scenarios from. */
export const SEEDS_MODULE = 'virtual:lantian-seeds'
const RESOLVED_SEEDS = `\0${SEEDS_MODULE}`

/** Read the model library files under `root/models` (YAML and JSON, as the app bundled them), paths as `models/…`. */
export function readModelFiles(root: string): TextFile[] {
  const out: TextFile[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(ya?ml|json)$/.test(e.name)) out.push({ path: relative(root, p).split(sep).join('/'), text: readFileSync(p, 'utf8') })
    }
  }
  walk(join(root, 'models'))
  return out.sort((a, b) => (a.path < b.path ? -1 : 1))
}

/**
 * Parse and check the model library as the app's worker would, and return what it ships: the parsed,
 * schema-validated library (`readLibrarySpec`), with the fingerprint of the YAML text. Throws with the library's
 * issues if `loadLibrary` would refuse it, so a broken library fails the build instead of the app.
 */
export async function shippedLibrary(root: string): Promise<{ spec: LibrarySpec; files: string[] }> {
  const { buildLibrary, readLibrarySpec } = await core()
  const files = readModelFiles(root)
  const spec = readLibrarySpec(files)
  const built = spec.ok ? buildLibrary(spec.value) : spec
  if (!spec.ok || !built.ok) {
    const issues = (spec.ok ? (built.ok ? [] : built.issues) : spec.issues).map((i) => `${i.file ?? ''}${i.line ? `:${i.line}` : ''} ${i.en}`)
    throw new Error(`the model library (models/) does not load:\n${issues.join('\n')}`)
  }
  return { spec: spec.value, files: files.map((f) => join(root, f.path)) }
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
      filter: { id: new RegExp(`^(${LIBRARY_MODULE}|${SEEDS_MODULE})$`) },
      handler: (id) => `\0${id}`,
    },
    load: {
      filter: { id: new RegExp(`^\0(${LIBRARY_MODULE}|${SEEDS_MODULE})$`) },
      async handler(id) {
        if (id === RESOLVED_SEEDS) {
          const { parsed, files } = await shippedSeedScenarios(root)
          for (const f of files) this.addWatchFile(f)
          return `export default JSON.parse(${JSON.stringify(JSON.stringify(parsed))})\n`
        }
        // Both workers import the library (each worker build has its own plugin instance): one parse per text.
        const key = JSON.stringify(readModelFiles(root))
        if (cached?.key !== key) cached = { key, shipped: shippedLibrary(root) }
        const { spec, files } = await cached.shipped
        for (const f of files) this.addWatchFile(f)
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(spec))})\n`
      },
    },
  }
}
