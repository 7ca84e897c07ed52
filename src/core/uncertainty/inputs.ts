import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Label, type Scenario } from '../schema'
import type { RunOverrides } from '../simulate/run'
import { isPoint, type Distribution } from './distributions'
import { own } from '../own'

const P = POLLUTANTS.length

/** What an uncertain input multiplies or shifts in a run (the fields of `RunOverrides`). */
export type InputKind = 'ef' | 'removal' | 'growth' | 'adoption'

/**
 * One uncertain input: a distribution and the override slots it drives. `ef`, `removal` and `adoption` values
 * are multipliers (1 = as written); `growth` values are shifts of the annual growth rate (fraction per year).
 */
export interface UncertainInput {
  /** Stable id, e.g. `ef:boiler-coal:NOx`, `removal:lownox:NOx`, `growth:transport`, `adoption:lownox`. */
  id: string
  kind: InputKind
  label: Label
  /** Slots in the override array: technology × P + p (ef), measure × P + p (removal), sector (growth), measure (adoption). */
  slots: number[]
  dist: Distribution
  /** Where the distribution comes from. */
  basis: string
}

/** Defaults of the uncertain inputs (DESIGN §4.6). */
export interface InputDefaults {
  /** Relative half-width of a reduce measure's removal fraction when no range is known (0.1 = ±10 %). */
  removalSpread: number
  /** Half-width of the annual growth rate, in percentage points. */
  growthSpreadPp: number
  /** Achieved-adoption factor: triangular low/mode/high. */
  adoption: { low: number; mode: number; high: number }
}

/** Return the default spreads: removal ±10 %, growth ±1 pp, achieved adoption triangular 0.8/1/1. */
export const DEFAULT_INPUTS: InputDefaults = { removalSpread: 0.1, growthSpreadPp: 1, adoption: { low: 0.8, mode: 1, high: 1 } }

/** Return the growth entry (by sector) that governs a sector, as `growthSeries` picks it: the most specific ancestor. */
function governingGrowth(sector: string, s: Scenario): string | undefined {
  let best: string | undefined
  for (const g of s.growth) if ((sector === g.sector || sector.startsWith(`${g.sector}.`)) && (!best || g.sector.length > best.length)) best = g.sector
  return best
}

/**
 * List the uncertain inputs of a resolved scenario: each technology EF with a library `range` (log-triangular
 * low/value/high as multipliers, i.e. ln(multiplier) triangular over ln(low/value), 0, ln(high/value); linear
 * triangular when the range reaches 0), each reduce measure's removal per pollutant (triangular ±`removalSpread`),
 * the growth rate of each growth entry (uniform ±`growthSpreadPp`; sectors without an entry get their own input)
 * and the achieved adoption of each enabled measure. `overrides` replaces a distribution by id (null drops the input).
 */
