import { fail, issue, ok, type LpSolver, type Result } from '../core'
import type { AnalysisProgress, MonteCarloRequest, MonteCarloView, OptimizeRequest, OptimizeView, TornadoView } from '../protocol'
import { monteCarloView, optimizeView, tornadoViews } from '../session/analysis-views'
import type { PlanSession } from '../session/plan-session'
import type { Prepared } from '../session/types'
import { releaseProxy } from 'comlink'

/** What the analysis functions need from the simulator API: its session and a scenario prepared on it. */
export interface AnalysisContext {
  session(): Result<PlanSession>
  prepare(input: unknown): Result<Prepared>
}

type ProgressFn = (p: AnalysisProgress) => unknown

const cancelledIssue = (what: 'mc' | 'optimize') =>
  what === 'mc' ? issue('mc.cancelled', '蒙特卡洛模拟已取消', 'Monte Carlo run cancelled') : issue('optimize.cancelled', '优化已取消', 'optimisation cancelled')
// A callback that came over Comlink holds a MessagePort open until released; a plain function has nothing to release.
const release = (f: ProgressFn | undefined) => {
  const r = f ? (f as unknown as Record<symbol, unknown>)[releaseProxy] : undefined
  if (typeof r === 'function') (r as () => void)()
}
// Let the worker read its message queue (a cancel, a slider run) between chunks.
const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0))

/**
 * Create the analysis functions of the simulator API (Monte Carlo, sensitivity, least-cost optimisation) over its
 * plan session: cancellation by id, progress through the app's callback, HiGHS loaded on the first optimisation.
 */
export function createAnalysisApi(ctx: AnalysisContext, solverOf?: () => LpSolver) {
  const cancelled = new Set<string>()
  let solver: LpSolver | undefined
  const signalOf = (id: string | undefined) => ({
    get aborted() {
      return id !== undefined && cancelled.has(id)
    },
  })

  return {
    /**
     * Run a seeded Monte Carlo simulation of a scenario on the current inventory, reporting progress and stopping
     * when `cancelAnalysis(id)` is called. With `workers > 1`, draws are split over draw workers; the result is
     * identical (draw d depends only on seed and d).
     */
    async monteCarlo(req: MonteCarloRequest, onProgress?: ProgressFn): Promise<Result<MonteCarloView>> {
      const t0 = performance.now()
      try {
        const session = ctx.session()
        if (!session.ok) return session
        const p = ctx.prepare(req.scenario)
        if (!p.ok) return p
        const r = await session.value.monteCarlo(p.value, {
          draws: req.draws,
          seed: req.seed,
          ...(req.workers !== undefined ? { workers: req.workers } : {}),
          ...(req.chunkSize !== undefined ? { chunkSize: req.chunkSize } : {}),
          ...(req.spread !== undefined ? { spread: req.spread } : {}),
          signal: signalOf(req.id),
          pause: yieldToEvents,
          onProgress: (done, total) => void onProgress?.({ phase: 'mc', done, total }),
        })
        if (!r.ok) return r
        return ok(monteCarloView(r.value.mc, p.value.hash, r.value.workers, performance.now() - t0), [...p.warnings, ...r.warnings])
      } finally {
        if (req.id !== undefined) cancelled.delete(req.id)
        release(onProgress)
      }
    },

    /** Cancel a running Monte Carlo or optimisation by the id it was started with; it stops at its next chunk. */
    async cancelAnalysis(id: string): Promise<void> {
      cancelled.add(id)
    },

    /** Compute one-at-a-time sensitivities: a tornado per target (pollutant, year), the `top` inputs by swing. */
    async sensitivity(scenario: unknown, top = 12): Promise<Result<TornadoView[]>> {
      const session = ctx.session()
      if (!session.ok) return session
      const p = ctx.prepare(scenario)
      if (!p.ok) return p
      const r = session.value.sensitivity(p.value)
      return r.ok ? ok(tornadoViews(r.value, top), p.warnings) : r
    },

    /**
     * Find the least-cost final levels that meet every target (HiGHS LP, checked by full simulation), reporting
     * each LP solve as progress; `cancelAnalysis(id)` stops it before the next solve. When a target cannot be
     * met the result says which and the most each target can reach.
     */
    async optimize(req: OptimizeRequest, onProgress?: ProgressFn): Promise<Result<OptimizeView>> {
      const t0 = performance.now()
      try {
        const session = ctx.session()
        if (!session.ok) return session
        const p = ctx.prepare(req.scenario)
        if (!p.ok) return p
        if (!solverOf) return fail([issue('optimize.no-solver', '没有可用的线性规划求解器', 'no LP solver is available')])
        solver ??= solverOf()
        const solve = solver
        const maxIterations = Math.max(1, Math.floor(req.maxIterations ?? 10))
        const signal = signalOf(req.id)
        let solves = 0
        // Each target-meeting solve counts one step; the infeasibility analysis adds up to one solve per target.
        const total = maxIterations + p.value.scenario.targets.length
        const counted: LpSolver = async (lp) => {
          await yieldToEvents()
          if (signal.aborted) return { status: 'error', objective: NaN, values: {}, message: 'cancelled' }
          const s = await solve(lp)
          solves++
          void onProgress?.({ phase: 'optimize', done: solves, total })
          return s
        }
        void onProgress?.({ phase: 'optimize', done: 0, total })
        const res = await session.value.optimize(p.value, counted, { maxIterations })
        if (signal.aborted) return fail([cancelledIssue('optimize')])
        if (!res.ok) return res
        return ok(optimizeView(res.value, p.value.hash, solves, performance.now() - t0), [...p.warnings, ...res.warnings])
      } finally {
        if (req.id !== undefined) cancelled.delete(req.id)
        release(onProgress)
      }
    },
  }
}
