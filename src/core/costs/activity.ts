import { echo, issue, type Issue } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Scenario } from '../schema'
import { growthSeries } from '../simulate/growth'
import type { MeasureRun } from '../simulate/measure-runs'
import { isProblem } from '../units/unit-system'

/** A measure's unit cost with its activity unit split off ("CNY/t" → per "t"). */
export interface UnitCost {
  /** CNY per `per` of activity affected per year. */
  value: number
  per: string
  range?: [number, number]
  /** Sectors whose technologies' activity the unit counts (absent: any technology whose unit converts). */
  sectors?: string[]
  source: string
}

/** Return a template's unit cost, or undefined when it has none. */
export function unitCostOf(r: ResolvedScenario, mi: number): UnitCost | undefined {
  const c = r.measures[mi]?.template.spec.cost
  if (!c) return undefined
  const slash = c.unit.indexOf('/')
  return {
    value: c.value,
    per: slash >= 0 ? c.unit.slice(slash + 1).trim() : c.unit,
    ...(c.range ? { range: c.range } : {}),
    ...(c.sectors ? { sectors: c.sectors } : {}),
    source: c.source,
  }
}

/** Activity affected by each measure, per year, in the unit of the measure's cost. */
export interface AffectedActivity {
  /** [measure × Y + y], in the cost's activity unit (the class technology's unit when the measure has no cost). */
  activity: Float64Array
  /** Per measure: the unit `activity` is in. */
  unit: string[]
  /** 1 for a measure whose cost unit does not fit a selected technology's activity (unit or sector). */
  badUnit: Uint8Array
  /** Errors for those measures, naming the measure, the technology and a record. */
  issues: Issue[]
}

/**
 * Return the activity each measure affects in each year: Σ over the classes it selects of class activity × sector
 * growth × the measure's adoption (for share measures the moved fraction), converted to the unit of its cost.
 * Reads the resolved classes only.
 */
export function affectedActivity(r: ResolvedScenario, s: Scenario, runs: readonly MeasureRun[], file?: string): AffectedActivity {
  const Y = r.years.length
  const M = r.measures.length
  const C = r.classes
  const activity = new Float64Array(M * Y)
  const issues: Issue[] = []
  const badUnit = new Uint8Array(M)
  const growth = r.sectors.map((sec) => {
    const g = growthSeries(sec, s.growth, r.y0, r.years)
    return g instanceof Float64Array ? g : new Float64Array(Y).fill(1)
  })
  const costs = r.measures.map((_, mi) => unitCostOf(r, mi))
  const unit = r.measures.map((_, mi) => costs[mi]?.per ?? '')
  const factors = new Map<string, number>()
  // A unit cost counts one kind of activity: its unit must convert, and where the template names the sectors it
  // counts (a cost per t of coating used), the technology must belong to one (t of chemical product is not).
  const factor = (mi: number, tech: number, c0: number): number => {
    const c = costs[mi]
    const t = r.technologies[tech]
    if (t && !unit[mi]) unit[mi] = t.activityUnit
    if (!c || !t) return 1
    const key = `${t.activityUnit}→${c.per}`
    let f = factors.get(key)
    if (f === undefined) {
      const x = r.library.units.factor(t.activityUnit, c.per)
      f = isProblem(x) ? NaN : x
      factors.set(key, f)
    }
    const sectorOk = !c.sectors || c.sectors.some((sec) => t.sector === sec || t.sector.startsWith(`${sec}.`))
    if ((Number.isNaN(f) || !sectorOk) && !badUnit[mi]) {
      badUnit[mi] = 1
      // A switched-off measure costs nothing: its mismatch is not an error until it is switched on.
      if (!runs[mi]?.enabled) return NaN
      const m = r.measures[mi]
      const rec = r.inventory.ids[C.firstRecord[c0] as number] ?? ''
      const where = { ...(file ? { file } : {}), ...(m ? { path: ['measures', m.index] } : {}) }
      issues.push(
        Number.isNaN(f)
          ? issue(
              'cost.unit',
              `措施 ${echo(m?.id)} 的成本单位 CNY/${c.per} 与技术 ${echo(t.id)}（如记录 ${rec}）的活动水平单位 ${t.activityUnit} 不符`,
              `measure ${echo(m?.id)}: cost unit CNY/${c.per} does not fit the activity unit ${t.activityUnit} of technology ${echo(t.id)} (e.g. record ${rec})`,
              where,
            )
          : issue(
              'cost.activity',
              `措施 ${echo(m?.id)} 的成本（模板 ${m?.template.spec.id}，CNY/${c.per}）按 ${c.sectors?.join('、')} 行业的活动水平计，不适用于技术 ${echo(t.id)}（${t.sector}，如记录 ${rec}）的 ${t.activityUnit}`,
              `measure ${echo(m?.id)}: the cost of template ${m?.template.spec.id} (CNY/${c.per}) counts the activity of ${c.sectors?.join(', ')}; it does not apply to the ${t.activityUnit} of technology ${echo(t.id)} (${t.sector}, e.g. record ${rec})`,
              where,
            ),
      )
    }
    return sectorOk ? f : NaN
  }
  for (let c = 0; c < C.count; c++) {
    const g = growth[r.groups[C.group[c] ?? -1]?.sector ?? -1]
    if (!g) throw new RangeError(`class ${c} has no growth series`)
    const a = C.sumA[c] ?? NaN
    for (let j = C.memberStart[c] ?? 0; j < (C.memberStart[c + 1] ?? 0); j++) {
      const mi = C.members[j] ?? -1
      const x = runs[mi]?.adoption
      if (!x) continue
      const f = factor(mi, C.tech[c] ?? -1, c)
      for (let y = 0; y < Y; y++) activity[mi * Y + y] = (activity[mi * Y + y] ?? NaN) + a * f * (g[y] ?? NaN) * (x[y] ?? NaN)
    }
  }
  return { activity, unit, badUnit, issues }
}
