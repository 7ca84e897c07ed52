import { evaluateTargets, type TargetResult } from '../evaluate/targets'
import { fail, ok, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Scenario } from '../schema'
import type { Projection } from '../simulate/projection'
import { simulate } from '../simulate/run'
import { withLevels } from './levels'

/** A full simulation at one set of levels, with each target's gap (t; > 0 = missed). */
export interface Evaluation {
  levels: Float64Array
  projection: Projection
  targets: TargetResult[]
  gaps: Float64Array
}

/** Simulate a scenario at the given final levels and evaluate its targets. */
export function evaluateAt(r: ResolvedScenario, s: Scenario, levels: Float64Array, file?: string): Result<Evaluation> {
  const sc = withLevels(s, r, levels)
  const pr = simulate(r, sc, file)
  if (!pr.ok) return pr
  const t = evaluateTargets(pr.value, sc, file)
  if (t.issues.length > 0) return fail(t.issues)
  return ok({ levels, projection: pr.value, targets: t.results, gaps: Float64Array.from(t.results, (x) => x.gapT) })
}

/**
 * Return ∂gap_t/∂level_j for each target t and decision variable j, [t × n], by finite differences of the full
 * simulation. Emissions are multilinear in the levels (stages add within, multiply across; reduce measures
 * multiply), so a one-sided difference of any step gives the exact partial derivative at the point; the step goes
 * up when there is room, down otherwise, and the other way when the first simulation is invalid (a stage over 100 %).
 */
export function gradients(r: ResolvedScenario, s: Scenario, at: Evaluation, vars: readonly number[], step = 0.1, file?: string): Float64Array {
  const T = at.gaps.length
  const J = new Float64Array(T * vars.length)
  vars.forEach((mi, j) => {
    const x0 = at.levels[mi] as number
    const tries = x0 + step <= 1 ? [step, -Math.min(step, x0)] : [-Math.min(step, x0), Math.min(step, 1 - x0)]
    for (const h of tries) {
      if (h === 0) continue
      const lv = Float64Array.from(at.levels)
      lv[mi] = x0 + h
      const e = evaluateAt(r, s, lv, file)
      if (!e.ok) continue
      for (let t = 0; t < T; t++) J[t * vars.length + j] = ((e.value.gaps[t] as number) - (at.gaps[t] as number)) / h
      return
    }
  })
  return J
}
