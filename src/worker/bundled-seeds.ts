// Seeds are bundled whole (scenario, inventory, notes) so the app opens a plan without any setup.
const raw = import.meta.glob('/seeds/*/*.{yaml,yml,csv,json,md}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/** The files of one seed plan, keyed by file name (`scenario.yaml`, `inventory.csv`, `SOURCES.md`, …). */
export interface SeedBundle {
  id: string
  files: Record<string, string>
}

/** Group text files given as `/seeds/<id>/<file>` into seed bundles, sorted by id. */
export function groupSeedFiles(files: Record<string, string>): SeedBundle[] {
  const byId = new Map<string, Record<string, string>>()
  for (const [path, text] of Object.entries(files)) {
    const m = /\/seeds\/([^/]+)\/([^/]+)$/.exec(path)
    if (!m) continue
    const [, id = '', name = ''] = m
    const entry = byId.get(id) ?? {}
    entry[name] = text
    byId.set(id, entry)
  }
  return [...byId.entries()]
    .filter(([, f]) => 'scenario.yaml' in f)
    .map(([id, files]) => ({ id, files }))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** Return the seed plans bundled into the app. */
export function bundledSeeds(): SeedBundle[] {
  return groupSeedFiles(raw)
}
