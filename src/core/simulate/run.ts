import { issue, fail, ok, type Issue, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Scenario } from '../schema'
import { annualAdoption } from './adoption'
import { growthSeries } from './growth'
import { MaskScratch, CUT, REDUCE, SWITCH } from './coalitions'
import { shapleySampled, shapleyValues, EXACT_PLAYER_LIMIT } from './shapley'

const P = POLLUTANTS.length
/** Stage fractions may exceed 1 by rounding only. */
const STAGE_TOLERANCE = 1e-9
/** Coalition scratch shared by all runs (simulate is synchronous, so one at a time). */
const S = new MaskScratch()

/** The numbers a run produces for one measure. */
export interface MeasureRun {
  id: string
  enabled: boolean
  /** Annual mean adoption per year; for share measures the moved fraction (s(y) − s0)/(1 − s0). */
  adoption: Float64Array
  /** Removal fraction per pollutant (reduce measures). */
  removal: Float64Array
  params: Record<string, number>
}

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

/** Compute the dynamic numbers of each measure: parameters, removal fractions and annual adoption. */
export function measureRuns(r: ResolvedScenario, s: Scenario, file?: string, adoptionFactor?: Float64Array): Result<MeasureRun[]> {
  const issues: Issue[] = []
  const runs = r.measures.map((m, mi) => {
    const inst = s.measures[m.index]
    const path = ['measures', m.index]
    const t = m.template.spec
    const params: Record<string, number> = {}
    for (const [k, d] of Object.entries(t.params)) params[k] = inst?.params[k] ?? d.default
    for (const [k, v] of Object.entries(inst?.params ?? {})) {
      const d = t.params[k]
      if (d && (v < d.min || v > d.max))
        issues.push(
          issue('scenario.param-range', `参数 "${k}" = ${v} 超出范围 [${d.min}, ${d.max}]`, `parameter "${k}" = ${v} is outside [${d.min}, ${d.max}]`, {
            file,
            path: [...path, 'params', k],
          }),
        )
    }
    const removal = new Float64Array(P)
    m.template.removal.forEach((e, k) => {
      if (!e) return
      const v = e.evaluate((name) => params[name])
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
        issues.push(
          issue(
            'measure.removal-range',
            `措施 "${m.id}" 的 ${POLLUTANTS[k]} 去除率 ${String(v)} 不在 [0, 1] 内`,
            `measure "${m.id}": ${POLLUTANTS[k]} removal ${String(v)} is not within [0, 1]`,
            { file, path: [...path, 'params'] },
          ),
        )
      else removal[k] = v
    })
    let scale = 1
    if (m.kind === 'share') {
      const s0 = params.s0 ?? 0
      const s1 = params.s1 ?? 0
      if (!(s0 < 1) || s1 < s0 || s1 > 1)
        issues.push(
          issue(
            'measure.share-range',
            `措施 "${m.id}"：须满足 s0 ≤ s1 ≤ 1 且 s0 < 1（s0=${s0}, s1=${s1}）`,
            `measure "${m.id}": need s0 ≤ s1 ≤ 1 and s0 < 1 (s0=${s0}, s1=${s1})`,
            { file, path: [...path, 'params'] },
          ),
        )
      else scale = (s1 - s0) / (1 - s0)
    }
    const enabled = inst?.enabled ?? true
    const f = adoptionFactor?.[mi] ?? 1
    const adoption = new Float64Array(r.years.length)
    if (enabled && inst) {
      const base = scheduleSeries(inst.schedule, r.years)
      for (let k = 0; k < base.length; k++) adoption[k] = Math.min(1, (base[k] as number) * f) * scale
    }
    return { id: m.id, enabled, adoption, removal, params }
  })
  return issues.length > 0 ? fail(issues) : ok(runs)
}

