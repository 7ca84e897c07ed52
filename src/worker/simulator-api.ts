import {
  allowedTargets,
  buildLibrary,
  bySector,
  credited,
  EMISSION_HEADER,
  emissionRows,
  issue,
  loadLibrary,
  MEASURE_HEADER,
  measureCredit,
  measureRows,
  parseInventory,
  parseScenario,
  POLLUTANTS,
  resolveScenario,
  ScenarioSchema,
  runResolved,
  runScenario,
  scenarioHash,
  TARGET_HEADER,
  targetRows,
  toCsv,
  total,
  type Cell,
  type CellGrid,
  type InventoryTable,
  type Issue,
  type Label,
  type Library,
  type Pollutant,
  type ResolvedScenario,
  type Result,
  type RunOutput,
  type Scenario,
  type TargetResult,
  type TextFile,
} from '../core'
import { createAnalysisApi, type AnalysisInput, type AnalysisOptions } from './analysis-api'
import { bundledLibrary } from './bundled-models'
import { bundledSeeds, seedScenario, type SeedBundle } from './bundled-seeds'
import { createDetachedRunner, type CompareSide } from './scenario-runs'
import { isXlsxName, locateInXlsx, readInventoryXlsx, writeInventoryXlsx } from '../xlsx/inventory'
import {
  bytesFingerprint,
  createPager,
  refusedFromCsv,
  refusedFromGrid,
  summarize,
  type InventoryPage,
  type InventoryQuery,
  type InventorySummary,
  type Pager,
  type RefusedRows,
} from './inventory-view'

/** A per-pollutant number series, indexed like `years`. */
export type PollutantSeries = Record<Pollutant, number[]>

/** A tunable parameter of a measure template, as the UI shows it. */
export interface ParamInfo {
  label: Label
  unit: string
  default: number
  min: number
  max: number
}

/** What the UI needs to know about a measure template. */
export interface TemplateInfo {
  id: string
  label: Label
  category: 'industry' | 'energy' | 'transport' | 'vocs' | 'area'
  kind: 'cut' | 'switch' | 'share' | 'reduce'
  to?: string
  /** Technologies a switch/share measure of this template may move activity to (the default `to` first). */
  targets?: string[]
  params: Record<string, ParamInfo>
}

/** The loaded model library, summarised as plain data. */
export interface LibraryInfo {
  version: string
  files: number
  templates: Record<string, TemplateInfo>
  sectors: Record<string, Label>
  technologies: Record<string, Label>
}

/** A seed plan offered in the plan picker. */
export interface SeedInfo {
  id: string
  title: Label
}

/** The inventory in use, summarised. */
export interface InventoryInfo {
  file: string
  name?: string
  year: number
  illustrative: boolean
  records: number
  note?: string
  /** Fingerprint of the file's bytes (`bytesFingerprint`), to recognise the same inventory elsewhere. */
  fingerprint?: string
}

/** A loaded seed: its scenario (defaults filled in), inventory summary and notes. */
export interface SeedLoad {
  id: string
  scenario: Scenario
  inventory: InventoryInfo
  sources?: string
  readme?: string
}

/** One measure's result: adoption and the exact-Shapley credited reduction per pollutant and year. */
export interface MeasureView {
  id: string
  index: number
  label: Label
  clause: string
  template: string
  kind: TemplateInfo['kind']
  category: TemplateInfo['category']
  enabled: boolean
  selected: number
  adoption: number[]
  credited: PollutantSeries
}

/** One sector's emissions per pollutant and year. */
export interface SectorView {
  id: string
  label: Label
  counterfactual: PollutantSeries
  scenario: PollutantSeries
}

/** Everything the UI renders from one run, as plain data. */
export interface RunView {
  scenarioId: string
  title: Label
  years: number[]
  /** The year KPI cards and the waterfall show: the latest target year, else the last projected year. */
  focusYear: number
  counterfactual: PollutantSeries
  scenario: PollutantSeries
  measures: MeasureView[]
  sectors: SectorView[]
  targets: TargetResult[]
  warnings: Issue[]
  inventory: InventoryInfo
  libraryVersion: string
  scenarioHash: string
  stats: { records: number; classes: number; resolved: boolean; ms: number }
}

