import { issue, fail, ok, type Issue, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Scenario } from '../schema'
import { growthBefore, growthSeries, powInt } from './growth'
import { MaskScratch, CUT, REDUCE, SWITCH } from './coalitions'
import { adoptionInto, measureBases, type MeasureBase, type MeasureRun } from './measure-runs'
import { shapleySampled, shapleyValues, EXACT_PLAYER_LIMIT } from './shapley'

const P = POLLUTANTS.length
/** Stage fractions may exceed 1 by rounding only. */
const STAGE_TOLERANCE = 1e-9
/** Coalition scratch shared by all runs (simulate is synchronous, so one at a time). */
const S = new MaskScratch()
/** The players of one class-year and their Shapley values, shared like S (grown when a scenario has more measures). */
let players = new Int32Array(64)
let playerPos = new Int32Array(64)
const phi = new Float64Array(64)

/**
 * A projection: emissions per group (region × sector), pollutant and year, with and without the new
 * measures, and the exact Shapley attribution of the difference to measures.
 * Arrays are flat: index = (g × P + p) × Y + y, and for attribution ((m × G + g) × P + p) × Y + y.
 */
export interface Projection {
  years: number[]
  regions: string[]
  sectors: string[]
  groups: { region: number; sector: number }[]
  measures: MeasureRun[]
  counterfactual: Float64Array
  scenario: Float64Array
  attribution: Float64Array
  /** True when a class had more than EXACT_PLAYER_LIMIT measures and Shapley was sampled. */
  sampledAttribution: boolean
  /**
   * Back-cast emissions for the years before the inventory year that targets use as a reference
   * (`reference: { year, backcast: growth }`): index (g × P + p) × B + b, b indexing `years`. Absent when none.
   */
  backcast?: { years: number[]; values: Float64Array }
  stats: { records: number; classes: number }
}

/** Optional multipliers used by Monte Carlo and sensitivity runs; 1 when absent. */
export interface RunOverrides {
  /** Achieved-adoption factor per measure (scenario order). */
  adoptionFactor?: Float64Array
  /** Multiplier on each technology's EF, [technology index × P] (counterfactual and scenario alike). */
  efFactor?: Float64Array
  /** Multiplier on each measure's removal fraction, [measure × P]. */
  removalFactor?: Float64Array
  /** Shift of each sector's annual growth rate (fraction per year, indexed like `resolved.sectors`): G'(y) = G(y) × (1 + δ)^(y − y0). */
  growthRateDelta?: Float64Array
  /** `false` skips the Shapley attribution (totals-only runs such as Monte Carlo draws); `attribution` is then empty. */
  attribution?: boolean
}

// Growth depends only on the scenario's growth list (replaced, never mutated, between edits), so repeated runs
// of one scenario compute each sector's series once.
const growthCache = new WeakMap<object, { signature: string; y0: number; years: number; bySector: Map<string, Float64Array | Issue> }>()

/** Return the per-sector growth cache of a growth list, valid for this content and these years. */
function growthTable(growth: Scenario['growth'], y0: number, years: readonly number[]): Map<string, Float64Array | Issue> {
  const signature = JSON.stringify(growth)
  let e = growthCache.get(growth)
  if (!e || e.signature !== signature || e.y0 !== y0 || e.years !== years.length) {
    e = { signature, y0, years: years.length, bySector: new Map() }
    growthCache.set(growth, e)
  }
  return e.bySector
}

/**
 * Everything of a run that Monte Carlo multipliers do not change: measure bases, growth per sector and the
 * measures' kind codes. Prepared once per scenario, simulated many times (draws, sensitivity swings).
 */
export interface PreparedRun {
  r: ResolvedScenario
  file?: string
  bases: MeasureBase[]
  /** Growth index per resolved sector (shared with the cache: never write into it). */
  growth: Float64Array[]
  kindCode: Int8Array
  /** Years before the inventory year that targets back-cast to, and G(year) per resolved sector, [sector][b]. */
  backcast: { years: number[]; growth: Float64Array[] }
}

