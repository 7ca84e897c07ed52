import { parseScenario, type Result, type Scenario } from '../core'
// Each seed's scenario.yaml as parseScenario read it at build time (scripts/library-plugin.ts): no YAML parse at start.
import parsed from 'virtual:lantian-seeds'
import { own } from '../core/own'

// Seeds are bundled whole (scenario, inventory, notes) so the app opens a plan without any setup.
const raw = import.meta.glob('/seeds/*/*.{yaml,yml,csv,json,md}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/** The files of one seed plan, keyed by file name (`scenario.yaml`, `inventory.csv`, `SOURCES.md`, …). */
export interface SeedBundle {
  id: string
  files: Record<string, string>
  /** `parseScenario` of its scenario.yaml, done at build time for the bundled seeds. */
  parsed?: Result<Scenario>
}

/** Parse a seed's scenario.yaml (as `seeds/<id>/scenario.yaml`), or copy the result the build shipped with it. */
export function seedScenario(b: SeedBundle): Result<Scenario> {
  return b.parsed ? structuredClone(b.parsed) : parseScenario(own(b.files, 'scenario.yaml') ?? '', `seeds/${b.id}/scenario.yaml`)
}

/** Group text files given as `/seeds/<id>/<file>` into seed bundles, sorted by id. */
export function groupSeedFiles(files: Record<string, string>): SeedBundle[] {
  const byId = new Map<string, [string, string][]>()
  for (const [path, text] of Object.entries(files)) {
    const m = /\/seeds\/([^/]+)\/([^/]+)$/.exec(path)
    if (!m) continue
    const [, id = '', name = ''] = m
    const entry = byId.get(id) ?? []
    entry.push([name, text])
    byId.set(id, entry)
  }
  return [...byId.entries()]
    .map(([id, entries]) => ({ id, files: Object.fromEntries(entries) }))
    .filter((b) => Object.hasOwn(b.files, 'scenario.yaml'))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** Return the seed plans bundled into the app. */
export function bundledSeeds(): SeedBundle[] {
  return groupSeedFiles(raw).map((b) => {
    const p = own(parsed, b.id)
    return p ? { ...b, parsed: p } : b
  })
}
