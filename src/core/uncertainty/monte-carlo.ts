import type { TargetResult } from '../evaluate/targets'
import { fail, issue, ok, type Result } from '../issues'
import { runResolved } from '../pipeline'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Pollutant, type Scenario } from '../schema'
import type { Projection } from '../simulate/projection'
import { runDraws, scenarioTotals, type DrawBlock } from './draws'
import { probabilityBasis, type ProbabilityBasis, type ReferenceInDraws } from './basis'
import { defaultInputs, type UncertainInput } from './inputs'
import { PERCENTILES, percentileOfSorted, type Percentile } from './percentiles'

const P = POLLUTANTS.length

/** Something that can say a run was cancelled (an AbortSignal, structurally: the core has no DOM types). */
export interface CancelSignal {
  readonly aborted: boolean
}

/** Options of a Monte Carlo run. */
export interface MonteCarloOptions {
  draws: number
  seed: number
  /** The inputs to sample; default `defaultInputs(resolved, scenario)`. */
  inputs?: UncertainInput[]
  /** Draws per chunk between progress reports (default 50). */
  chunkSize?: number
  onProgress?: (done: number, total: number) => void
  signal?: CancelSignal
  /** Called between chunks so a worker can receive messages (e.g. `() => new Promise((r) => setTimeout(r, 0))`). */
  pause?: () => Promise<void>
  file?: string
}

/** The probability that one target is met. */
export interface TargetProbability {
  id: string
  pollutant: Pollutant
  year: number
  kind: TargetResult['kind']
  probability: number
  /** Whether the deterministic run meets it. */
  deterministicMet: boolean
  /** For a `reduction_pct` target: whether its reference moves with the draws (projected, back-cast) or is a stated tonnage. */
  reference?: ReferenceInDraws
}

/** What a Monte Carlo run reports (DESIGN §4.6). */
export interface MonteCarloResult {
  draws: number
  seed: number
  years: number[]
  pollutants: Pollutant[]
  inputs: UncertainInput[]
  /** Scenario totals per percentile, [p × Y + y], t/yr. */
  percentiles: Record<`p${Percentile}`, Float64Array>
  mean: Float64Array
  /** Deterministic scenario totals, [p × Y + y]. */
  deterministicTotals: Float64Array
  targets: TargetProbability[]
  /** Probability that every target is met in the same draw (1 when there are no targets). */
  allTargets: number
  /** What the probabilities include and leave out. */
  basis: ProbabilityBasis
  deterministic: { projection: Projection; targets: TargetResult[] }
}

/** What a Monte Carlo summary takes from the deterministic run: its years, scenario totals and target results. */
export interface DeterministicSummary {
  years: number[]
  /** Scenario totals over all regions, [p × Y + y], t/yr (as `scenarioTotals`). */
  totals: Float64Array
  targets: TargetResult[]
}

/** Merge draw blocks (any chunking, any order) into percentiles and target probabilities. */
export function summarizeDraws(
  s: Scenario,
  deterministic: { projection: Projection; targets: TargetResult[] },
  blocks: readonly DrawBlock[],
  seed: number,
  inputs: UncertainInput[],
): MonteCarloResult {
  const pr = deterministic.projection
  const det = new Float64Array(P * pr.years.length)
  scenarioTotals(pr, det, 0)
  const summary = summarizeBlocks({ years: pr.years, totals: det, targets: deterministic.targets }, blocks, seed, inputs, probabilityBasis(s, inputs))
  return { ...summary, deterministic }
}

/**
 * Merge draw blocks (any chunking, any order, e.g. from shards run on other machines) with the deterministic run's
 * summary and the probability basis (`probabilityBasis` of the scenario): the same numbers, to the bit, as
 * `summarizeDraws` of the same draws.
 */
