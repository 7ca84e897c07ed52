import {
  buildLibrary,
  fail,
  issue,
  loadLibrary,
  ok,
  parseInventory,
  type CellGrid,
  type InventoryTable,
  type Issue,
  type Library,
  type LpSolver,
  type Result,
  type TextFile,
} from '../core'
import type { InventoryInfo, RefusedRows, SimulatorApi } from '../protocol'
import type { SpawnDrawWorker } from '../session/draw-pool'
import { libraryInfo } from '../session/library-info'
import { PlanSession } from '../session/plan-session'
import type { Prepared } from '../session/types'
import { isXlsxName, locateInXlsx, readInventoryXlsx, writeInventoryXlsx } from '../xlsx/inventory'
import { createAnalysisApi } from './analysis-api'
import { bundledLibrary } from './bundled-models'
import { bundledSeeds, seedScenario, type SeedBundle } from './bundled-seeds'
import { bytesFingerprint, createPager, refusedFromCsv, refusedFromGrid, summarize, type Pager } from './inventory-view'
import { scenarioOf } from './scenario-input'
import { createSeedRuns } from './seed-runs'
import { own } from '../core/own'

/** Where the model library, the seeds, the LP solver and the draw workers come from: the worker passes its own, tests inject fixtures. */
export interface SimulatorSources {
  models?: () => TextFile[]
  seeds?: () => SeedBundle[]
  /** Return the LP solver (called once, on the first optimisation). */
  solver?: () => LpSolver
  /** Start one more Monte Carlo draw worker. Without it every run uses one thread. */
  spawnDrawWorker?: SpawnDrawWorker
  /** Most threads a Monte Carlo run may use, the worker's own included (default 8). */
  maxWorkers?: number
}

const noInventory = () => fail<never>([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])

/**
 * Create the simulator API: the app's side of one plan session, a plain object testable in Node and exposed over
 * Comlink by the worker. It reads what crosses from the app (scenario objects or text, inventory bytes), keeps the
 * session's library and inventory, and answers with plain data (`src/protocol`).
 */
