import type { Issue } from '../issues'
import { echo, issue } from '../issues'
import { hasOwn, own } from '../own'
import { POLLUTANTS, provenanceOf, type Provenance, type Scenario } from '../schema'
import { measureBase, type MeasureBase } from '../simulate/measure-runs'
import type { GapEvaluator } from './evaluator'
import { affineRoot, solveScalar } from './solve'
import type { Assumption } from './types'

type Instance = Scenario['measures'][number]

/** Return a provenance entry as the report shows it. */
export const tagOf = (p: Provenance | undefined): Assumption['provenance'] => (p ? provenanceOf(p) : undefined)

/**
 * Return the highest final level of measure `mi` that keeps every stage sum at or below 100 % for every class it
 * shares with other cut (or switch/share) measures in every year, the others held at their levels; 1 for reduce
 * measures. `atOne` is the measure at level 1.
 */
export function levelCap(ev: GapEvaluator, mi: number, atOne: MeasureBase): number {
  const { r, bases, kindCode } = ev.prep
  const kind = kindCode[mi]
  if (r.measures[mi]?.kind === 'reduce') return 1
  const C = r.classes
  const Y = r.years.length
  let cap = 1
  for (let c = 0; c < C.count; c++) {
    const m0 = C.memberStart[c] as number
    const m1 = C.memberStart[c + 1] as number
    let inClass = false
    for (let j = m0; j < m1; j++) if (C.members[j] === mi) inClass = true
    if (!inClass) continue
    for (let y = 0; y < Y; y++) {
      const own = Math.min(1, atOne.schedule[y] as number) * atOne.scale
      if (!(own > 0)) continue
      let others = 0
      for (let j = m0; j < m1; j++) {
        const o = C.members[j] as number
        const b = bases[o]
        if (o === mi || !b?.enabled || kindCode[o] !== kind) continue
        others += Math.min(1, b.schedule[y] as number) * b.scale
      }
      cap = Math.min(cap, (1 - others) / own)
    }
  }
  return Math.max(0, Math.min(1, cap))
}

/**
 * Add the flip points of each enabled measure's final level (closed form: a target's gap is affine in one level,
 * so the gap at today's level and at 0, or at the cap, give the root exactly). `gaps0` are today's gaps.
 */
export function* levelAssumptions(ev: GapEvaluator, gaps0: Float64Array, out: Assumption[][]): Generator<string, void, void> {
  const { r } = ev.prep
  const s = ev.scenario
  for (const [mi, m] of r.measures.entries()) {
    const inst = s.measures[m.index]
    if (!inst?.enabled) continue
    const sink: Issue[] = []
    const atOne = measureBase(r, mi, withLevel(inst, 1), sink)
    const cap = levelCap(ev, mi, atOne)
    const L0 = inst.schedule.level
    const L1 = L0 > 0 ? 0 : cap
    if (L1 === L0) continue
    const g1 = ev.gaps({}, { measure: mi, base: measureBase(r, mi, withLevel(inst, L1), sink) })
    if (!g1) continue
    ev.base.forEach((_, t) => {
      const root = affineRoot(L0, gaps0[t] as number, L1, g1[t] as number)
      if (root === null) return
      out[t]?.push({
        kind: 'level',
        measure: m.id,
        label: { zh: `${inst.label.zh}：最终落实比例`, en: `${inst.label.en}: final level` },
        value: L0,
        flip: inRange(root, 0, cap),
        range: [0, cap],
        unit: '1',
        ...(tagOf(inst.provenance?.level) ? { provenance: tagOf(inst.provenance?.level) } : {}),
        distance: null,
        method: 'closed-form',
      })
    })
    yield m.id
  }
}

/**
 * Add the flip points of each enabled measure's parameters that enter its removal fractions (reduce) or its share
 * scale (share). The gap is affine in the removal fraction of the target's pollutant and in the share scale, so
 * two simulations give the value q* of that quantity at which the verdict flips; the parameter's flip is then
 * where the measure's own formula gives q* (Brent on the formula alone, no simulation). A parameter a selector
 * reads changes which records the measure takes; it is left out with a warning.
 */
