import {
  defaultInputs,
  scaleSpread,
  fail as failResult,
  issue,
  macCurve,
  measureCosts,
  optimizeLevels,
  PERCENTILES,
  POLLUTANTS,
  runDraws,
  runMonteCarlo,
  runResolved,
  sensitivity,
  summarizeDraws,
  type DrawBlock,
  type InventoryTable,
  type Issue,
  type Label,
  type LpSolver,
  type MacStep,
  type MonteCarloResult,
  type OptimizedMeasure,
  type Pollutant,
  type ResolvedScenario,
  type Result,
  type Scenario,
  type TargetLimit,
  type TargetResult,
  type UncertainInput,
  type UnitCost,
} from '../core'
import { releaseProxy } from 'comlink'
import type { DrawHelperApi } from './analysis-draws'
import type { Outcome, PollutantSeries } from './simulator-api'

/** A scenario resolved on the simulator's current inventory (its library and resolution cache reused). */
export interface AnalysisInput {
  scenario: Scenario
  resolved: ResolvedScenario
  /** The scenario's provenance hash: a result belongs to the scenario with this hash. */
  hash: string
  warnings: Issue[]
}

/** What the analysis functions need from the simulator API's shared state. */
export interface AnalysisContext {
  prepare(input: unknown): Outcome<AnalysisInput>
  inventory(): { table: InventoryTable; tag: string; file: string } | undefined
}

/** The methods of a draw helper that the main worker calls (the same in-process and over Comlink). */
export type DrawHelperLike = Pick<DrawHelperApi, 'ping' | 'setInventory' | 'inventoryTag' | 'draws'>

/** A started draw helper: its API, a promise that rejects if it dies, and how to stop it. */
export interface HelperHandle {
  api: DrawHelperLike
  failed?: Promise<never>
  dispose(): void
}

/** How the analysis functions reach their solver and extra workers; the worker passes HiGHS and nested workers, tests pass Node ones. */
export interface AnalysisOptions {
  /** Return the LP solver (called once, on the first optimisation). */
  solver?: () => LpSolver
  /** Start one more Monte Carlo worker. Without it every run uses one worker. */
  spawnHelper?: () => HelperHandle
  /** Most workers a run may use, the main one included (default 8). */
  maxWorkers?: number
}

/** Progress of a long analysis call. */
export interface AnalysisProgress {
  phase: 'mc' | 'optimize'
  done: number
  total: number
}

/** A progress callback (a Comlink proxy when it comes from the UI). */
export type ProgressFn = (p: AnalysisProgress) => unknown

/** A Monte Carlo request from the UI. */
export interface MonteCarloRequest {
  scenario: unknown
  draws: number
  seed: number
  /** Workers to use, the main one included (1 = no helpers). */
  workers?: number
  /** An id the UI can cancel the run by (`cancelAnalysis`). */
  id?: string
  /** Draws per chunk between progress reports and cancel checks (default 50). */
  chunkSize?: number
  /** Scale of every input's spread (default 1 = the library ranges and defaults; 0 = the deterministic run). */
  spread?: number
}

/** The probability of one target, with what the fan chart needs to draw its line. */
export interface TargetProbabilityView {
  id: string
  pollutant: Pollutant
  year: number
  kind: TargetResult['kind']
  required: number
  probability: number
  deterministicMet: boolean
}

/** A Monte Carlo result as plain data for the UI (series indexed like `years`). */
export interface MonteCarloView {
  scenarioHash: string
  draws: number
  seed: number
  workers: number
  years: number[]
  percentiles: Record<'p5' | 'p25' | 'p50' | 'p75' | 'p95', PollutantSeries>
  mean: PollutantSeries
  deterministic: PollutantSeries
  targets: TargetProbabilityView[]
  allTargets: number
  inputs: number
  ms: number
}

/** One tornado (pollutant, year): the top inputs by swing. */
export interface TornadoView {
  pollutant: Pollutant
  year: number
  base: number
  /** Inputs with an effect; `bars` holds the largest `top` of them. */
  inputs: number
  bars: { input: string; kind: string; label: Label; lowValue: number; highValue: number; low: number; high: number; swing: number }[]
}

/** One measure's cost-effectiveness in the cost year. */
export interface MeasureCostView {
  id: string
  label: Label
  unitCost?: UnitCost
  activity: number
  activityUnit: string
  annualCost?: number
  reduction: Record<Pollutant, number>
  costPerTonne: Record<Pollutant, number | undefined>
}

/** Costs of a scenario in its focus year: per measure, and the MAC curve per pollutant. */
export interface CostsView {
  scenarioHash: string
  year: number
  totalCost: number
  measures: MeasureCostView[]
  mac: Record<Pollutant, MacStep[]>
  issues: Issue[]
}

