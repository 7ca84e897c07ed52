import { echo, issue, fail, ok, type Issue, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Scenario } from '../schema'
import { annualAdoption } from './adoption'
import { own } from '../own'

const P = POLLUTANTS.length

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
 * What a measure contributes before any Monte Carlo multiplier: the schedule's annual adoption (zero when
 * disabled), the share scale and the removal fractions. Draws reuse it and apply their factors only.
 */
export interface MeasureBase {
  id: string
  enabled: boolean
  /** Annual mean adoption of the schedule, before the achieved-adoption factor and the share scale. */
  schedule: Float64Array
  /** (s1 − s0)/(1 − s0) for share measures, 1 otherwise. */
  scale: number
  removal: Float64Array
  params: Record<string, number>
}

/** Evaluate each measure's parameters, removal fractions and schedule once; parameter and share errors are issues. */
export function measureBases(r: ResolvedScenario, s: Scenario, file?: string): Result<MeasureBase[]> {
  const issues: Issue[] = []
  const bases = r.measures.map((m) => {
    const inst = s.measures[m.index]
    const path = ['measures', m.index]
    const t = m.template.spec
    const given = inst?.params ?? {}
    const params: Record<string, number> = Object.fromEntries(Object.entries(t.params).map(([k, d]) => [k, own(given, k) ?? d.default]))
    for (const [k, v] of Object.entries(given)) {
      const d = own(t.params, k)
      if (d && (v < d.min || v > d.max))
        issues.push(
          issue('scenario.param-range', `参数 ${echo(k)} = ${v} 超出范围 [${d.min}, ${d.max}]`, `parameter ${echo(k)} = ${v} is outside [${d.min}, ${d.max}]`, {
            file,
            path: [...path, 'params', k],
          }),
        )
    }
    const removal = new Float64Array(P)
    m.template.removal.forEach((e, k) => {
      if (!e) return
      const v = e.evaluate((name) => own(params, name))
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
        issues.push(
          issue(
            'measure.removal-range',
            `措施 ${echo(m.id)} 的 ${POLLUTANTS[k]} 去除率 ${String(v)} 不在 [0, 1] 内`,
            `measure ${echo(m.id)}: ${POLLUTANTS[k]} removal ${String(v)} is not within [0, 1]`,
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
            `措施 ${echo(m.id)}：须满足 s0 ≤ s1 ≤ 1 且 s0 < 1（s0=${s0}, s1=${s1}）`,
            `measure ${echo(m.id)}: need s0 ≤ s1 ≤ 1 and s0 < 1 (s0=${s0}, s1=${s1})`,
            { file, path: [...path, 'params'] },
          ),
        )
      else scale = (s1 - s0) / (1 - s0)
    }
    const enabled = inst?.enabled ?? true
    const schedule = enabled && inst ? scheduleSeries(inst.schedule, r.years) : new Float64Array(r.years.length)
    return { id: m.id, enabled, schedule, scale, removal, params }
  })
  return issues.length > 0 ? fail(issues) : ok(bases)
}

/** Write a measure's annual adoption under an achieved-adoption factor f into `out` (a zero schedule stays zero). */
export function adoptionInto(b: MeasureBase, f: number, out: Float64Array): void {
  const base = b.schedule
  for (let k = 0; k < base.length; k++) out[k] = Math.min(1, (base[k] as number) * f) * b.scale
}

/** Compute the dynamic numbers of each measure: parameters, removal fractions and annual adoption. */
export function measureRuns(r: ResolvedScenario, s: Scenario, file?: string, adoptionFactor?: Float64Array): Result<MeasureRun[]> {
  const bases = measureBases(r, s, file)
  if (!bases.ok) return bases
  return ok(
    bases.value.map((b, mi) => {
      const adoption = new Float64Array(r.years.length)
      if (b.enabled && s.measures[r.measures[mi]?.index ?? -1]) adoptionInto(b, adoptionFactor?.[mi] ?? 1, adoption)
      return { id: b.id, enabled: b.enabled, adoption, removal: Float64Array.from(b.removal), params: b.params }
    }),
  )
}

// Annual adoption depends only on the scenario's (immutable) schedule objects, so repeated runs of one scenario
// (Monte Carlo draws, sensitivity swings, slider drags of other measures) compute it once. Scenarios are
// replaced, never mutated, between edits; a new object gets new entries. Callers must not write into the series.
const scheduleCache = new WeakMap<object, Map<string, Float64Array>>()

function scheduleSeries(schedule: Scenario['measures'][number]['schedule'], years: readonly number[]): Float64Array {
  const key = `${years[0]}:${years.length}:${schedule.start}:${schedule.complete}:${schedule.level}:${schedule.shape}`
  let byKey = scheduleCache.get(schedule)
  if (!byKey) scheduleCache.set(schedule, (byKey = new Map()))
  let v = byKey.get(key)
  if (!v) byKey.set(key, (v = Float64Array.from(years, (y) => annualAdoption(schedule, y))))
  return v
}