export function* paramAssumptions(ev: GapEvaluator, gaps0: Float64Array, out: Assumption[][], warnings: Issue[]): Generator<string, void, void> {
  const { r } = ev.prep
  const s = ev.scenario
  for (const [mi, m] of r.measures.entries()) {
    const inst = s.measures[m.index]
    const base = ev.prep.bases[mi]
    if (!inst?.enabled || !base) continue
    const defs = m.template.spec.params
    const selects = new Set([...m.selector.symbols, ...(m.scope?.symbols ?? [])])
    for (const k of Object.keys(defs))
      if (selects.has(k))
        warnings.push(
          issue(
            'verdicts.param-selects',
            `措施 ${echo(m.id)} 的参数 ${echo(k)} 决定选中哪些记录，未计算其翻转点`,
            `measure ${echo(m.id)}: parameter ${echo(k)} decides which records the measure selects; its flip point is not computed`,
            { ...(ev.prep.file ? { file: ev.prep.file } : {}), path: ['measures', m.index, 'params', k], severity: 'warning' },
          ),
        )
    // The quantities the parameters act through: a removal fraction per pollutant, or the share scale.
    const channels: { pollutant?: number; params: string[] }[] =
      m.kind === 'reduce'
        ? m.template.removal.flatMap((e, p) => (e ? [{ pollutant: p, params: Object.keys(defs).filter((k) => e.symbols.has(k) && !selects.has(k)) }] : []))
        : m.kind === 'share'
          ? [{ params: ['s0', 's1'].filter((k) => hasOwn(defs, k) && !selects.has(k)) }]
          : []
    for (const ch of channels) {
      if (ch.params.length === 0) continue
      const read = (b: MeasureBase) => (ch.pollutant === undefined ? b.scale : (b.removal[ch.pollutant] as number))
      const q0 = read(base)
      const q1 = q0 > 0.5 ? 0 : 1
      const g1 = ev.gaps({}, { measure: mi, base: withChannel(base, ch.pollutant, q1) })
      if (!g1) continue
      ev.base.forEach((target, t) => {
        if (ch.pollutant !== undefined && POLLUTANTS.indexOf(target.pollutant) !== ch.pollutant) return
        const qStar = affineRoot(q0, gaps0[t] as number, q1, g1[t] as number)
        if (qStar === null) return
        for (const k of ch.params) {
          const d = own(defs, k)
          if (!d) continue
          const value = own(base.params, k) as number
          const q = (v: number): number => {
            const sink: Issue[] = []
            const b = measureBase(r, mi, { ...inst, params: { ...inst.params, [k]: v } }, sink)
            return sink.length > 0 ? NaN : read(b)
          }
          const roots = (gaps0[t] as number) === 0 ? [value] : solveScalar(q, qStar, d.min, d.max)
          const flip = roots.length === 0 ? null : roots.reduce((a, b) => (Math.abs(b - value) < Math.abs(a - value) ? b : a))
          const prov = tagOf(inst.provenance ? own(inst.provenance, `params.${k}`) : undefined)
          out[t]?.push({
            kind: 'param',
            measure: m.id,
            param: k,
            label: { zh: `${inst.label.zh}：${d.label.zh}`, en: `${inst.label.en}: ${d.label.en}` },
            value,
            flip,
            range: [d.min, d.max],
            unit: d.unit,
            ...(prov ? { provenance: prov } : {}),
            distance: null,
            method: 'closed-form',
          })
        }
      })
    }
    yield m.id
  }
}

/** Return a copy of a measure instance with another final level. */
function withLevel(inst: Instance, level: number): Instance {
  return { ...inst, schedule: { ...inst.schedule, level } }
}

/** Return a copy of a measure base with one removal fraction (or, without a pollutant, the share scale) replaced. */
function withChannel(b: MeasureBase, pollutant: number | undefined, q: number): MeasureBase {
  if (pollutant === undefined) return { ...b, scale: q }
  const removal = Float64Array.from(b.removal)
  removal[pollutant] = q
  return { ...b, removal }
}

/** Return x when it lies in [lo, hi] (to rounding), else null. */
export function inRange(x: number, lo: number, hi: number): number | null {
  const eps = 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi))
  if (x < lo - eps || x > hi + eps) return null
  return Math.min(hi, Math.max(lo, x))
}