/** An optimisation request from the UI. */
export interface OptimizeRequest {
  scenario: unknown
  id?: string
  maxIterations?: number
}

/** What the optimiser proposes, as plain data: levels now → proposed, costs, targets, limits when infeasible. */
export interface OptimizeView {
  scenarioHash: string
  status: 'optimal' | 'infeasible' | 'not-converged'
  costYear: number
  iterations: number
  solves: number
  measures: OptimizedMeasure[]
  totalCost: number
  currentCost: number
  targets: TargetResult[]
  limits: TargetLimit[]
  /** The scenario with the proposed levels (what Accept puts into the history). */
  proposal: Scenario
  ms: number
}

/** Return the default uncertain inputs with every spread scaled (1 = as the library and defaults give them). */
export function inputsFor(r: ResolvedScenario, s: Scenario, spread = 1): UncertainInput[] {
  const inputs = defaultInputs(r, s)
  return spread === 1 ? inputs : inputs.map((u) => ({ ...u, dist: scaleSpread(u.dist, spread) }))
}

const fail = <T>(issues: Issue[]): Outcome<T> => ({ ok: false, issues })
const cancelledIssue = (what: 'mc' | 'optimize') =>
  what === 'mc' ? issue('mc.cancelled', '蒙特卡洛模拟已取消', 'Monte Carlo run cancelled') : issue('optimize.cancelled', '优化已取消', 'optimisation cancelled')
// A callback that came over Comlink holds a MessagePort open until released; a plain function has nothing to release.
const release = (f: ProgressFn | undefined) => {
  const r = f ? (f as unknown as Record<symbol, unknown>)[releaseProxy] : undefined
  if (typeof r === 'function') (r as () => void)()
}
// Let the worker read its message queue (a cancel, a slider run) between chunks.
const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0))

/** Return the year the UI shows (the latest target year, else the last projected year), as `RunView.focusYear`. */
export function focusYearOf(r: ResolvedScenario, s: Scenario): number {
  const ys = s.targets.map((t) => t.year).filter((y) => r.years.includes(y))
  return ys.length > 0 ? Math.max(...ys) : (r.years[r.years.length - 1] ?? r.y0)
}

/** Turn a core Monte Carlo result into plain per-pollutant series for the UI. */
export function monteCarloView(mc: MonteCarloResult, hash: string, workers: number, ms: number): MonteCarloView {
  const Y = mc.years.length
  const series = (a: Float64Array): PollutantSeries =>
    Object.fromEntries(mc.pollutants.map((p, k) => [p, Array.from(a.subarray(k * Y, (k + 1) * Y))])) as PollutantSeries
  const required = new Map(mc.deterministic.targets.map((t) => [t.id, t.required]))
  return {
    scenarioHash: hash,
    draws: mc.draws,
    seed: mc.seed,
    workers,
    years: [...mc.years],
    percentiles: Object.fromEntries(PERCENTILES.map((q) => [`p${q}`, series(mc.percentiles[`p${q}`])])) as MonteCarloView['percentiles'],
    mean: series(mc.mean),
    deterministic: series(mc.deterministicTotals),
    targets: mc.targets.map((t) => ({ ...t, required: required.get(t.id) ?? NaN })),
    allTargets: mc.allTargets,
    inputs: mc.inputs.length,
    ms,
  }
}

/**
 * Create the analysis functions of the simulator API (Monte Carlo, sensitivity, costs, least-cost optimisation).
 * They share the simulator's library, inventory and resolution cache through `ctx`.
 */
