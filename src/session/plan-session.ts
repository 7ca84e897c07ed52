import {
  EMISSION_HEADER,
  EVIDENCE_HEADER,
  evidenceRows,
  emissionRows,
  fail,
  focusYear,
  flipPoints,
  issue,
  MEASURE_HEADER,
  measureCosts,
  measureRows,
  ok,
  optimizeLevels,
  sensitivity,
  resolutionKey,
  resolveScenario,
  runResolved,
  runScenario,
  scenarioHash,
  TARGET_HEADER,
  targetRows,
  toCsv,
  type Cell,
  type CostReport,
  type InventoryTable,
  type Library,
  type LpSolver,
  type MonteCarloResult,
  type OptimizeOptions,
  type OptimizeResult,
  type ResolvedScenario,
  type Result,
  type Scenario,
  type Tornado,
  type VerdictOptions,
  type VerdictReport,
  verdictSteps,
} from '../core'
import type { ExportTables, InventoryInfo, RunView } from '../protocol'
import type { Prepared, SessionInventory, SessionRun } from './types'
import { DrawPool, type PoolRun, type SpawnDrawWorker } from './draw-pool'
import { costsView, regionSetName, regionView, runView } from './views'

/** Summarise a parsed inventory as the session and the app name it (no fingerprint: the bytes are not at hand). */
export function inventoryInfoOf(t: InventoryTable, file: string): InventoryInfo {
  return { file, year: t.year, illustrative: t.illustrative, records: t.n, ...(t.name ? { name: t.name } : {}) }
}

/** How a session reaches other threads for Monte Carlo draws (none: every draw runs on the calling thread). */
export interface SessionOptions {
  spawnDrawWorker?: SpawnDrawWorker
  /** Most threads a Monte Carlo run may use, the calling one included (default 8). */
  maxWorkers?: number
}

let sessions = 0

/**
 * Hold one plan's state: the model library, the inventory, the resolution cache (one reuse key) and the last run.
 * Every path that computes numbers goes through a session: the worker API (the app) and the CLI run the same code,
 * so they cannot disagree on a default. Synchronous and free of DOM and Node, like the core it drives; the worker
 * exposes it asynchronously (SDEverywhere's one model runner with a synchronous and a worker implementation).
 */
export class PlanSession {
  #inventory: SessionInventory | undefined
  #cache: { key: string; resolved: ResolvedScenario } | undefined
  #last: SessionRun | undefined
  #loads = 0
  #resolves = 0
  readonly #id = ++sessions
  readonly #pool: DrawPool

  /** Start a session on a model library (loaded and checked by the caller: bundled in the app, from disk in the CLI). */
  constructor(
    readonly library: Library,
    o: SessionOptions = {},
  ) {
    this.#pool = new DrawPool(o.spawnDrawWorker, o.maxWorkers)
  }

  /** The inventory the session runs on, if one was set. */
  get inventory(): SessionInventory | undefined {
    return this.#inventory
  }

  /** The last successful run, whose tables `exportTables` returns. */
  get last(): SessionRun | undefined {
    return this.#last
  }

  /** How often a scenario was resolved rather than taken from the cache (tests of the reuse key). */
  get resolveCount(): number {
    return this.#resolves
  }

  /** Make `table` the inventory; the cached resolution belongs to the old one and is dropped (the last run stays exportable). */
  setInventory(table: InventoryTable, info: InventoryInfo): SessionInventory {
    this.#inventory = { table, info, tag: `${this.#id}.${++this.#loads}:${info.file}` }
    this.#cache = undefined
    return this.#inventory
  }

  /**
   * Tell whether a scenario runs on a candidate inventory, without touching the session's state: a full run, so that
   * what a run refuses (a region with no records, a projection that overflows…) refuses the inventory too.
   */
  fits(scenario: Scenario, table: InventoryTable, file: string, scenarioFile = 'scenario'): Result<true> {
    const r = runScenario(this.library, scenario, table, { scenario: scenarioFile, inventory: file })
    return r.ok ? ok(true, r.warnings) : fail(r.issues)
  }

