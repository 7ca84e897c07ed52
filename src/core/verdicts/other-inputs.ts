import { DEFAULT_INPUTS } from '../uncertainty/inputs'
import { POLLUTANTS } from '../schema'
import type { ResolvedTechnology } from '../resolve/library'
import { governingGrowth } from '../simulate/growth'
import type { RunOverrides } from '../simulate/run'
import type { GapEvaluator } from './evaluator'
import { inRange, tagOf } from './measure-inputs'
import { affineRoot, nearestRoot } from './solve'
import type { Assumption } from './types'

const P = POLLUTANTS.length

/**
 * Add the flip points of each technology EF that has a library range, for the inventory's technologies and the
 * targets of switch and share measures (closed form: the gap is affine in an EF multiplier). The multiplier scales
 * every emission computed with that technology: its records (their library EF or their observed emissions) in every
 * year, and the activity other measures switch to it; the activity switched away from it keeps its new
 * technology's EF. (Monte Carlo's EF inputs also scale the switched-away activity; see README.) The multiplier is
 * tried at 2, a power of two, so the switch EFs it rescales stay exact. Value, range and flip are in the library's
 * EF unit.
 */
export function* efAssumptions(ev: GapEvaluator, gaps0: Float64Array, out: Assumption[][]): Generator<string, void, void> {
  const { r } = ev.prep
  const C = r.classes
  // Each membership's class technology (an index into r.technologies) and its measure's target technology id.
  const memberTech = new Int32Array(C.members.length)
  for (let c = 0; c < C.count; c++) for (let j = C.memberStart[c] as number; j < (C.memberStart[c + 1] as number); j++) memberTech[j] = C.tech[c] as number
  const memberTo = Array.from(C.members, (mi) => r.measures[mi]?.to?.id)
  const techs = new Map<string, ResolvedTechnology>(r.technologies.map((t) => [t.id, t]))
  for (const m of r.measures) if (m.to && !techs.has(m.to.id)) techs.set(m.to.id, m.to)
  for (const tech of techs.values())
    for (const [k, p] of POLLUTANTS.entries()) {
      const q = tech.efSpec[k]
      if (!q || !q.range || !(q.value > 0)) continue
      const ti = r.technologies.indexOf(tech)
      const o: RunOverrides = {}
      if (ti >= 0) {
        o.efFactor = new Float64Array(r.technologies.length * P).fill(1)
        o.efFactor[ti * P + k] = 2
      }
      const switchEf = Float64Array.from(C.switchEf)
      let touched = false
      for (let j = 0; j < C.members.length; j++) {
        const f = (memberTo[j] === tech.id ? 2 : 1) / (memberTech[j] === ti ? 2 : 1)
        if (f === 1 || memberTo[j] === undefined) continue
        switchEf[j * P + k] = (switchEf[j * P + k] as number) * f
        touched = true
      }
      if (ti < 0 && !touched) continue
      const g1 = ev.gaps(o, undefined, touched ? switchEf : undefined)
      if (!g1) continue
      ev.base.forEach((target, t) => {
        if (target.pollutant !== p) return
        const f = affineRoot(1, gaps0[t] as number, 2, g1[t] as number)
        if (f === null) return
        const lo = Math.min(q.range?.[0] ?? q.value, q.value)
        const hi = Math.max(q.range?.[1] ?? q.value, q.value)
        out[t]?.push({
          kind: 'ef',
          technology: tech.id,
          pollutant: p,
          label: { zh: `${tech.label.zh} ${p} 排放因子`, en: `${tech.label.en} ${p} EF` },
          value: q.value,
          flip: inRange(q.value * f, lo, hi),
          range: [lo, hi],
          unit: q.unit,
          provenance: { kind: 'source', text: q.source },
          distance: null,
          method: 'closed-form',
        })
      })
      yield `${tech.id}:${p}`
    }
}

/**
 * Add the flip points of each growth entry's annual rate (and of each sector without one, as a shift from 0 %/yr),
 * within ±`spreadPp` percentage points of today's rate: the Monte Carlo range. Emissions grow as (1 + r)^n, not
 * linearly, so each flip is found by Brent's method on the full simulation, bracketed by the range's ends.
 */
export function* growthAssumptions(
  ev: GapEvaluator,
  gaps0: Float64Array,
  out: Assumption[][],
  spreadPp = DEFAULT_INPUTS.growthSpreadPp,
): Generator<string, void, void> {
  const { r } = ev.prep
  const s = ev.scenario
  const bySector = new Map<string, number[]>()
  r.sectors.forEach((sec, si) => {
    const key = governingGrowth(sec, s.growth)?.spec.sector ?? sec
    bySector.set(key, [...(bySector.get(key) ?? []), si])
  })
  for (const [sec, slots] of [...bySector.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const entry = s.growth.find((g) => g.sector === sec)
    const rate = entry && 'rate_pct' in entry ? entry.rate_pct : undefined
    const value = rate ?? 0
    const lo = Math.max(-99, value - spreadPp)
    const hi = value + spreadPp
    // A rate r' multiplies the series by ((1 + r')/(1 + r))^(y − y0): the run's growth-rate shift δ.
    const delta = (v: number) => (rate === undefined ? v / 100 : (1 + v / 100) / (1 + rate / 100) - 1)
    const memo = new Map<number, Float64Array | null>()
    const at = (v: number): Float64Array | null => {
      let g = memo.get(v)
      if (g === undefined) {
        const growthRateDelta = new Float64Array(r.sectors.length)
        for (const k of slots) growthRateDelta[k] = delta(v)
        memo.set(v, (g = ev.gaps({ growthRateDelta })))
      }
      return g
    }
    memo.set(value, gaps0)
    const gLo = at(lo)
    const gHi = at(hi)
    const label = r.library.sectors.get(sec)?.label ?? { zh: sec, en: sec }
    const prov = entry?.provenance
      ? tagOf(entry.provenance)
      : entry
        ? undefined
        : { kind: 'assumed' as const, text: 'no growth entry: activity held at the inventory year / 无增长设定：活动水平保持清单年水平' }
    ev.base.forEach((_, t) => {
      const g0 = gaps0[t] as number
      if (gLo?.[t] === g0 && gHi?.[t] === g0) return
      const flip = nearestRoot(ev.gapOf(t, at), value, g0, lo, hi)
      out[t]?.push({
        kind: 'growth',
        sector: sec,
        label:
          rate === undefined
            ? { zh: `${label.zh} 年增长率变动`, en: `${label.en} growth-rate shift` }
            : { zh: `${label.zh} 年增长率`, en: `${label.en} growth rate` },
        value,
        flip,
        range: [lo, hi],
        unit: '%/yr',
        ...(prov ? { provenance: prov } : {}),
        distance: null,
        method: 'root-finder',
      })
    })
    yield sec
  }
}