export function createAnalysisApi(ctx: AnalysisContext, o: AnalysisOptions = {}) {
  const cancelled = new Set<string>()
  const helpers: HelperHandle[] = []
  let solver: LpSolver | undefined
  const maxWorkers = Math.max(1, Math.floor(o.maxWorkers ?? 8))

  const signalOf = (id: string | undefined) => ({
    get aborted() {
      return id !== undefined && cancelled.has(id)
    },
  })

  // Start helpers up to n (kept for later runs), each checked with a ping so a worker that cannot start is dropped.
  async function helpersUpTo(n: number): Promise<HelperHandle[]> {
    while (o.spawnHelper && helpers.length < n) {
      const h = o.spawnHelper()
      const up = await Promise.race([
        h.api.ping(),
        h.failed ?? new Promise<never>(() => {}),
        new Promise<false>((r) => setTimeout(() => r(false), 20_000)),
      ]).catch(() => false)
      if (!up) {
        h.dispose()
        break
      }
      helpers.push(h)
    }
    return helpers.slice(0, n)
  }

  /** Run the draws on the main worker and `workers − 1` helpers, chunk by chunk, and merge the blocks. */
  async function splitRun(
    input: AnalysisInput,
    req: MonteCarloRequest,
    workers: number,
    chunk: number,
    onProgress: ProgressFn | undefined,
  ): Promise<{ result: Result<MonteCarloResult>; workers: number }> {
    const { scenario: s, resolved: r } = input
    const base = runResolved(r, s, 'scenario')
    if (!base.ok) return { result: base, workers: 1 }
    const inv = ctx.inventory()
    const hs = inv ? await helpersUpTo(workers - 1) : []
    if (inv)
      await Promise.all(
        hs.map(async (h) => {
          if ((await h.api.inventoryTag()) !== inv.tag) await h.api.setInventory(inv.table, inv.tag, inv.file)
        }),
      )
    const inputs = inputsFor(r, s, req.spread)
    const signal = signalOf(req.id)
    const queue: [number, number][] = []
    for (let from = 0; from < req.draws; from += chunk) queue.push([from, Math.min(req.draws, from + chunk)])
    const blocks: DrawBlock[] = []
    const issues: Issue[] = []
    let done = 0
    const take = () => (signal.aborted || issues.length > 0 ? undefined : queue.shift())
    const deliver = (b: DrawBlock) => {
      blocks.push(b)
      done += b.to - b.from
      void onProgress?.({ phase: 'mc', done, total: req.draws })
    }
    const local = async () => {
      for (let c = take(); c; c = take()) {
        const b = runDraws(r, s, inputs, req.seed, c[0], c[1], 'scenario')
        if (!b.ok) issues.push(...b.issues)
        else deliver(b.value)
        await yieldToEvents()
      }
    }
    const remote = async (h: HelperHandle) => {
      for (let c = take(); c; c = take()) {
        const b = await Promise.race([h.api.draws(s, req.seed, c[0], c[1], req.spread), h.failed ?? new Promise<never>(() => {})]).catch(
          (e: unknown): Outcome<DrawBlock> =>
            fail([issue('mc.worker', `蒙特卡洛辅助线程出错：${String(e)}`, `Monte Carlo helper worker failed: ${String(e)}`)]),
        )
        if (!b.ok) issues.push(...b.issues)
        else deliver(b.value)
      }
    }
    await Promise.all([local(), ...hs.map(remote)])
    if (issues.length > 0) return { result: failResult(issues), workers: hs.length + 1 }
    if (signal.aborted) return { result: failResult([cancelledIssue('mc')]), workers: hs.length + 1 }
    return { result: { ok: true, value: summarizeDraws(s, base.value, blocks, req.seed, inputs), warnings: [] }, workers: hs.length + 1 }
  }

  return {
    /**
     * Run a seeded Monte Carlo simulation of a scenario on the current inventory, reporting progress and
     * stopping when `cancelAnalysis(id)` is called. With `workers > 1` and helpers available, draws are split
     * across workers; the result is identical (draw d depends only on seed and d).
     */
    async monteCarlo(req: MonteCarloRequest, onProgress?: ProgressFn): Promise<Outcome<MonteCarloView>> {
      const t0 = performance.now()
      const input = ctx.prepare(req.scenario)
      if (!input.ok) return input
      const chunk = Math.max(1, Math.floor(req.chunkSize ?? 50))
      const want = Math.min(maxWorkers, Math.max(1, Math.floor(req.workers ?? 1)))
      try {
        if (want > 1 && o.spawnHelper && Number.isInteger(req.draws) && req.draws > chunk && Number.isInteger(req.seed) && req.draws <= 1_000_000) {
          const { result, workers } = await splitRun(input.value, req, want, chunk, onProgress)
          if (!result.ok) return fail(result.issues)
          return { ok: true, value: monteCarloView(result.value, input.value.hash, workers, performance.now() - t0), warnings: input.value.warnings }
        }
        const r = await runMonteCarlo(input.value.resolved, input.value.scenario, {
          draws: req.draws,
          seed: req.seed,
          inputs: inputsFor(input.value.resolved, input.value.scenario, req.spread),
          chunkSize: chunk,
          signal: signalOf(req.id),
          pause: yieldToEvents,
          onProgress: (done, total) => void onProgress?.({ phase: 'mc', done, total }),
          file: 'scenario',
        })
        if (!r.ok) return fail(r.issues)
        return { ok: true, value: monteCarloView(r.value, input.value.hash, 1, performance.now() - t0), warnings: [...input.value.warnings, ...r.warnings] }
      } finally {
        if (req.id !== undefined) cancelled.delete(req.id)
        release(onProgress)
      }
    },

    /** Cancel a running Monte Carlo or optimisation by the id it was started with; it stops at its next chunk. */
    async cancelAnalysis(id: string): Promise<void> {
      cancelled.add(id)
    },

    /** Return how many Monte Carlo helper workers are running (for tests and the UI's worker count). */
    async helperCount(): Promise<number> {
      return helpers.length
    },

    /** Compute one-at-a-time sensitivities: a tornado per target (pollutant, year), the `top` inputs by swing. */
    async sensitivity(scenario: unknown, top = 12): Promise<Outcome<TornadoView[]>> {
      const input = ctx.prepare(scenario)
      if (!input.ok) return input
      const r = sensitivity(input.value.resolved, input.value.scenario, { file: 'scenario' })
      if (!r.ok) return fail(r.issues)
      return {
        ok: true,
        value: r.value.map((t) => ({ pollutant: t.pollutant, year: t.year, base: t.base, inputs: t.bars.length, bars: t.bars.slice(0, Math.max(1, top)) })),
        warnings: input.value.warnings,
      }
    },

    /** Return each measure's annualised cost and CNY/t in the focus year, and the MAC curve of each pollutant. */
    async costs(scenario: unknown): Promise<Outcome<CostsView>> {
      const input = ctx.prepare(scenario)
      if (!input.ok) return input
      const { resolved: r, scenario: s } = input.value
      const run = runResolved(r, s, 'scenario')
      if (!run.ok) return fail(run.issues)
      const report = measureCosts(r, s, run.value.projection, focusYearOf(r, s), 'scenario')
      return {
        ok: true,
        value: {
          scenarioHash: input.value.hash,
          year: report.year,
          totalCost: report.totalCost,
          measures: report.measures.map((m) => ({
            id: m.id,
            label: m.label,
            ...(m.unitCost ? { unitCost: m.unitCost } : {}),
            activity: m.activity,
            activityUnit: m.activityUnit,
            ...(m.annualCost !== undefined ? { annualCost: m.annualCost } : {}),
            reduction: m.reduction,
            costPerTonne: m.costPerTonne,
          })),
          mac: Object.fromEntries(POLLUTANTS.map((p) => [p, macCurve(report, p)])) as Record<Pollutant, MacStep[]>,
          issues: report.issues,
        },
        warnings: input.value.warnings,
      }
    },

    /**
     * Find the least-cost final levels that meet every target (HiGHS LP, checked by full simulation), reporting
     * each LP solve as progress; `cancelAnalysis(id)` stops it before the next solve. When a target cannot be
     * met the result says which and the most each target can reach.
     */
    async optimize(req: OptimizeRequest, onProgress?: ProgressFn): Promise<Outcome<OptimizeView>> {
      const t0 = performance.now()
      const input = ctx.prepare(req.scenario)
      if (!input.ok) return input
      if (!o.solver) return fail([issue('optimize.no-solver', '没有可用的线性规划求解器', 'no LP solver is available')])
      solver ??= o.solver()
      const solve = solver
      const maxIterations = Math.max(1, Math.floor(req.maxIterations ?? 10))
      const signal = signalOf(req.id)
      let solves = 0
      // Each target-meeting solve counts one step; the infeasibility analysis adds up to one solve per target.
      const total = maxIterations + input.value.scenario.targets.length
      const counted: LpSolver = async (lp) => {
        await yieldToEvents()
        if (signal.aborted) return { status: 'error', objective: NaN, values: {}, message: 'cancelled' }
        const s = await solve(lp)
        solves++
        void onProgress?.({ phase: 'optimize', done: solves, total })
        return s
      }
      try {
        void onProgress?.({ phase: 'optimize', done: 0, total })
        const res = await optimizeLevels(input.value.resolved, input.value.scenario, counted, { file: 'scenario', maxIterations })
        if (signal.aborted) return fail([cancelledIssue('optimize')])
        if (!res.ok) return fail(res.issues)
        const v = res.value
        return {
          ok: true,
          value: {
            scenarioHash: input.value.hash,
            status: v.status,
            costYear: v.costYear,
            iterations: v.iterations,
            solves,
            measures: v.measures,
            totalCost: v.totalCost,
            currentCost: v.currentCost,
            targets: v.targets,
            limits: v.limits,
            proposal: v.scenario,
            ms: performance.now() - t0,
          },
          warnings: [...input.value.warnings, ...res.warnings],
        }
      } finally {
        if (req.id !== undefined) cancelled.delete(req.id)
        release(onProgress)
      }
    },

    /** Stop the Monte Carlo helper workers (they start again on the next run that wants them). */
    async stopHelpers(): Promise<void> {
      for (const h of helpers.splice(0)) h.dispose()
    },
  }
}
