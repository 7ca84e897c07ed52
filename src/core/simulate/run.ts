import { issue, fail, ok, type Issue, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Scenario } from '../schema'
import { growthBefore, growthSeries, powInt } from './growth'
import { EmissionGame, KIND } from './emission'
import { adoptionInto, measureBases, type MeasureBase, type MeasureRun } from './measure-runs'
import { attributionIndex as attributionIndexOf, attributionLength, seriesIndex as seriesIndexOf, seriesLength, type Projection } from './projection'
import { shapleyInto as shapley } from './shapley'

// Module-local copies for the hot loop: under a transpiler (tsx, vitest) each use of an imported binding is a
// getter call.
const CUT = KIND.cut
const SWITCH = KIND.switch
const REDUCE = KIND.reduce
const seriesIndex = seriesIndexOf
const attributionIndex = attributionIndexOf
const shapleyInto = shapley

const P = POLLUTANTS.length
/** Stage fractions may exceed 1 by rounding only. */
const STAGE_TOLERANCE = 1e-9
/** The game of one class-year (simulate is synchronous, so one run at a time uses it); grows with the measure count. */
const game = new EmissionGame()
/** Per player of the class-year: its measure and its membership (for κ·ef_to), and the Shapley values. */
let players = new Int32Array(16)
let playerPos = new Int32Array(16)
let phi = new Float64Array(16)

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
  const M = r.measures.length
  const C = r.classes
  const shape = { groups: r.groups.length, years: Y }
  // Flat, typed per-measure inputs: the hot loop below allocates nothing and creates no closures.
  const X = scratch ? (scratch.X = sized(scratch.X, M * Y)) : new Float64Array(M * Y)
  const R = scratch ? (scratch.R = sized(scratch.R, M * P)) : new Float64Array(M * P)
  const runs: MeasureRun[] = bases.map((b, mi) => {
    const adoption = X.subarray(mi * Y, (mi + 1) * Y)
    if (b.enabled) adoptionInto(b, o.adoptionFactor?.[mi] ?? 1, adoption)
    const removal = R.subarray(mi * P, (mi + 1) * P)
    removal.set(b.removal)
    if (o.removalFactor) for (let k = 0; k < P; k++) removal[k] = Math.min(1, Math.max(0, (removal[k] ?? NaN) * (o.removalFactor[mi * P + k] ?? 1)))
    return { id: b.id, enabled: b.enabled, adoption, removal, params: b.params }
  })
  // Growth per sector (group's sector), shifted by the draw's rate delta where there is one.
  const growth = prep.growth.map((base, si) => {
    const d = o.growthRateDelta?.[si] ?? 0
    if (d === 0) return base
    const g = scratch ? (scratch.growth[si] = sized(scratch.growth[si] ?? new Float64Array(0), Y)) : new Float64Array(Y)
    r.years.forEach((year, k) => (g[k] = (base[k] ?? NaN) * powInt(1 + d, year - r.y0)))
    return g
  })
  const n = seriesLength(shape)
  const counterfactual = scratch ? (scratch.counterfactual = sized(scratch.counterfactual, n)) : new Float64Array(n)
  const scenario = scratch ? (scratch.scenario = sized(scratch.scenario, n)) : new Float64Array(n)
  // Back-cast reference years: the counterfactual before the inventory year (no measures), with the run's EF
  // multipliers and growth-rate shifts, so a back-cast reference moves with them.
  const G = shape.groups
  const B = prep.backcast.years.length
  const backcast = new Float64Array(G * P * B)
  const backGrowth = prep.backcast.growth.map((base, si) => {
    const d = o.growthRateDelta?.[si] ?? 0
    return d === 0 ? base : base.map((v, b) => v / powInt(1 + d, r.y0 - (prep.backcast.years[b] ?? NaN)))
  })
  const withAttribution = o.attribution !== false
  const attribution = new Float64Array(withAttribution ? attributionLength(shape, M) : 0)
  const issues: Issue[] = []
  if (players.length < M) {
    players = new Int32Array(M)
    playerPos = new Int32Array(M)
    phi = new Float64Array(M)
  }
  game.reserve(M)
  for (let c = 0; c < C.count; c++) {
    const g = C.group[c] ?? -1
    const gs = growth[r.groups[g]?.sector ?? -1]
    if (!gs) throw new RangeError(`class ${c} has no growth series`)
    const m0 = C.memberStart[c] ?? 0
    const m1 = C.memberStart[c + 1] ?? 0
    const tf = o.efFactor ? (C.tech[c] ?? NaN) * P : -1
    game.a = C.sumA[c] ?? NaN
    if (B > 0) {
      const gb = backGrowth[r.groups[g]?.sector ?? -1]
      if (!gb) throw new RangeError(`class ${c} has no back-cast growth`)
      for (let p = 0; p < P; p++) {
        const ae = (C.sumAE[c * P + p] ?? NaN) * (tf >= 0 ? (o.efFactor?.[tf + p] ?? 1) : 1)
        for (let b = 0; b < B; b++) backcast[(g * P + p) * B + b] = (backcast[(g * P + p) * B + b] ?? NaN) + ae * (gb[b] ?? NaN)
      }
    }
    for (let y = 0; y < Y; y++) {
      // Players this year: measures of the class with non-zero adoption, in canonical order.
      let k = 0
      let cutSum = 0
      let switchSum = 0
      for (let j = m0; j < m1; j++) {
        const mi = C.members[j] ?? -1
        const x = X[mi * Y + y] ?? NaN
        if (!(x > 0)) continue
        const kd = kindCode[mi] ?? -1
        players[k] = mi
        playerPos[k] = j
        game.kind[k] = kd
        game.x[k] = x
        k++
        if (kd === CUT) cutSum += x
        else if (kd === SWITCH) switchSum += x
      }
      game.k = k
      if (cutSum > 1 + STAGE_TOLERANCE || switchSum > 1 + STAGE_TOLERANCE) {
        issues.push(stageIssue(r, c, y, players.subarray(0, k), cutSum, switchSum, file))
        continue
      }
      game.G = gs[y] ?? NaN
      for (let p = 0; p < P; p++) {
        const ef = tf >= 0 ? (o.efFactor?.[tf + p] ?? 1) : 1
        const ae = (C.sumAE[c * P + p] ?? NaN) * ef
        const base = game.G * ae
        const idx = seriesIndex(shape, g, p, y)
        counterfactual[idx] = (counterfactual[idx] ?? NaN) + base
        if (k === 0) {
          scenario[idx] = (scenario[idx] ?? NaN) + base
          continue
        }
        game.ae = ae
        for (let b = 0; b < k; b++) {
          const mi = players[b] ?? -1
          const kd = game.kind[b]
          const x = game.x[b] ?? NaN
          game.xr[b] = kd === REDUCE ? x * (R[mi * P + p] ?? NaN) : 0
          game.e[b] = kd === SWITCH ? x * (C.switchEf[(playerPos[b] ?? -1) * P + p] ?? NaN) * ef : 0
        }
        // The scenario total is the full coalition's emission, computed directly: it never depends on attribution.
        scenario[idx] = (scenario[idx] ?? NaN) + game.total()
        if (!withAttribution) continue
        shapleyInto(game, phi)
        for (let b = 0; b < k; b++) {
          const ai = attributionIndex(shape, players[b] ?? -1, g, p, y)
          attribution[ai] = (attribution[ai] ?? NaN) + (phi[b] ?? NaN)
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
    ...(B > 0 ? { backcast: { years: prep.backcast.years, values: backcast } } : {}),
    stats: { records: r.inventory.n, classes: C.count },
  })
}

/** The error for a class-year whose cut or switch fractions add up to more than 100 %. */
function stageIssue(r: ResolvedScenario, c: number, y: number, active: Int32Array, cutSum: number, switchSum: number, file?: string): Issue {
  const stage = cutSum > 1 + STAGE_TOLERANCE ? 'cut' : 'switch'
  const names = Array.from(active)
    .filter((mi) => {
      const kind = r.measures[mi]?.kind
      return stage === 'cut' ? kind === 'cut' : kind === 'switch' || kind === 'share'
    })
    .map((mi) => r.measures[mi]?.id)
  const i = r.classes.firstRecord[c] ?? -1
  const n = r.classes.records[c] ?? 0
  const pct = Math.round((stage === 'cut' ? cutSum : switchSum) * 1000) / 10
  return issue(
    'scenario.stage-over-100',
    `${r.years[y]} 年措施 ${names.join('、')} 合计${stage === 'cut' ? '削减' : '转移'}同一批记录（如 ${r.inventory.ids[i]}，共 ${n} 条记录）的 ${pct}%，超过 100%`,
    `in ${r.years[y]} measures ${names.join(', ')} together ${stage === 'cut' ? 'cut' : 'move'} ${pct} % of the same records (e.g. ${r.inventory.ids[i]}; ${n} record${n === 1 ? '' : 's'} alike), more than 100 %`,
    { ...(file ? { file } : {}), path: ['measures'] },
  )
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
