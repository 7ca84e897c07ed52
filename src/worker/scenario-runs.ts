import {
  issue,
  parseInventory,
  parseScenario,
  POLLUTANTS,
  resolveScenario,
  runResolved,
  ScenarioSchema,
  type InventoryTable,
  type Issue,
  type Label,
  type Library,
  type Pollutant,
  type RunOutput,
  type Scenario,
} from '../core'
import { seedScenario as scenarioOfSeed, type SeedBundle } from './bundled-seeds'
import type { InventoryInfo, Outcome, RunView } from './simulator-api'

/** What the detached runner needs from the simulator API: the library, the seeds and the view builder. */
export interface DetachedDeps {
  library: () => Outcome<Library>
  seeds: () => SeedBundle[]
  view: (out: RunOutput, s: Scenario, resolved: boolean, ms: number, lib: Library, inv: InventoryInfo) => RunView
}

/** One side of a comparison: a seed's published plan (no scenario) or a scenario run on that seed's inventory. */
export interface CompareSide {
  seed: string
  scenario?: Scenario
}

/** One pollutant's focus-year emission in A and B and the difference B − A (t/yr). */
export interface CompareKpi {
  pollutant: Pollutant
  a: number
  b: number
  diff: number
}

/** One measure's credited reduction in the focus year in A and in B (absent where the scenario lacks it). */
export interface CompareMeasureRow {
  id: string
  label: Label
  clause: string
  a?: Record<Pollutant, number>
  b?: Record<Pollutant, number>
  /** B − A, with a missing side counted as 0. */
  diff: Record<Pollutant, number>
}

/** Two runs side by side, with the focus-year differences computed in the worker. */
export interface CompareView {
  a: RunView
  b: RunView
  focusYear: number
  /** Both sides ran on the same inventory (same seed). */
  sameInventory: boolean
  kpis: CompareKpi[]
  measures: CompareMeasureRow[]
}

/** How an imported scenario's seed inventory was chosen. */
export type SeedChoice = 'inventory' | 'region' | 'current'

/** An imported scenario, validated by a run on the inventory of the seed it was matched to. */
export interface ImportedScenario {
  scenario: Scenario
  seed: string
  seedBy: SeedChoice
}

const ok = <T>(value: T, warnings: Issue[] = []): Outcome<T> => ({ ok: true, value, warnings })
const fail = <T>(issues: Issue[]): Outcome<T> => ({ ok: false, issues })

/**
 * Create a runner of scenarios on seed inventories that never touches the API's current run, inventory or
 * resolution cache, so a comparison or an import check cannot change what the exports of the current run hold.
 */
