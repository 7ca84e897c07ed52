import { evaluateTargets, type TargetResult } from '../evaluate/targets'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Scenario } from '../schema'
import { prepareRun, simulatePrepared } from '../simulate/run'
import { inRange, tagOf } from './measure-inputs'
import type { Assumption, ReferenceNote } from './types'

/**
 * Add, for each target, the flip of its own value (closed form, no simulation): a `reduction_pct` target flips at
 * the achieved reduction, a cap or an engineering amount at the projected tonnage; and, for a stated reference
 * tonnage (`value_t`), the tonnage at which the same projection would just meet the target, projected ÷ (1 − pct).
 */
export function referenceAssumptions(s: Scenario, base: readonly TargetResult[], out: Assumption[][]): void {
  base.forEach((tr, t) => {
    const spec = s.targets[t]
    if (!spec) return
    const who = { zh: `目标 ${spec.id}`, en: `target ${spec.id}` }
    const valueTag = tagOf(spec.provenance?.value)
    if (spec.kind === 'reduction_pct') {
      const ref = tr.reference ?? NaN
      out[t]?.push({
        kind: 'reference',
        param: 'value',
        label: { zh: `${who.zh}：要求削减比例`, en: `${who.en}: required reduction` },
        value: spec.value,
        flip: ref > 0 ? inRange((1 - tr.projected / ref) * 100, -100, 100) : null,
        range: [-100, 100],
        unit: '%',
        ...(valueTag ? { provenance: valueTag } : {}),
        distance: null,
        method: 'closed-form',
      })
      if ('value_t' in spec.reference) {
        const refTag = tagOf(spec.provenance?.reference)
        out[t]?.push({
          kind: 'reference',
          param: 'value_t',
          label: { zh: `${who.zh}：${spec.reference.year} 年基准排放量`, en: `${who.en}: ${spec.reference.year} reference emission` },
          value: spec.reference.value_t,
          flip: spec.value < 100 ? inRange(tr.projected / (1 - spec.value / 100), 0, Infinity) : null,
          range: [0, Infinity],
          unit: 't',
          ...(refTag ? { provenance: refTag } : {}),
          distance: null,
          method: 'closed-form',
        })
      }
      return
    }
    out[t]?.push({
      kind: 'reference',
      param: 'value',
      label:
        spec.kind === 'cap_t'
          ? { zh: `${who.zh}：排放上限`, en: `${who.en}: emission cap` }
          : { zh: `${who.zh}：重点工程减排量`, en: `${who.en}: required credited reduction` },
      value: spec.value,
      flip: inRange(tr.projected, 0, Infinity),
      range: [0, Infinity],
      unit: 't',
      ...(valueTag ? { provenance: valueTag } : {}),
      distance: null,
      method: 'closed-form',
    })
  })
}

/**
 * Return how each `reduction_pct` target's reference is built and, for a stated tonnage before the inventory year,
 * what the growth back-cast of the same inventory gives and the verdict with it (one more simulation; left out
 * when the growth cannot be back-cast, e.g. an index series).
 */
export function referenceNotes(
  r: ResolvedScenario,
  s: Scenario,
  base: readonly TargetResult[],
  file?: string,
): { notes: (ReferenceNote | undefined)[]; runs: number } {
  const stated = s.targets.map((t) => t.kind === 'reduction_pct' && 'value_t' in t.reference && t.reference.year < r.y0)
  let alt: TargetResult[] | undefined
  let runs = 0
  if (stated.some(Boolean)) {
    const s2: Scenario = {
      ...s,
      targets: s.targets.map((t, i) =>
        stated[i] && t.kind === 'reduction_pct' ? { ...t, reference: { year: t.reference.year, backcast: 'growth' as const } } : t,
      ),
    }
    const prep = prepareRun(r, s2, file)
    const pr = prep.ok ? simulatePrepared(prep.value, { attribution: false }) : undefined
    if (pr) runs++
    const ev = pr?.ok ? evaluateTargets(pr.value, s2, file) : undefined
    if (ev && ev.issues.length === 0) alt = ev.results
  }
  const notes = base.map((tr, t): ReferenceNote | undefined => {
    const spec = s.targets[t]
    if (spec?.kind !== 'reduction_pct') return undefined
    const ref = spec.reference
    const method = 'value_t' in ref ? 'stated' : 'backcast' in ref ? 'backcast' : 'projected'
    const a = stated[t] ? alt?.[t] : undefined
    return {
      method,
      year: ref.year,
      value: tr.reference ?? NaN,
      ...(a ? { backcast: { value: a.reference ?? NaN, met: a.met, gapT: a.gapT } } : {}),
    }
  })
  return { notes, runs }
}
