import type { TargetResult } from '../evaluate/targets'
import { fail, issue, ok, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Label, Scenario } from '../schema'
import { bestAchievable, type TargetLimit } from './infeasible'
import { decisions, withLevels, type Decision, type FixedReason } from './levels'
import { evaluateAt, gradients, type Evaluation } from './linearize'
import { lpVar, writeLp, type LpRow, type LpSolver } from './lp'
import { stageRows } from './stage-rows'
import { own } from '../own'

/** Options of the least-cost search. */
export interface OptimizeOptions {
  /** LP solves at most (default 10). */
  maxIterations?: number
  /** Final-level bounds per measure id (default [0, 1]). */
  bounds?: Record<string, [number, number]>
  /** Measures kept at their scenario level. */
  fixed?: string[]
  /** Year whose annualised cost is minimised (default: the latest target year). */
  costYear?: number
  /** Finite-difference step in level (default 0.1). */
  step?: number
  file?: string
}

/** One measure in the optimiser's answer. */
export interface OptimizedMeasure {
  id: string
  label: Label
  free: boolean
  reason?: FixedReason
  current: number
  level: number
  lower: number
  upper: number
  /** Annualised cost in the cost year at the proposed and at the scenario level, CNY/yr. */
  cost: number
  currentCost: number
}

/** What the least-cost search found (DESIGN §4.7). */
export interface OptimizeResult {
  /** `optimal`: every target met by the full simulation; `infeasible`: some target cannot be met; `not-converged`: no feasible point found in time. */
  status: 'optimal' | 'infeasible' | 'not-converged'
  costYear: number
  iterations: number
  measures: OptimizedMeasure[]
  totalCost: number
  currentCost: number
  /** Targets simulated at the proposed levels (the last point tried when not optimal). */
  targets: TargetResult[]
  /** When not optimal: for each target, the most the free measures can achieve on their own. */
  limits: TargetLimit[]
  /** The scenario with the proposed levels. */
  scenario: Scenario
  history: { iteration: number; cost: number; worstGapT: number; met: boolean }[]
}

const cost = (dec: readonly Decision[], levels: ArrayLike<number>): number => dec.reduce((c, d) => c + d.costPerLevel * (levels[d.measure] as number), 0)

/** Return the ceiling every target row must leave free: solver tolerance on the scaled row, in t. */
const tolerance = (t: TargetResult, J: Float64Array, n: number, k: number): number => {
  let m = Math.max(1, Math.abs(t.required))
  for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(J[k * n + j] as number))
  return 1e-7 * m
}

/**
 * Find final adoption levels that meet every target at least annualised cost (DESIGN §4.7): linearise the
 * targets' gaps around the current point by finite differences of the full simulation, solve the LP with the
 * caller's solver, simulate the proposal, and repeat from there, tightening each missed target by the observed
 * linearisation error, until the simulated scenario meets every target and the cost stops falling (at most
 * `maxIterations` solves). Stage sums stay at or below 100 % through explicit rows. When the LP is infeasible,
 * report for each target the most that can be achieved.
 */
