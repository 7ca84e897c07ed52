import { ok, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Pollutant, Scenario } from '../schema'
import type { TargetSpec } from '../schema'
import type { Decision } from './levels'
import { evaluateAt, type Evaluation } from './linearize'
import { lpVar, writeLp, type LpRow, type LpSolver } from './lp'
import { own } from '../own'

/** The most the free measures can do for one target on their own. */
export interface TargetLimit {
  id: string
  pollutant: Pollutant
  year: number
  kind: TargetSpec['kind']
  /** Required ceiling (or, for engineering_t, credited reduction), t. */
  required: number
  /** Best projected emission (or credited reduction) the measures reach for this target, by full simulation, t. */
  best: number
  /** Shortfall at that point, t (≤ 0: achievable). */
  gapT: number
  achievable: boolean
  /** The final levels of that point, by measure id. */
  levels: Record<string, number>
}

/**
 * For each target, find the levels that do the most for it alone (an LP minimising its linearised gap within
 * the bounds and stage rows, and the point with every free measure at its upper bound), simulate both, and
 * keep the better: the target is achievable when that gap is ≤ 0.
 */
export async function bestAchievable(
  r: ResolvedScenario,
  s: Scenario,
  solve: LpSolver,
  at: Evaluation,
  J: Float64Array,
  vars: readonly Decision[],
  dec: readonly Decision[],
  stage: LpRow[],
  file?: string,
): Promise<Result<TargetLimit[]>> {
  const n = vars.length
  const candidates: Evaluation[] = [at]
  const top = Float64Array.from(at.levels)
  for (const d of vars) top[d.measure] = d.upper
  const topEv = evaluateAt(r, s, top, file)
  if (topEv.ok) candidates.push(topEv.value)
  const perTarget: Evaluation[][] = at.targets.map(() => [])
  for (let k = 0; k < at.targets.length && n > 0; k++) {
    const objective = J.subarray(k * n, (k + 1) * n)
    if (objective.every((c) => c === 0)) continue
    const sol = await solve(writeLp({ objective, lower: vars.map((d) => d.lower), upper: vars.map((d) => d.upper), rows: stage }))
    if (sol.status !== 'optimal') continue
    const x = Float64Array.from(at.levels)
    vars.forEach((d, j) => (x[d.measure] = Math.min(d.upper, Math.max(d.lower, own(sol.values, lpVar(j)) ?? 0))))
    const e = evaluateAt(r, s, x, file)
    if (e.ok) perTarget[k]?.push(e.value)
  }
  return ok(
    at.targets.map((t, k) => {
      let bestEv = at
      for (const e of [...candidates, ...(perTarget[k] ?? [])]) if ((e.gaps[k] as number) < (bestEv.gaps[k] as number)) bestEv = e
      const bt = bestEv.targets[k] ?? t
      return {
        id: t.id,
        pollutant: t.pollutant,
        year: t.year,
        kind: t.kind,
        required: bt.required,
        best: bt.projected,
        gapT: bt.gapT,
        achievable: bt.met,
        levels: Object.fromEntries(dec.map((d) => [d.id, bestEv.levels[d.measure] as number])),
      }
    }),
  )
}