/** Return the back-cast years of a scenario's targets and each sector's growth index there; a bad year or an index series is an issue. */
function backcastOf(r: ResolvedScenario, s: Scenario, file?: string): Result<PreparedRun['backcast']> {
  const years: number[] = []
  const issues: Issue[] = []
  s.targets.forEach((t, i) => {
    if (t.kind !== 'reduction_pct' || !('backcast' in t.reference)) return
    const y = t.reference.year
    if (y >= r.y0)
      issues.push(
        issue(
          'target.backcast-year',
          `目标 "${t.id}" 的倒推基准年 ${y} 须早于清单年 ${r.y0}（预测年份内的基准请写 { year }）`,
          `target "${t.id}": a back-cast reference year (${y}) must be before the inventory year ${r.y0} (for a projected year write { year } alone)`,
          { ...(file ? { file } : {}), path: ['targets', i, 'reference', 'year'] },
        ),
      )
    else if (!years.includes(y)) years.push(y)
  })
  years.sort((a, b) => a - b)
  const growth = r.sectors.map((sec) =>
    Float64Array.from(years, (y) => {
      const g = growthBefore(sec, s.growth, r.y0, y)
      if (typeof g === 'number') return g
      if (!issues.some((x) => x.en === g.en)) issues.push({ ...g, ...(file ? { file } : {}) })
      return NaN
    }),
  )
  return issues.length > 0 ? fail(issues) : ok({ years, growth })
}

/** Prepare a resolved scenario for (repeated) simulation. Parameter, share and growth errors come back as issues. */
export function prepareRun(r: ResolvedScenario, s: Scenario, file?: string): Result<PreparedRun> {
  const bases = measureBases(r, s, file)
  if (!bases.ok) return bases
  const growth: Float64Array[] = []
  const table = growthTable(s.growth, r.y0, r.years)
  for (const sec of r.sectors) {
    let cached = table.get(sec)
    if (cached === undefined) table.set(sec, (cached = growthSeries(sec, s.growth, r.y0, r.years)))
    if (!(cached instanceof Float64Array)) return fail([{ ...cached, ...(file ? { file } : {}) }])
    growth.push(cached)
  }
  const kindCode = Int8Array.from(r.measures, (m) => (m.kind === 'cut' ? CUT : m.kind === 'reduce' ? REDUCE : SWITCH))
  const backcast = backcastOf(r, s, file)
  if (!backcast.ok) return backcast
  return ok({ r, ...(file ? { file } : {}), bases: bases.value, growth, kindCode, backcast: backcast.value })
}

/**
 * Buffers a caller may hand to `simulatePrepared` to be reused from run to run (Monte Carlo draws): the
 * projection returned then lives in them and is overwritten by the next run.
 */
export class RunScratch {
  counterfactual: Float64Array<ArrayBuffer> = new Float64Array(0)
  scenario: Float64Array<ArrayBuffer> = new Float64Array(0)
  X: Float64Array<ArrayBuffer> = new Float64Array(0)
  R: Float64Array<ArrayBuffer> = new Float64Array(0)
  growth: Float64Array<ArrayBuffer>[] = []
}

function sized(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  return a.length === n ? a.fill(0) : new Float64Array(n)
}

/** Simulate a resolved scenario (DESIGN §4.2–4.4). Expected failures come back as issues. */
export function simulate(r: ResolvedScenario, s: Scenario, file?: string, o: RunOverrides = {}): Result<Projection> {
  const prep = prepareRun(r, s, file)
  return prep.ok ? simulatePrepared(prep.value, o) : prep
}