export async function optimizeLevels(r: ResolvedScenario, s: Scenario, solve: LpSolver, o: OptimizeOptions = {}): Promise<Result<OptimizeResult>> {
  const file = o.file
  const costYear = o.costYear ?? (s.targets.length > 0 ? Math.max(...s.targets.map((t) => t.year)) : (r.years[r.years.length - 1] ?? r.y0))
  if (!r.years.includes(costYear))
    return fail([issue('optimize.cost-year', `成本年份 ${costYear} 不在预测年份内`, `cost year ${costYear} is not projected`, { file })])
  const dec = decisions(r, s, costYear, o.bounds, o.fixed)
  const vars = dec.filter((d) => d.free)
  const n = vars.length
  const maxIt = Math.max(1, o.maxIterations ?? 10)
  const current = Float64Array.from(dec, (d) => d.current)
  const currentCost = cost(dec, current)

  // Start at the scenario's levels within bounds; if that breaks a stage sum, at the lower bounds.
  let x = Float64Array.from(dec, (d) => Math.min(d.upper, Math.max(d.lower, d.current)))
  let ev = evaluateAt(r, s, x, file)
  if (!ev.ok) {
    x = Float64Array.from(dec, (d) => d.lower)
    ev = evaluateAt(r, s, x, file)
    if (!ev.ok) return ev
  }
  const stage = stageRows(r, dec, vars)
  const T = s.targets.length
  const margins = new Float64Array(T)
  const history: OptimizeResult['history'] = []
  let best: { ev: Evaluation; cost: number } | undefined
  let last: Evaluation = ev.value
  let status: OptimizeResult['status'] = 'not-converged'
  let it: number
  let limits: TargetLimit[] = []
  for (it = 1; it <= maxIt; it++) {
    const at = last
    const J = gradients(
      r,
      s,
      at,
      vars.map((d) => d.measure),
      o.step,
      file,
    )
    const rows: LpRow[] = at.targets.map((t, k) => {
      const coefs = J.subarray(k * n, (k + 1) * n)
      let rhs = -(at.gaps[k] as number) - (margins[k] as number) - tolerance(t, J, n, k)
      vars.forEach((d, j) => (rhs += (coefs[j] as number) * (at.levels[d.measure] as number)))
      return { name: `t${k}`, coefs, rhs }
    })
    const sol =
      n === 0
        ? { status: at.gaps.every((g) => g <= 0) ? ('optimal' as const) : ('infeasible' as const), objective: 0, values: {} }
        : await solve(
            writeLp({
              objective: vars.map((d) => d.costPerLevel),
              lower: vars.map((d) => d.lower),
              upper: vars.map((d) => d.upper),
              rows: [...rows, ...stage],
            }),
          )
    if (sol.status !== 'optimal') {
      if (best) break
      if (sol.status === 'error' || sol.status === 'unbounded')
        return fail([issue('optimize.solver', `线性规划求解失败：${sol.message ?? sol.status}`, `LP solver failed: ${sol.message ?? sol.status}`, { file })])
      const lim = await bestAchievable(r, s, solve, at, J, vars, dec, stage, file)
      if (!lim.ok) return lim
      limits = lim.value
      status = it === 1 || limits.some((l) => !l.achievable) ? 'infeasible' : 'not-converged'
      break
    }
    const xn = Float64Array.from(at.levels)
    vars.forEach((d, j) => (xn[d.measure] = Math.min(d.upper, Math.max(d.lower, own(sol.values, lpVar(j)) ?? 0))))
    const evn = evaluateAt(r, s, xn, file)
    if (!evn.ok) return evn
    last = evn.value
    const met = last.targets.every((t) => t.met)
    const c = cost(dec, xn)
    history.push({ iteration: it, cost: c, worstGapT: Math.max(0, ...last.gaps), met })
    if (met) {
      const improved = !best || c < best.cost * (1 - 1e-9)
      if (improved) best = { ev: last, cost: c }
      if (!improved || margins.every((m) => m === 0)) break
      // Polish: re-solve from the feasible point without margins; keep the best feasible point.
      margins.fill(0)
      continue
    }
    rows.forEach((row, k) => {
      if (last.targets[k]?.met) return
      let predicted = at.gaps[k] as number
      vars.forEach((d, j) => (predicted += (row.coefs[j] as number) * ((xn[d.measure] as number) - (at.levels[d.measure] as number))))
      margins[k] = Math.max(margins[k] as number, (last.gaps[k] as number) - predicted)
    })
  }
  if (best) {
    status = 'optimal'
    last = best.ev
  } else if (limits.length === 0) {
    const lim = await bestAchievable(
      r,
      s,
      solve,
      last,
      gradients(
        r,
        s,
        last,
        vars.map((d) => d.measure),
        o.step,
        file,
      ),
      vars,
      dec,
      stage,
      file,
    )
    if (!lim.ok) return lim
    limits = lim.value
    if (limits.some((l) => !l.achievable)) status = 'infeasible'
  }
  const levels = last.levels
  return ok({
    status,
    costYear,
    iterations: Math.min(it, maxIt),
    measures: dec.map((d) => {
      const m = r.measures[d.measure]
      const inst = m ? s.measures[m.index] : undefined
      return {
        id: d.id,
        label: inst?.label ?? { zh: d.id, en: d.id },
        free: d.free,
        ...(d.reason ? { reason: d.reason } : {}),
        current: d.current,
        level: levels[d.measure] as number,
        lower: d.lower,
        upper: d.upper,
        cost: d.costPerLevel * (levels[d.measure] as number),
        currentCost: d.costPerLevel * d.current,
      }
    }),
    totalCost: cost(dec, levels),
    currentCost,
    targets: last.targets,
    limits,
    scenario: withLevels(s, r, levels),
    history,
  })
}