export function defaultInputs(
  r: ResolvedScenario,
  s: Scenario,
  defaults: Partial<InputDefaults> = {},
  overrides: Record<string, Distribution | null> = {},
): UncertainInput[] {
  const d = { ...DEFAULT_INPUTS, ...defaults }
  const out: UncertainInput[] = []
  const push = (u: UncertainInput) => {
    const o = own(overrides, u.id)
    if (o === null) return
    if (o) out.push({ ...u, dist: o, basis: 'given' })
    else if (!isPoint(u.dist)) out.push(u)
  }
  r.technologies.forEach((t, ti) => {
    POLLUTANTS.forEach((p, k) => {
      const q = t.efSpec[k]
      if (!q || !q.range || !(q.value > 0)) return
      const low = Math.min(q.range[0], q.value) / q.value
      const high = Math.max(q.range[1], q.value) / q.value
      push({
        id: `ef:${t.id}:${p}`,
        kind: 'ef',
        label: { zh: `${t.label.zh} ${p} 排放因子`, en: `${t.label.en} ${p} EF` },
        slots: [ti * P + k],
        // Log scale: EF ranges are multiplicative (e.g. ×0.2–×5), and a linear triangular over them would put the
        // mean far above the library value. A range reaching 0 has no logarithm and stays linear.
        dist: low > 0 ? { kind: 'logtriangular', low, mode: 1, high } : { kind: 'triangular', low, mode: 1, high },
        basis: `library range [${q.range[0]}, ${q.range[1]}] ${q.unit}, value ${q.value}; ${low > 0 ? 'log-scale' : 'linear'} triangular, mode at the value`,
      })
    })
  })
  r.measures.forEach((m, mi) => {
    const inst = s.measures[m.index]
    if (!inst || !inst.enabled) return
    if (m.kind === 'reduce')
      POLLUTANTS.forEach((p, k) => {
        if (!m.template.removal[k]) return
        push({
          id: `removal:${m.id}:${p}`,
          kind: 'removal',
          label: { zh: `${inst.label.zh} ${p} 去除率`, en: `${inst.label.en} ${p} removal` },
          slots: [mi * P + k],
          dist: { kind: 'triangular', low: 1 - d.removalSpread, mode: 1, high: 1 + d.removalSpread },
          basis: `default ±${d.removalSpread * 100} % relative`,
        })
      })
  })
  const bySector = new Map<string, number[]>()
  r.sectors.forEach((sec, si) => {
    const key = governingGrowth(sec, s) ?? sec
    bySector.set(key, [...(bySector.get(key) ?? []), si])
  })
  for (const [sec, slots] of [...bySector.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const label = r.library.sectors.get(sec)?.label ?? { zh: sec, en: sec }
    const h = d.growthSpreadPp / 100
    push({
      id: `growth:${sec}`,
      kind: 'growth',
      label: { zh: `${label.zh} 年增长率`, en: `${label.en} growth rate` },
      slots,
      dist: { kind: 'uniform', low: -h, high: h },
      basis: `default ±${d.growthSpreadPp} percentage point(s) per year`,
    })
  }
  r.measures.forEach((m, mi) => {
    const inst = s.measures[m.index]
    if (!inst || !inst.enabled) return
    push({
      id: `adoption:${m.id}`,
      kind: 'adoption',
      label: { zh: `${inst.label.zh} 实际落实程度`, en: `${inst.label.en} achieved adoption` },
      slots: [mi],
      dist: { kind: 'triangular', ...d.adoption },
      basis: `default triangular ${d.adoption.low}/${d.adoption.mode}/${d.adoption.high}`,
    })
  })
  return out
}

/**
 * Build the run overrides for one set of input values (values[i] belongs to inputs[i]); absent inputs stay
 * neutral. Passing the overrides of the previous draw as `into` reuses their arrays (reset to neutral first).
 */
export function overridesFor(r: ResolvedScenario, inputs: readonly UncertainInput[], values: ArrayLike<number>, into?: RunOverrides): RunOverrides {
  const o: RunOverrides = into ?? {}
  o.efFactor?.fill(1)
  o.removalFactor?.fill(1)
  o.growthRateDelta?.fill(0)
  o.adoptionFactor?.fill(1)
  inputs.forEach((u, i) => {
    const v = values[i] as number
    if (u.kind === 'ef') {
      const a = (o.efFactor ??= new Float64Array(r.technologies.length * P).fill(1))
      for (const k of u.slots) a[k] = v
    } else if (u.kind === 'removal') {
      const a = (o.removalFactor ??= new Float64Array(r.measures.length * P).fill(1))
      for (const k of u.slots) a[k] = v
    } else if (u.kind === 'growth') {
      const a = (o.growthRateDelta ??= new Float64Array(r.sectors.length))
      for (const k of u.slots) a[k] = v
    } else {
      const a = (o.adoptionFactor ??= new Float64Array(r.measures.length).fill(1))
      for (const k of u.slots) a[k] = v
    }
  })
  return o
}
