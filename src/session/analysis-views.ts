import { PERCENTILES, type MonteCarloResult, type OptimizeResult, type Tornado } from '../core'
import type { MonteCarloView, OptimizeView, PollutantSeries, TornadoView } from '../protocol'

/** Turn a Monte Carlo result into plain per-pollutant series for the app. */
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

/** Keep the `top` bars of each tornado, as plain data for the app. */
export function tornadoViews(tornadoes: Tornado[], top: number): TornadoView[] {
  return tornadoes.map((t) => ({ pollutant: t.pollutant, year: t.year, base: t.base, inputs: t.bars.length, bars: t.bars.slice(0, Math.max(1, top)) }))
}

/** Turn an optimisation result into what the app proposes: levels now → proposed, costs, targets, limits. */
export function optimizeView(v: OptimizeResult, hash: string, solves: number, ms: number): OptimizeView {
  return {
    scenarioHash: hash,
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
    ms,
  }
}
