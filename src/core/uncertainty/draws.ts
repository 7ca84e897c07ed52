import { evaluateTargets } from '../evaluate/targets'
import { fail, issue, ok, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Scenario } from '../schema'
import { seriesAt, type Projection } from '../simulate/projection'
import { prepareRun, RunScratch, simulatePrepared, type RunOverrides } from '../simulate/run'
import { quantile } from './distributions'
import { overridesFor, type UncertainInput } from './inputs'
import { drawGenerator } from './rng'

const P = POLLUTANTS.length

/**
 * The raw outcome of Monte Carlo draws `from` (inclusive) to `to` (exclusive). Blocks from different chunks or
 * workers merge by concatenation, because draw d depends on (seed, d) only.
 */
export interface DrawBlock {
  from: number
  to: number
  /** Scenario totals over all regions, [(d − from) × P × Y + p × Y + y], t/yr. */
  totals: Float64Array
  /** 1 when target t is met in the draw, [(d − from) × T + t]. */
  met: Uint8Array
}

/** Sum a projection's scenario series over groups per pollutant and year, in the same order as `total()` (bit-identical). */
export function scenarioTotals(pr: Projection, out: Float64Array, offset: number): void {
  const Y = pr.years.length
  for (let p = 0; p < P; p++)
    for (let y = 0; y < Y; y++) {
      let sum = 0
      for (let g = 0; g < pr.groups.length; g++) sum += seriesAt(pr, 'scenario', g, p, y)
      out[offset + p * Y + y] = sum
    }
}

/** Return the input values of draw d: one uniform per input, in input order, mapped through each inverse CDF. */
export function drawValues(inputs: readonly UncertainInput[], seed: number, d: number): Float64Array {
  const u = drawGenerator(seed, d)
  const v = new Float64Array(inputs.length)
  inputs.forEach((x, i) => (v[i] = quantile(x.dist, u())))
  return v
}

/** Run Monte Carlo draws [from, to) synchronously. A draw that makes the scenario invalid fails the block, naming the draw. */
export function runDraws(
  r: ResolvedScenario,
  s: Scenario,
  inputs: readonly UncertainInput[],
  seed: number,
  from: number,
  to: number,
  file?: string,
): Result<DrawBlock> {
  const Y = r.years.length
  const T = s.targets.length
  const n = Math.max(0, to - from)
  const totals = new Float64Array(n * P * Y)
  const met = new Uint8Array(n * T)
  // Everything the draws do not change is computed once, and the projection arrays are reused from draw to draw.
  const prep = prepareRun(r, s, file)
  if (!prep.ok) return prep
  const scratch = new RunScratch()
  const overrides: RunOverrides = { attribution: false }
  for (let d = from; d < to; d++) {
    // Draws need totals only (targets use counterfactual − scenario), so Shapley attribution is skipped.
    const pr = simulatePrepared(prep.value, overridesFor(r, inputs, drawValues(inputs, seed, d), overrides), scratch)
    if (!pr.ok)
      return fail([
        issue('mc.draw-invalid', `第 ${d} 次抽样使情景无效：${pr.issues[0]?.zh ?? ''}`, `draw ${d} makes the scenario invalid: ${pr.issues[0]?.en ?? ''}`, {
          ...(file ? { file } : {}),
        }),
        ...pr.issues,
      ])
    scenarioTotals(pr.value, totals, (d - from) * P * Y)
    const t = evaluateTargets(pr.value, s, file)
    t.results.forEach((x, k) => (met[(d - from) * T + k] = x.met ? 1 : 0))
  }
  return ok({ from, to, totals, met })
}