export function createDetachedRunner(deps: DetachedDeps) {
  // Parsed seed inventories, kept for the worker's life: the seeds are bundled and never change.
  const tables = new Map<string, { table: InventoryTable; info: InventoryInfo }>()

  function seedScenario(id: string): Outcome<Scenario> {
    const b = deps.seeds().find((x) => x.id === id)
    if (!b) return fail([issue('seed.unknown', `没有名为 "${id}" 的方案`, `no plan named "${id}"`)])
    const r = scenarioOfSeed(b)
    return r.ok ? ok(r.value) : fail(r.issues)
  }

  function seedInventory(id: string): Outcome<{ table: InventoryTable; info: InventoryInfo }> {
    const hit = tables.get(id)
    if (hit) return ok(hit)
    const s = seedScenario(id)
    if (!s.ok) return s
    const name = s.value.inventory.replace(/^\.\//, '')
    const text = deps.seeds().find((x) => x.id === id)?.files[name]
    if (text === undefined) return fail([issue('seed.inventory-missing', `方案 "${id}" 缺少清单文件 ${name}`, `plan "${id}" has no inventory file ${name}`)])
    const file = `seeds/${id}/${name}`
    const r = parseInventory(new TextEncoder().encode(text), file)
    if (!r.ok) return fail(r.issues)
    const t = r.value
    const info: InventoryInfo = { file, year: t.year, illustrative: t.illustrative, records: t.n, ...(t.name ? { name: t.name } : {}) }
    const entry = { table: t, info }
    tables.set(id, entry)
    return ok(entry)
  }

  function runOn(s: Scenario, seed: string, file = 'scenario'): Outcome<RunView> {
    const t0 = performance.now()
    const lib = deps.library()
    if (!lib.ok) return lib
    const inv = seedInventory(seed)
    if (!inv.ok) return inv
    const r = resolveScenario(lib.value, s, inv.value.table, { scenario: file, inventory: inv.value.info.file }, `detached:${seed}`)
    if (!r.ok) return fail(r.issues)
    const out = runResolved(r.value, s, file)
    if (!out.ok) return fail(out.issues)
    return ok(deps.view(out.value, s, true, performance.now() - t0, lib.value, inv.value.info), out.warnings)
  }

  function side(x: CompareSide, name: 'A' | 'B'): Outcome<RunView> {
    let s: Scenario
    if (x.scenario === undefined) {
      const r = seedScenario(x.seed)
      if (!r.ok) return r
      s = r.value
    } else {
      const q = ScenarioSchema.safeParse(x.scenario)
      if (!q.success) return fail([issue('compare.invalid', `情景 ${name} 无效`, `scenario ${name} is invalid`)])
      s = q.data
    }
    const r = runOn(s, x.seed)
    if (!r.ok) return fail(r.issues.map((i) => ({ ...i, zh: `情景 ${name}：${i.zh}`, en: `scenario ${name}: ${i.en}` })))
    return r
  }

  return {
    /** Run A and B on their seeds' inventories and tabulate the focus-year differences (B − A). */
    compare(a: CompareSide, b: CompareSide): Outcome<CompareView> {
      const ra = side(a, 'A')
      if (!ra.ok) return ra
      const rb = side(b, 'B')
      if (!rb.ok) return rb
      return ok(compareViews(ra.value, rb.value, a.seed === b.seed), [...ra.warnings, ...rb.warnings])
    },

    /**
     * Parse an uploaded scenario (YAML or JSON) with located issues, match it to a seed inventory and check it by
     * a run there. The seed is the one its `inventory` path names (`…/seeds/<id>/…` or `<id>/…`), else the seed
     * sharing most of its regions, else `fallbackSeed` (the plan on screen).
     */
    importScenario(text: string, fileName: string, fallbackSeed: string): Outcome<ImportedScenario> {
      const p = parseScenario(text, fileName)
      if (!p.ok) return p
      const s = p.value
      const ids = deps.seeds().map((b) => b.id)
      const segments = s.inventory.split(/[\\/]/)
      let seed = ids.find((id) => segments.slice(0, -1).includes(id))
      let seedBy: SeedChoice = 'inventory'
      if (!seed) {
        let best = 0
        for (const id of ids) {
          const sc = seedScenario(id)
          const n = sc.ok ? s.regions.filter((r) => sc.value.regions.includes(r)).length : 0
          if (n > best) [best, seed, seedBy] = [n, id, 'region']
        }
      }
      if (!seed) [seed, seedBy] = [fallbackSeed, 'current']
      const run = runOn(s, seed, fileName)
      if (!run.ok) return fail(run.issues.map((i) => ({ ...i, file: i.file === 'scenario' || i.file === undefined ? fileName : i.file })))
      return ok({ scenario: s, seed, seedBy }, [...p.warnings, ...run.warnings])
    },
  }
}

/** Tabulate two runs at A's focus year: KPI per pollutant with B − A, and credited reduction per measure (by id). */
export function compareViews(a: RunView, b: RunView, sameInventory: boolean): CompareView {
  const focusYear = a.focusYear
  const ia = a.years.indexOf(focusYear)
  const ib = b.years.indexOf(focusYear)
  const at = (series: number[], i: number) => (i >= 0 ? (series[i] ?? NaN) : NaN)
  const kpis = POLLUTANTS.map((p) => {
    const va = at(a.scenario[p], ia)
    const vb = at(b.scenario[p], ib)
    return { pollutant: p, a: va, b: vb, diff: vb - va }
  })
  const credit = (m: RunView['measures'][number], i: number) =>
    Object.fromEntries(POLLUTANTS.map((p) => [p, at(m.credited[p], i)])) as Record<Pollutant, number>
  const rows = new Map<string, CompareMeasureRow>()
  for (const m of a.measures) rows.set(m.id, { id: m.id, label: m.label, clause: m.clause, a: credit(m, ia), diff: { NOx: 0, VOCs: 0 } })
  for (const m of b.measures) {
    const row = rows.get(m.id) ?? { id: m.id, label: m.label, clause: m.clause, diff: { NOx: 0, VOCs: 0 } }
    row.b = credit(m, ib)
    rows.set(m.id, row)
  }
  for (const row of rows.values()) for (const p of POLLUTANTS) row.diff[p] = (row.b?.[p] ?? 0) - (row.a?.[p] ?? 0)
  return { a, b, focusYear, sameInventory, kpis, measures: [...rows.values()] }
}
