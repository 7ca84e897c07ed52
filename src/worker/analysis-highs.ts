import type highsLoader from 'highs'
// The WebAssembly binary is emitted by Vite as an asset of the app itself, so the solver loads offline, from the
// app's own origin, under `connect-src 'self'` (compiling it needs `'wasm-unsafe-eval'`, not `'unsafe-eval'`).
import wasmUrl from 'highs/runtime?url'
import { solveWithHighs, type LpSolution, type LpSolver } from '../core'

let loaded: ReturnType<typeof highsLoader> | undefined

/** Return an LP solver backed by HiGHS (WebAssembly) for the worker, loaded once, on the first solve. */
export function workerHighsSolver(): LpSolver {
  return async (lp: string): Promise<LpSolution> => {
    // The solver's JavaScript is its own chunk, fetched on the first solve: the worker starts without it.
    loaded ??= import('highs').then((m) => m.default({ locateFile: () => new URL(wasmUrl, self.location.href).href }))
    let highs
    try {
      highs = await loaded
    } catch (e) {
      // A failed load is not cached, so a later attempt (e.g. after the network came back) can succeed.
      loaded = undefined
      return { status: 'error', objective: NaN, values: {}, message: `HiGHS did not load: ${e instanceof Error ? e.message : String(e)}` }
    }
    return solveWithHighs(highs, lp)
  }
}