  /** Resolve a scenario on the inventory, reusing the cached resolution while the reuse key is unchanged. */
  prepare(scenario: Scenario, file = 'scenario'): Result<Prepared> {
    const inv = this.#inventory
    if (!inv) return fail([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])
    // The file is part of the key too: a resolution's warnings are located in the file it was made for.
    const key = `${file}\n${resolutionKey(scenario, this.library, inv.tag)}`
    const hash = scenarioHash(scenario)
    if (this.#cache?.key === key) return ok({ scenario, resolved: this.#cache.resolved, hash, fresh: false, file, inventory: inv.info })
    const r = resolveScenario(this.library, scenario, inv.table, { scenario: file, inventory: inv.info.file }, inv.tag)
    if (!r.ok) return fail(r.issues)
    this.#cache = { key, resolved: r.value }
    this.#resolves++
    return ok({ scenario, resolved: r.value, hash, fresh: true, file, inventory: inv.info })
  }

  /** Resolve (or reuse), simulate and evaluate a scenario; a success becomes the last run. */
  run(scenario: Scenario, file = 'scenario'): Result<SessionRun> {
    const p = this.prepare(scenario, file)
    if (!p.ok) return p
    const out = runResolved(p.value.resolved, scenario, file, p.value.inventory.file)
    if (!out.ok) return fail(out.issues)
    this.#last = { ...p.value, out: out.value, focusYear: focusYear(out.value.resolved.years, scenario.targets) }
    return ok(this.#last, out.warnings)
  }

  /** Return the costs of a run in a year (default its focus year): per measure, from the run's own projection. */
  costs(run: SessionRun, year = run.focusYear): CostReport {
    return measureCosts(run.resolved, run.scenario, run.out.projection, year, run.file)
  }

  /** Run a seeded Monte Carlo simulation of a prepared scenario, on this thread and the pool's draw workers. */
  async monteCarlo(p: Prepared, o: PoolRun): Promise<Result<{ mc: MonteCarloResult; workers: number }>> {
    const inv = this.#inventory
    if (!inv) return fail([issue('inventory.none', '尚未加载清单', 'no inventory is loaded')])
    return this.#pool.run(p, inv, o)
  }

  /** Compute one-at-a-time sensitivities of a prepared scenario: a tornado per target (pollutant, year). */
  sensitivity(p: Prepared): Result<Tornado[]> {
    return sensitivity(p.resolved, p.scenario, { file: p.file })
  }

  /** Find the least-cost final levels of a prepared scenario that meet every target, with an LP solver. */
  optimize(p: Prepared, solver: LpSolver, o: Omit<OptimizeOptions, 'file'> = {}): Promise<Result<OptimizeResult>> {
    return optimizeLevels(p.resolved, p.scenario, solver, { ...o, file: p.file })
  }

  /**
   * Compute the flip points of a prepared scenario step by step (DESIGN §4.8): the generator yields after each input,
   * so a caller can give way or stop between inputs, and returns the report (see `verdictSteps`).
   */
  verdictSteps(p: Prepared, o: Omit<VerdictOptions, 'file'> = {}): Generator<string, Result<VerdictReport>, void> {
    return verdictSteps(p.resolved, p.scenario, { ...o, file: p.file })
  }

  /** Compute the flip points of a prepared scenario at once (the CLI). */
  verdicts(p: Prepared, o: Omit<VerdictOptions, 'file'> = {}): Result<VerdictReport> {
    return flipPoints(p.resolved, p.scenario, { ...o, file: p.file })
  }

  /** Stop the draw workers the session started. */
  close(): void {
    this.#pool.close()
  }

  /** Return a run as the plain data the app renders (`ms`: how long the caller took for it), its costs included. */
  view(run: SessionRun, ms: number): RunView {
    // The run's own library: the session's, with the scenario's own technologies and templates if it has any.
    return runView(run, run.out.resolved.library, ms, costsView(this.costs(run), run.hash))
  }

  /**
   * Return the long-format tables of the last run (what the CLI prints and the app exports), for all regions or
   * for a set of the scenario's regions: their emission rows, each measure's credit there, and the targets set for
   * exactly that set (the whole area's targets are left out of a regional table: they are judged on the total).
   */
  exportTables(years?: number[], regions?: readonly string[]): Result<ExportTables> {
    const last = this.#last
    if (!last) return fail([issue('export.no-run', '还没有可导出的结果', 'there is no result to export yet')])
    const { out, scenario } = last
    const set = regions ? regionView(last, this.library, regions) : undefined
    const table = (header: readonly string[], rows: Cell[][]) => ({ header: [...header], rows, csv: toCsv(header, rows) })
    // A regional table names its region set in a last column (emission rows name their region already).
    const named = (header: readonly string[], rows: Cell[][]) =>
      set
        ? table(
            [...header, 'regions'],
            rows.map((r) => [...r, regionSetName(set.regions)]),
          )
        : table(header, rows)
    const targets = set ? out.targets.filter((t) => set.targets.includes(t.id)) : out.targets
    return ok({
      emissions: table(EMISSION_HEADER, emissionRows(out.projection, years, set?.regions)),
      measures: named(MEASURE_HEADER, measureRows(out.projection, out.resolved, scenario, years, set?.regions)),
      targets: named(TARGET_HEADER, targetRows(targets)),
      evidence: table(EVIDENCE_HEADER, evidenceRows(scenario, out.resolved.library, out.resolved.inventory)),
    })
  }
}