// Annual adoption and growth depend only on the scenario's (immutable) schedule and growth objects, so repeated
// runs of one scenario (Monte Carlo draws, sensitivity swings) compute them once. Scenarios are replaced, never
// mutated, between edits; a new object gets new entries.
const scheduleCache = new WeakMap<object, Map<string, Float64Array>>()
const growthCache = new WeakMap<object, { signature: string; y0: number; years: number; bySector: Map<string, Float64Array | Issue> }>()

function scheduleSeries(schedule: Scenario['measures'][number]['schedule'], years: readonly number[]): Float64Array {
  const key = `${years[0]}:${years.length}:${schedule.start}:${schedule.complete}:${schedule.level}:${schedule.shape}`
  let byKey = scheduleCache.get(schedule)
  if (!byKey) scheduleCache.set(schedule, (byKey = new Map()))
  let v = byKey.get(key)
  if (!v) byKey.set(key, (v = Float64Array.from(years, (y) => annualAdoption(schedule, y))))
  return v
}

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

/** Simulate a resolved scenario (DESIGN §4.2–4.4). Expected failures come back as issues. */
export function simulate(r: ResolvedScenario, s: Scenario, file?: string, o: RunOverrides = {}): Result<Projection> {
  const mr = measureRuns(r, s, file, o.adoptionFactor)
  if (!mr.ok) return mr
  const runs = mr.value
  if (o.removalFactor) {
    runs.forEach((m, mi) => {
      for (let k = 0; k < P; k++) m.removal[k] = Math.min(1, Math.max(0, (m.removal[k] as number) * (o.removalFactor?.[mi * P + k] ?? 1)))
    })
  }
  const Y = r.years.length
  const G = r.groups.length
  const M = r.measures.length
  const C = r.classes
  // Growth per sector (group's sector).
  const growth: Float64Array[] = []
  const table = growthTable(s.growth, r.y0, r.years)
  for (const sec of r.sectors) {
    let cached = table.get(sec)
    if (cached === undefined) table.set(sec, (cached = growthSeries(sec, s.growth, r.y0, r.years)))
    if (!(cached instanceof Float64Array)) return fail([{ ...cached, ...(file ? { file } : {}) }])
    const g = new Float64Array(cached)
    const d = o.growthRateDelta?.[growth.length] ?? 0
    if (d !== 0) r.years.forEach((y, k) => (g[k] = (g[k] as number) * (1 + d) ** (y - r.y0)))
    growth.push(g)
  }
  const counterfactual = new Float64Array(G * P * Y)
  const scenario = new Float64Array(G * P * Y)
  const attribution = new Float64Array(o.attribution === false ? 0 : M * G * P * Y)
  let sampled = false
  const issues: Issue[] = []
  const kind = r.measures.map((m) => m.kind)
  // Flat, typed per-measure inputs: the hot loop below allocates nothing and creates no closures.
  const kindCode = new Int8Array(M)
  const X = new Float64Array(M * Y)
  const R = new Float64Array(M * P)
  r.measures.forEach((m, mi) => {
    kindCode[mi] = m.kind === 'cut' ? CUT : m.kind === 'reduce' ? REDUCE : SWITCH
    const run = runs[mi] as MeasureRun
    X.set(run.adoption.subarray(0, Y), mi * Y)
    R.set(run.removal.subarray(0, P), mi * P)
  })
  const withAttribution = o.attribution !== false
  const players = new Int32Array(Math.max(1, M))
  const playerPos = new Int32Array(Math.max(1, M))
  const phi = new Float64Array(64)
  for (let c = 0; c < C.count; c++) {
    const g = C.group[c] as number
    const gs = growth[r.groups[g]?.sector ?? 0] as Float64Array
    const a = C.sumA[c] as number
    const m0 = C.memberStart[c] as number
    const m1 = C.memberStart[c + 1] as number
    const tf = o.efFactor ? (C.tech[c] as number) * P : -1
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
          .filter((mi) => (stage === 'cut' ? kind[mi] === 'cut' : kind[mi] === 'switch' || kind[mi] === 'share'))
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