export function createSimulatorApi(sources: SimulatorSources = {}): SimulatorApi {
  const readModels = sources.models
  const readSeeds = sources.seeds ?? bundledSeeds
  let library: Result<Library> | undefined
  let session: PlanSession | undefined
  let seedCache: SeedBundle[] | undefined
  let pager: { tag: string; pager: Pager } | undefined
  let refused: RefusedRows | undefined

  const seeds = () => (seedCache ??= readSeeds())

  function ensureLibrary(): Result<Library> {
    if (library) return library
    // The bundled library comes parsed and schema-checked from the build; files given by a test are read here.
    const files = readModels?.()
    if (files?.length === 0) library = fail([issue('library.empty', '没有找到模型库文件（models/）', 'no model library files found (models/)')])
    else library = files ? loadLibrary(files) : buildLibrary(bundledLibrary())
    return library
  }

  function ensureSession(): Result<PlanSession> {
    if (session) return ok(session)
    const lib = ensureLibrary()
    if (!lib.ok) return lib
    session = new PlanSession(lib.value, {
      ...(sources.spawnDrawWorker ? { spawnDrawWorker: sources.spawnDrawWorker } : {}),
      ...(sources.maxWorkers !== undefined ? { maxWorkers: sources.maxWorkers } : {}),
    })
    return ok(session)
  }

  function prepare(input: unknown): Result<Prepared> {
    const s = ensureSession()
    if (!s.ok) return s
    if (!s.value.inventory) return noInventory()
    const sc = scenarioOf(input)
    if (!sc.ok) return sc
    const p = s.value.prepare(sc.value)
    return p.ok ? ok(p.value, sc.warnings) : p
  }

  // Replace the session's inventory by a parsed table; one that does not fit the scenario `against` is refused too.
  function setInventory(bytes: Uint8Array, file: string, r: Result<InventoryTable>, against?: unknown, locate = (i: Issue[]) => i): Result<InventoryInfo> {
    const s = ensureSession()
    if (!s.ok) return s
    if (!r.ok) return fail(locate(r.issues))
    const t = r.value
    const sc = against === undefined ? undefined : scenarioOf(against)
    if (sc?.ok) {
      const fits = s.value.fits(sc.value, t, file)
      if (!fits.ok) return fail(locate(fits.issues))
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
    s.value.setInventory(t, info)
    return ok(info, r.warnings)
  }

  const inventoryOf = () => session?.inventory
  const seedRuns = createSeedRuns({ library: ensureLibrary, seeds })
  const analysis = createAnalysisApi({ session: ensureSession, prepare }, sources.solver)

  return {
    ...analysis,

    async loadLibrary() {
      const r = ensureLibrary()
      return r.ok ? ok(libraryInfo(r.value, readModels?.().length ?? bundledLibrary().files)) : r
    },

    async listSeeds() {
      return seeds().map((b) => {
        const r = seedScenario(b)
        return { id: b.id, title: r.ok ? r.value.title : { zh: b.id, en: b.id } }
      })
    },

    async loadSeed(id) {
      const b = seeds().find((x) => x.id === id)
      if (!b) return fail([issue('seed.unknown', `没有名为 "${id}" 的方案`, `no plan named "${id}"`)])
      const file = `seeds/${id}/scenario.yaml`
      const s = seedScenario(b)
      if (!s.ok) return s
      const invName = s.value.inventory.replace(/^\.\//, '')
      const invText = own(b.files, invName)
      if (invText === undefined)
        return fail([
          issue('seed.inventory-missing', `方案 "${id}" 缺少清单文件 ${invName}`, `plan "${id}" has no inventory file ${invName}`, {
            file,
            path: ['inventory'],
          }),
        ])
      const bytes = new TextEncoder().encode(invText)
      const invFile = `seeds/${id}/${invName}`
      const inv = setInventory(bytes, invFile, parseInventory(bytes, invFile))
      if (!inv.ok) return inv
      const sources = b.files['SOURCES.md']
      const readme = b.files['README.md']
      return ok({ id, scenario: s.value, inventory: inv.value, ...(sources ? { sources } : {}), ...(readme ? { readme } : {}) }, [
        ...s.warnings,
        ...inv.warnings,
      ])
    },

    async loadInventory(bytes, fileName, against) {
      if (isXlsxName(fileName)) {
        let grid: CellGrid | undefined
        const r = await readInventoryXlsx(bytes, fileName, (g) => (grid = g))
        const out = setInventory(bytes, fileName, r, against, (issues) => (r.ok ? locateInXlsx(issues, fileName, r.value) : issues))
        refused = out.ok || !grid ? undefined : refusedFromGrid(grid, fileName, out.issues)
        return out
      }
      const out = setInventory(bytes, fileName, parseInventory(bytes, fileName), against)
      refused = out.ok || /\.(json|ya?ml)$/i.test(fileName) ? undefined : refusedFromCsv(bytes, fileName, out.issues)
      return out
    },

    async inventorySummary() {
      const inv = inventoryOf()
      return inv ? ok(summarize(inv.table, inv.info.file)) : noInventory()
    },

    async inventoryPage(q) {
      const inv = inventoryOf()
      if (!inv) return noInventory()
      if (pager?.tag !== inv.tag) pager = { tag: inv.tag, pager: createPager(inv.table) }
      return ok(pager.pager.page(q))
    },

    async refusedRows() {
      return refused
    },

    async inventoryXlsx() {
      const inv = inventoryOf()
      return inv ? ok(await writeInventoryXlsx(inv.table)) : noInventory()
    },

    async run(input) {
      const t0 = performance.now()
      const s = ensureSession()
      if (!s.ok) return s
      if (!s.value.inventory) return noInventory()
      const sc = scenarioOf(input)
      if (!sc.ok) return sc
      const r = s.value.run(sc.value)
      if (!r.ok) return r
      return ok(s.value.view(r.value, performance.now() - t0), [...sc.warnings, ...r.warnings])
    },

    async compare(a, b) {
      return seedRuns.compare(a, b)
    },

    async importScenario(file, fileName, fallbackSeed) {
      return seedRuns.importScenario(file, fileName, fallbackSeed)
    },

    async exportTables() {
      const s = ensureSession()
      return s.ok ? s.value.exportTables() : s
    },

    async resolveCount() {
      return session?.resolveCount ?? 0
    },
  }
}
