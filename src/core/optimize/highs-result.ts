import type { LpSolution } from './lp'

/** The part of a loaded HiGHS instance (the `highs` package) that Lantian uses, typed structurally: the core does not import it. */
export interface HighsLike {
  solve(lp: string): {
    Status: string
    ObjectiveValue: number
    Columns: Record<string, { Primal?: number } | object>
  }
}

/** Solve an LP (CPLEX LP text) with a loaded HiGHS instance and map its answer to an `LpSolution`; never throws. */
export function solveWithHighs(highs: HighsLike, lp: string): LpSolution {
  try {
    const s = highs.solve(lp)
    if (s.Status === 'Optimal') {
      const values = Object.fromEntries(Object.entries(s.Columns).map(([k, c]) => [k, 'Primal' in c && typeof c.Primal === 'number' ? c.Primal : 0]))
      return { status: 'optimal', objective: s.ObjectiveValue, values }
    }
    // Every variable is bounded, so "infeasible or unbounded" can only be infeasible.
    if (s.Status === 'Infeasible' || s.Status === 'Primal infeasible or unbounded')
      return { status: 'infeasible', objective: NaN, values: {}, message: s.Status }
    if (s.Status === 'Unbounded') return { status: 'unbounded', objective: NaN, values: {}, message: s.Status }
    return { status: 'error', objective: NaN, values: {}, message: s.Status }
  } catch (e) {
    return { status: 'error', objective: NaN, values: {}, message: e instanceof Error ? e.message : String(e) }
  }
}