/** Simulate a prepared scenario under run overrides, in fresh arrays or in `scratch`'s. */
export function simulatePrepared(prep: PreparedRun, o: RunOverrides = {}, scratch?: RunScratch): Result<Projection> {
  const { r, file, bases, kindCode } = prep
  const Y = r.years.length
  const G = r.groups.length
  const M = r.measures.length
  const C = r.classes
  // Flat, typed per-measure inputs: the hot loop below allocates nothing and creates no closures.
  const X = scratch ? (scratch.X = sized(scratch.X, M * Y)) : new Float64Array(M * Y)
  const R = scratch ? (scratch.R = sized(scratch.R, M * P)) : new Float64Array(M * P)
  const runs: MeasureRun[] = bases.map((b, mi) => {
    const adoption = X.subarray(mi * Y, (mi + 1) * Y)
    if (b.enabled) adoptionInto(b, o.adoptionFactor?.[mi] ?? 1, adoption)
    const removal = R.subarray(mi * P, (mi + 1) * P)
    removal.set(b.removal)
    if (o.removalFactor) for (let k = 0; k < P; k++) removal[k] = Math.min(1, Math.max(0, (removal[k] as number) * (o.removalFactor[mi * P + k] ?? 1)))
    return { id: b.id, enabled: b.enabled, adoption, removal, params: b.params }
  })
  // Growth per sector (group's sector), shifted by the draw's rate delta where there is one.
  const growth = prep.growth.map((base, si) => {
    const d = o.growthRateDelta?.[si] ?? 0
    if (d === 0) return base
    const g = scratch ? (scratch.growth[si] = sized(scratch.growth[si] ?? new Float64Array(0), Y)) : new Float64Array(Y)
    for (let k = 0; k < Y; k++) g[k] = (base[k] as number) * powInt(1 + d, (r.years[k] as number) - r.y0)
    return g
  })
  const counterfactual = scratch ? (scratch.counterfactual = sized(scratch.counterfactual, G * P * Y)) : new Float64Array(G * P * Y)
  const scenario = scratch ? (scratch.scenario = sized(scratch.scenario, G * P * Y)) : new Float64Array(G * P * Y)
  const attribution = new Float64Array(o.attribution === false ? 0 : M * G * P * Y)
  // Back-cast reference years: the counterfactual before the inventory year (no measures), with the run's EF
  // multipliers and growth-rate shifts, so a back-cast reference moves with them.
  const B = prep.backcast.years.length
  const backcast = new Float64Array(G * P * B)
  const backGrowth = prep.backcast.growth.map((base, si) => {
    const d = o.growthRateDelta?.[si] ?? 0
    return d === 0 ? base : base.map((v, b) => v / powInt(1 + d, r.y0 - (prep.backcast.years[b] as number)))
  })
  let sampled = false
  const issues: Issue[] = []
  const withAttribution = o.attribution !== false
  if (players.length < M) {
    players = new Int32Array(M)
    playerPos = new Int32Array(M)
  }
  for (let c = 0; c < C.count; c++) {
    const g = C.group[c] as number
    const gs = growth[r.groups[g]?.sector ?? 0] as Float64Array
    const a = C.sumA[c] as number
    const m0 = C.memberStart[c] as number
    const m1 = C.memberStart[c + 1] as number
    const tf = o.efFactor ? (C.tech[c] as number) * P : -1
    if (B > 0) {
      const gb = backGrowth[r.groups[g]?.sector ?? 0] as Float64Array
      for (let p = 0; p < P; p++) {
        const ae = (C.sumAE[c * P + p] as number) * (tf >= 0 ? (o.efFactor?.[tf + p] ?? 1) : 1)
        for (let b = 0; b < B; b++) backcast[(g * P + p) * B + b] = (backcast[(g * P + p) * B + b] as number) + ae * (gb[b] as number)
      }
    }
    for (let y = 0; y < Y; y++) {
      const G_ = gs[y] as number
      // Players this year: measures of the class with non-zero adoption, in canonical order.
      let k = 0
      let cutSum = 0
      let switchSum = 0
      for (let j = m0; j < m1; j++) {
        const mi = C.members[j] as number
        const x = X[mi * Y + y] as number
        if (x <= 0) continue
        players[k] = mi
        playerPos[k] = j
        k++
        const kd = kindCode[mi]
        if (kd === CUT) cutSum += x
        else if (kd === SWITCH) switchSum += x
      }
      if (cutSum > 1 + STAGE_TOLERANCE || switchSum > 1 + STAGE_TOLERANCE) {
        const stage = cutSum > 1 + STAGE_TOLERANCE ? 'cut' : 'switch'
        const names = Array.from(players.subarray(0, k))
          .filter((mi) => {
            const kind = r.measures[mi]?.kind
            return stage === 'cut' ? kind === 'cut' : kind === 'switch' || kind === 'share'
          })
          .map((mi) => r.measures[mi]?.id)
        const i = C.firstRecord[c] as number
        const pct = Math.round((stage === 'cut' ? cutSum : switchSum) * 1000) / 10
        issues.push(
          issue(
            'scenario.stage-over-100',
            `${r.years[y]} 年措施 ${names.join('、')} 合计${stage === 'cut' ? '削减' : '转移'}同一批记录（如 ${r.inventory.ids[i]}，共 ${C.records[c]} 条记录）的 ${pct}%，超过 100%`,
            `in ${r.years[y]} measures ${names.join(', ')} together ${stage === 'cut' ? 'cut' : 'move'} ${pct} % of the same records (e.g. ${r.inventory.ids[i]}; ${C.records[c]} record${C.records[c] === 1 ? '' : 's'} alike), more than 100 %`,
            { ...(file ? { file } : {}), path: ['measures'] },
          ),
        )
        continue
      }
      for (let p = 0; p < P; p++) {
        const ef = tf >= 0 ? (o.efFactor?.[tf + p] ?? 1) : 1
        const ae = (C.sumAE[c * P + p] as number) * ef
        const base = G_ * ae
        const idx = (g * P + p) * Y + y
        counterfactual[idx] = (counterfactual[idx] as number) + base
        if (k === 0) {
          scenario[idx] = (scenario[idx] as number) + base
          continue
        }
        if (!withAttribution) {
          // Totals only: the full coalition, evaluated as the coalition fill would (same order, same bits).
          scenario[idx] = (scenario[idx] as number) + S.one((1 << k) - 1, k, G_, a, ae, ef, p, y, Y, players, playerPos, kindCode, X, R, C.switchEf)
          continue
        }
        if (k <= EXACT_PLAYER_LIMIT) {
          // E(mask) for every coalition, each from the coalition without its highest player: the same sums and
          // products, in the same order, as evaluating each coalition from scratch (bit-identical), in O(2^k).
          S.fill(k, G_, a, ae, ef, p, y, Y, players, playerPos, kindCode, X, R, C.switchEf)
          scenario[idx] = (scenario[idx] as number) + (S.value[(1 << k) - 1] as number)
          if (!withAttribution) continue
          shapleyValues(k, S.value, phi)
        } else {
          // Above the exact limit: a closure over coalitions for the permutation sample (rare).
          const emission = (mask: number): number => S.one(mask, k, G_, a, ae, ef, p, y, Y, players, playerPos, kindCode, X, R, C.switchEf)
          scenario[idx] = (scenario[idx] as number) + emission((1 << Math.min(k, 30)) - 1)
          if (!withAttribution) continue
          sampled = true
          shapleySampled(k, emission, phi, c * 7919 + y * 31 + p)
        }
        for (let b = 0; b < k; b++) {
          const ai = (((players[b] as number) * G + g) * P + p) * Y + y
          attribution[ai] = (attribution[ai] as number) + (phi[b] as number)
        }
      }
    }
  }
  if (issues.length > 0) return fail(dedupe(issues))
  return ok({
    years: r.years,
    regions: r.regions,
    sectors: r.sectors,
    groups: r.groups,
    measures: runs,
    counterfactual,
    scenario,
    attribution,
    sampledAttribution: sampled,
    ...(B > 0 ? { backcast: { years: prep.backcast.years, values: backcast } } : {}),
    stats: { records: r.inventory.n, classes: C.count },
  })
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const k = i.en.replace(/^in \d{4} /, '')
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
