import highsLoader from 'highs'
import { solveWithHighs, type LpSolution, type LpSolver } from '../core'

let loaded: ReturnType<typeof highsLoader> | undefined

/** Return an LP solver backed by HiGHS (WebAssembly), loaded once per process. */
export function highsSolver(): LpSolver {
  return async (lp: string): Promise<LpSolution> => {
    loaded ??= highsLoader()
    return solveWithHighs(await loaded, lp)
  }
}