/** A result, or the issues that prevented it; expected failures travel as values (DESIGN §6). */
export type Outcome<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; issues: Issue[] }

/** Long-format tables of the last good run, ready for CSV/XLSX. */
export interface ExportTables {
  emissions: { header: string[]; rows: Cell[][]; csv: string }
  measures: { header: string[]; rows: Cell[][]; csv: string }
  targets: { header: string[]; rows: Cell[][]; csv: string }
}

/** Where the model library and the seeds come from; the worker uses the bundled ones, tests inject fixtures. */
export interface SimulatorSources {
  models?: () => TextFile[]
  seeds?: () => SeedBundle[]
  /** The LP solver and Monte Carlo helper workers of the analysis functions. */
  analysis?: AnalysisOptions
}

const ok = <T>(value: T, warnings: Issue[] = []): Outcome<T> => ({ ok: true, value, warnings })
const fail = <T>(issues: Issue[]): Outcome<T> => ({ ok: false, issues })

const emptySeries = (n: number): PollutantSeries => ({ NOx: new Array<number>(n).fill(0), VOCs: new Array<number>(n).fill(0) })

/**
 * Return the part of a scenario that decides the resolution (records selected, classes, switch factors).
 * Unlike the core's `structureKey`, parameters count only when a selector reads them, so moving a
 * parameter, a schedule or an enabled flag reuses the resolution (DESIGN §5).
 */
export function resolutionKey(s: Scenario, lib: Library, inventoryTag: string): string {
  return JSON.stringify([
    lib.version,
    inventoryTag,
    s.regions,
    s.years.start,
    s.years.end,
    s.measures.map((m) => {
      const t = lib.templates.get(m.template)
      const read = new Set([...(t?.appliesTo.symbols ?? []), ...(m.scope ? scopeSymbols(m.scope) : [])])
      const params = Object.entries(m.params).filter(([k]) => read.has(k))
      return [m.id, m.template, m.scope ?? '', m.to ?? '', params]
    }),
  ])
}

// Names a scope expression may read; over-approximated by identifiers, which only costs an extra resolve.
function scopeSymbols(scope: string): string[] {
  return scope.replace(/"[^"]*"/g, '').match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []
}