export function summarizeBlocks(
  deterministic: DeterministicSummary,
  blocks: readonly DrawBlock[],
  seed: number,
  inputs: UncertainInput[],
  basis: ProbabilityBasis,
): Omit<MonteCarloResult, 'deterministic'> {
  const Y = deterministic.years.length
  const T = deterministic.targets.length
  const sortedBlocks = [...blocks].sort((a, b) => a.from - b.from)
  const n = sortedBlocks.reduce((k, b) => k + (b.to - b.from), 0)
  const det = deterministic.totals
  const percentiles = Object.fromEntries(PERCENTILES.map((q) => [`p${q}`, new Float64Array(P * Y)])) as MonteCarloResult['percentiles']
  const mean = new Float64Array(P * Y)
  const col = new Float64Array(n)
  for (let k = 0; k < P * Y; k++) {
    let i = 0
    let sum = 0
    for (const b of sortedBlocks)
      for (let d = 0; d < b.to - b.from; d++) {
        const v = b.totals[d * P * Y + k] as number
        col[i++] = v
        sum += v
      }
    col.sort()
    for (const q of PERCENTILES) percentiles[`p${q}`][k] = n > 0 ? percentileOfSorted(col, q) : (det[k] as number)
    // Equal draws give back their value exactly (sum / n may round).
    mean[k] = n === 0 ? (det[k] as number) : col[0] === col[n - 1] ? (col[0] as number) : sum / n
  }
  const metCount = new Float64Array(T)
  let allMet = 0
  for (const b of sortedBlocks)
    for (let d = 0; d < b.to - b.from; d++) {
      let all = true
      for (let t = 0; t < T; t++) {
        if (b.met[d * T + t]) metCount[t] = (metCount[t] as number) + 1
        else all = false
      }
      if (all) allMet++
    }
  const targets = deterministic.targets.map((t, k) => {
    const ref = basis.references.find((x) => x.id === t.id)?.reference
    return {
      id: t.id,
      pollutant: t.pollutant,
      year: t.year,
      kind: t.kind,
      probability: n > 0 ? (metCount[k] as number) / n : t.met ? 1 : 0,
      deterministicMet: t.met,
      ...(ref ? { reference: ref } : {}),
    }
  })
  return {
    draws: n,
    seed,
    years: deterministic.years,
    pollutants: [...POLLUTANTS],
    inputs,
    percentiles,
    mean,
    deterministicTotals: det,
    targets,
    allTargets: n > 0 ? allMet / n : deterministic.targets.every((t) => t.met) ? 1 : 0,
    basis,
  }
}

/**
 * Run a seeded Monte Carlo simulation of a resolved scenario: P5–P95 of the scenario totals per pollutant and
 * year, the probability of meeting each target and all targets, and the deterministic run. Draws run in chunks;
 * between chunks progress is reported, `pause` lets the caller's event loop run, and an aborted signal stops
 * the run with an `mc.cancelled` issue.
 */
export async function runMonteCarlo(r: ResolvedScenario, s: Scenario, o: MonteCarloOptions): Promise<Result<MonteCarloResult>> {
  if (!Number.isInteger(o.draws) || o.draws < 1 || o.draws > 1_000_000)
    return fail([issue('mc.draws', '抽样次数须为 1 至 1,000,000 之间的整数', 'draws must be an integer from 1 to 1,000,000')])
  if (!Number.isInteger(o.seed)) return fail([issue('mc.seed', '随机种子须为整数', 'seed must be an integer')])
  const base = runResolved(r, s, o.file)
  if (!base.ok) return base
  const inputs = o.inputs ?? defaultInputs(r, s)
  const chunk = Math.max(1, Math.floor(o.chunkSize ?? 50))
  const blocks: DrawBlock[] = []
  for (let from = 0; from < o.draws; from += chunk) {
    if (o.signal?.aborted) return fail([issue('mc.cancelled', '蒙特卡洛模拟已取消', 'Monte Carlo run cancelled')])
    const b = runDraws(r, s, inputs, o.seed, from, Math.min(o.draws, from + chunk), o.file)
    if (!b.ok) return b
    blocks.push(b.value)
    o.onProgress?.(b.value.to, o.draws)
    if (o.pause) await o.pause()
  }
  if (o.signal?.aborted) return fail([issue('mc.cancelled', '蒙特卡洛模拟已取消', 'Monte Carlo run cancelled')])
  return ok(summarizeDraws(s, { projection: base.value.projection, targets: base.value.targets }, blocks, o.seed, inputs), base.warnings)
}
