import highsLoader from 'highs'
import type { LpSolution, LpSolver } from '../core'

let loaded: ReturnType<typeof highsLoader> | undefined

/** Return an LP solver backed by HiGHS (WebAssembly), loaded once per process. */
export function highsSolver(): LpSolver {
  return async (lp: string): Promise<LpSolution> => {
    loaded ??= highsLoader()
    const highs = await loaded
    try {
      const s = highs.solve(lp)
      if (s.Status === 'Optimal') {
        const values = Object.fromEntries(Object.entries(s.Columns).map(([k, c]) => [k, 'Primal' in c ? c.Primal : 0]))
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
}