/** Create the simulator API: a plain object, testable in Node and exposed over Comlink by the worker. */
export function createSimulatorApi(sources: SimulatorSources = {}) {
  const readModels = sources.models
  const readSeeds = sources.seeds ?? bundledSeeds
  let library: Library | undefined
  let libraryIssues: Issue[] = []
  let seedCache: SeedBundle[] | undefined
  let inventory: { table: InventoryTable; info: InventoryInfo; tag: string } | undefined
  let pager: { tag: string; pager: Pager } | undefined
  let refused: RefusedRows | undefined
  let resolvedCache: { key: string; resolved: ResolvedScenario } | undefined
  let last: { out: RunOutput; scenario: Scenario } | undefined
  let resolveCount = 0
  let inventoryCount = 0

  const seeds = () => (seedCache ??= readSeeds())

  function ensureLibrary(): Outcome<Library> {
    if (library) return ok(library)
    if (libraryIssues.length > 0) return fail(libraryIssues)
    // The bundled library comes parsed and schema-checked from the build; files given by a test are read here.
    const files = readModels?.()
    if (files?.length === 0) {
      libraryIssues = [issue('library.empty', '没有找到模型库文件（models/）', 'no model library files found (models/)')]
      return fail(libraryIssues)
    }
    const r = files ? loadLibrary(files) : buildLibrary(bundledLibrary())
    if (!r.ok) {
      libraryIssues = r.issues
      return fail(r.issues)
    }
    library = r.value
    return ok(library)
  }

  function setInventory(
    bytes: Uint8Array,
    file: string,
    against?: unknown,
    parsed?: Result<InventoryTable>,
    locate: (issues: Issue[]) => Issue[] = (i) => i,
  ): Outcome<InventoryInfo> {
    const r = parsed ?? parseInventory(bytes, file)
    if (!r.ok) return fail(locate(r.issues))
    const t = r.value
    // An inventory that parses but does not fit the scenario (unknown technology, unit, sector…) is refused too.
    if (against !== undefined) {
      const lib = ensureLibrary()
      const sc = scenarioOf(against)
      if (lib.ok && sc.ok) {
        // A full run, so that what a run refuses (a projection that overflows…) refuses the inventory too.
        const res = runScenario(lib.value, sc.value, t, { scenario: 'scenario', inventory: file })
        if (!res.ok) return fail(locate(res.issues))
      }
    }
    const info: InventoryInfo = {
      file,
      fingerprint: bytesFingerprint(bytes),
      year: t.year,
      illustrative: t.illustrative,
      records: t.n,
      ...(t.name ? { name: t.name } : {}),
      ...(t.note ? { note: t.note } : {}),
    }
    // Only a successful parse replaces the inventory: the last good one stays loaded on failure (DESIGN §6).
    inventory = { table: t, info, tag: `${++inventoryCount}:${file}` }
    resolvedCache = undefined
    return ok(info, r.warnings)
  }

  function scenarioOf(input: unknown): Outcome<Scenario> {
    // Fast path for the UI's objects: zod alone takes a fraction of a YAML parse with line positions.
    // Only an invalid scenario goes through parseScenario, which locates each issue.
    if (typeof input === 'object' && input !== null) {
      const quick = ScenarioSchema.safeParse(input)
      if (quick.success) return ok(quick.data)
    }
    const text = typeof input === 'string' ? input : JSON.stringify(input)
    const r = parseScenario(text ?? '', typeof input === 'string' ? 'scenario.yaml' : 'scenario.json')
    return r.ok ? ok(r.value, r.warnings) : fail(r.issues)
  }

  // Resolve a scenario on the current inventory, reusing the last resolution while its structure is unchanged.
  function resolveFor(s: Scenario, lib: Library, inv: NonNullable<typeof inventory>): Outcome<{ resolved: ResolvedScenario; fresh: boolean }> {
    const key = resolutionKey(s, lib, inv.tag)
    if (resolvedCache?.key === key) return ok({ resolved: resolvedCache.resolved, fresh: false })
    const r = resolveScenario(lib, s, inv.table, { scenario: 'scenario', inventory: inv.info.file }, inv.tag)
    if (!r.ok) return fail(r.issues)
    resolvedCache = { key, resolved: r.value }
    resolveCount++
    return ok({ resolved: r.value, fresh: true })
  }

  const analysis = createAnalysisApi(
    {
      prepare(input: unknown): Outcome<AnalysisInput> {
        const lib = ensureLibrary()
        if (!lib.ok) return lib
        if (!inventory) return fail([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])
        const sc = scenarioOf(input)
        if (!sc.ok) return sc
        const res = resolveFor(sc.value, lib.value, inventory)
        if (!res.ok) return res
        return ok({ scenario: sc.value, resolved: res.value.resolved, hash: scenarioHash(sc.value), warnings: sc.warnings })
      },
      inventory: () => inventory && { table: inventory.table, tag: inventory.tag, file: inventory.info.file },
    },
    sources.analysis,
  )

  function view(out: RunOutput, s: Scenario, resolved: boolean, ms: number, lib: Library, inv: InventoryInfo): RunView {
    const pr = out.projection
    const Y = pr.years.length
    const series = (kind: 'counterfactual' | 'scenario'): PollutantSeries => {
      const o = emptySeries(Y)
      for (const p of POLLUTANTS) pr.years.forEach((y, yi) => (o[p][yi] = total(pr, kind, p, y)))
      return o
    }
    const measures: MeasureView[] = out.resolved.measures.map((m, mi) => {
      const inst = s.measures[m.index]
      const c = emptySeries(Y)
      for (const p of POLLUTANTS) pr.years.forEach((y, yi) => (c[p][yi] = measureCredit(pr, mi, p, y)))
      return {
        id: m.id,
        index: m.index,
        label: inst?.label ?? m.template.spec.label,
        clause: inst?.clause ?? '',
        template: m.template.spec.id,
        kind: m.kind,
        category: m.template.spec.category,
        enabled: inst?.enabled ?? true,
        selected: m.selected,
        adoption: Array.from(pr.measures[mi]?.adoption ?? []),
        credited: c,
      }
    })
    const sectors: SectorView[] = pr.sectors.map((id) => ({
      id,
      label: lib.sectors.get(id)?.label ?? { zh: id, en: id },
      counterfactual: emptySeries(Y),
      scenario: emptySeries(Y),
    }))
    for (const p of POLLUTANTS)
      pr.years.forEach((y, yi) => {
        for (const kind of ['counterfactual', 'scenario'] as const) {
          const m = bySector(pr, kind, p, y)
          sectors.forEach((sv) => (sv[kind][p][yi] = m.get(sv.id) ?? 0))
        }
      })
    const targetYears = out.targets.map((t) => t.year).filter((y) => pr.years.includes(y))
    const focusYear = targetYears.length > 0 ? Math.max(...targetYears) : (pr.years[Y - 1] ?? s.years.end)
    return {
      scenarioId: s.id,
      title: s.title,
      years: [...pr.years],
      focusYear,
      counterfactual: series('counterfactual'),
      scenario: series('scenario'),
      measures,
      sectors,
      targets: out.targets,
      warnings: out.warnings,
      inventory: inv,
      libraryVersion: lib.version,
      scenarioHash: scenarioHash(s),
      stats: { records: pr.stats.records, classes: pr.stats.classes, resolved, ms },
    }
  }

  const detached = createDetachedRunner({ library: ensureLibrary, seeds, view })

  return {
    ...analysis,

    /** Load (once) and summarise the bundled model library. */
    async loadLibrary(): Promise<Outcome<LibraryInfo>> {
      const r = ensureLibrary()
      if (!r.ok) return r
      const lib = r.value
      const templates: Record<string, TemplateInfo> = {}
      for (const [id, t] of lib.templates) {
        const s = t.spec
        const params: Record<string, ParamInfo> = {}
        for (const [k, p] of Object.entries(s.params)) params[k] = { label: p.label, unit: p.unit, default: p.default, min: p.min, max: p.max }
        templates[id] = {
          id,
          label: s.label,
          category: s.category,
          kind: s.kind,
          params,
          ...('to' in s ? { to: s.to, targets: allowedTargets(lib, t) } : {}),
        }
      }
      const sectors: Record<string, Label> = {}
      for (const [id, s] of lib.sectors) sectors[id] = s.label
      const technologies: Record<string, Label> = {}
      for (const [id, t] of lib.technologies) technologies[id] = t.label
      return ok({ version: lib.version, files: readModels?.().length ?? bundledLibrary().files, templates, sectors, technologies })
    },

    /** List the bundled seed plans with their titles. */
    async listSeeds(): Promise<SeedInfo[]> {
      return seeds().map((b) => {
        const r = seedScenario(b)
        return { id: b.id, title: r.ok ? r.value.title : { zh: b.id, en: b.id } }
      })
    },

    /** Load a bundled seed: parse its scenario and make its inventory the current one. */
    async loadSeed(id: string): Promise<Outcome<SeedLoad>> {
      const b = seeds().find((x) => x.id === id)
      if (!b) return fail([issue('seed.unknown', `没有名为 "${id}" 的方案`, `no plan named "${id}"`)])
      const file = `seeds/${id}/scenario.yaml`
      const s = seedScenario(b)
      if (!s.ok) return fail(s.issues)
      const invName = s.value.inventory.replace(/^\.\//, '')
      const invText = b.files[invName]
      if (invText === undefined)
        return fail([
          issue('seed.inventory-missing', `方案 "${id}" 缺少清单文件 ${invName}`, `plan "${id}" has no inventory file ${invName}`, {
            file,
            path: ['inventory'],
          }),
        ])
      const inv = setInventory(new TextEncoder().encode(invText), `seeds/${id}/${invName}`)
      if (!inv.ok) return fail(inv.issues)
      const sources = b.files['SOURCES.md']
      const readme = b.files['README.md']
      return ok({ id, scenario: s.value, inventory: inv.value, ...(sources ? { sources } : {}), ...(readme ? { readme } : {}) }, [
        ...s.warnings,
        ...inv.warnings,
      ])
    },

    /** Replace the inventory with an uploaded file (checked against `against`, the current scenario, when given); on failure return the issues and keep the last good one. */
    async loadInventory(bytes: Uint8Array, fileName: string, against?: unknown): Promise<Outcome<InventoryInfo>> {
      let out: Outcome<InventoryInfo>
      if (isXlsxName(fileName)) {
        let grid: CellGrid | undefined
        const r = await readInventoryXlsx(bytes, fileName, (g) => (grid = g))
        out = setInventory(bytes, fileName, against, r, (issues) => (r.ok ? locateInXlsx(issues, fileName, r.value) : issues))
        refused = out.ok || !grid ? undefined : refusedFromGrid(grid, fileName, out.issues)
      } else {
        out = setInventory(bytes, fileName, against)
        refused = out.ok || /\.(json|ya?ml)$/i.test(fileName) ? undefined : refusedFromCsv(bytes, fileName, out.issues)
      }
      return out
    },

    /** Summarise the current inventory (metadata, records per sector, region and technology). */
    async inventorySummary(): Promise<Outcome<InventorySummary>> {
      if (!inventory) return fail([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])
      return ok(summarize(inventory.table, inventory.info.file))
    },

    /** Return one page of the current inventory's records (filtered, sorted); only the page crosses to the UI. */
    async inventoryPage(q: InventoryQuery): Promise<Outcome<InventoryPage>> {
      if (!inventory) return fail([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])
      if (pager?.tag !== inventory.tag) pager = { tag: inventory.tag, pager: createPager(inventory.table) }
      return ok(pager.pager.page(q))
    },

    /** Return the raw cells of the rows the last refused import's issues point at (CSV and XLSX). */
    async refusedRows(): Promise<RefusedRows | undefined> {
      return refused
    },

    /** Return the current inventory as an XLSX workbook that imports back to the same table (a template to edit). */
    async inventoryXlsx(): Promise<Outcome<Uint8Array>> {
      if (!inventory) return fail([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])
      return ok(await writeInventoryXlsx(inventory.table))
    },

    /** Validate and run a scenario (object or YAML/JSON text) on the current inventory. */
    async run(input: unknown): Promise<Outcome<RunView>> {
      const t0 = performance.now()
      const lib = ensureLibrary()
      if (!lib.ok) return lib
      if (!inventory) return fail([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])
      const sc = scenarioOf(input)
      if (!sc.ok) return sc
      const s = sc.value
      const res = resolveFor(s, lib.value, inventory)
      if (!res.ok) return res
      const fresh = res.value.fresh
      const out = runResolved(res.value.resolved, s, 'scenario')
      if (!out.ok) return fail(out.issues)
      last = { out: out.value, scenario: s }
      return ok(view(out.value, s, fresh, performance.now() - t0, lib.value, inventory.info), [...sc.warnings, ...out.warnings])
    },

    /** Run two scenarios on their seeds' inventories and compare them, leaving the current run untouched. */
    async compare(a: CompareSide, b: CompareSide) {
      return detached.compare(a, b)
    },

    /** Parse an uploaded scenario file, match it to a seed inventory and check it by a run there (current run untouched). */
    async importScenario(text: string, fileName: string, fallbackSeed: string) {
      return detached.importScenario(text, fileName, fallbackSeed)
    },

    /** Return the long-format tables (and their CSV text) of the last successful run. */
    async exportTables(): Promise<Outcome<ExportTables>> {
      if (!last) return fail([issue('export.no-run', '还没有可导出的结果', 'there is no result to export yet')])
      const { out, scenario } = last
      const table = (header: readonly string[], rows: Cell[][]) => ({ header: [...header], rows, csv: toCsv(header, rows) })
      return ok({
        emissions: table(EMISSION_HEADER, emissionRows(out.projection)),
        measures: table(MEASURE_HEADER, measureRows(out.projection, out.resolved, scenario)),
        targets: table(TARGET_HEADER, targetRows(out.targets)),
      })
    },

    /** Return how often a scenario was resolved (for tests of the resolution cache). */
    async resolveCount(): Promise<number> {
      return resolveCount
    },

    /** Return the credited reduction of the last run for a pollutant and year (for tests and checks). */
    async lastCredited(p: Pollutant, year: number): Promise<number> {
      return last ? credited(last.out.projection, p, year) : NaN
    },
  }
}

/** The simulator API's type, taken from the object itself (never written twice). */
export type SimulatorApi = ReturnType<typeof createSimulatorApi>
