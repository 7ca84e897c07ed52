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
  source: string
}

/** Return a template's unit cost, or undefined when it has none. */
export function unitCostOf(r: ResolvedScenario, mi: number): UnitCost | undefined {
  const c = r.measures[mi]?.template.spec.cost
  if (!c) return undefined
  const slash = c.unit.indexOf('/')
  return { value: c.value, per: slash >= 0 ? c.unit.slice(slash + 1).trim() : c.unit, ...(c.range ? { range: c.range } : {}), source: c.source }
}

/** Activity affected by each measure, per year, in the unit of the measure's cost. */
export interface AffectedActivity {
  /** [measure × Y + y], in the cost's activity unit (the class technology's unit when the measure has no cost). */
  activity: Float64Array
  /** Per measure: the unit `activity` is in. */
  unit: string[]
  /** 1 for a measure whose cost unit does not fit a selected technology's activity unit. */
  badUnit: Uint8Array
  /** Warnings for those measures. */
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
  const factor = (mi: number, tech: number): number => {
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
    if (Number.isNaN(f) && !badUnit[mi]) {
      badUnit[mi] = 1
      issues.push(
        issue(
          'cost.unit',
          `措施 ${echo(r.measures[mi]?.id)} 的成本单位 CNY/${c.per} 与技术 ${echo(t.id)} 的活动水平单位 ${t.activityUnit} 不符`,
          `measure ${echo(r.measures[mi]?.id)}: cost unit CNY/${c.per} does not fit technology ${echo(t.id)} activity unit ${t.activityUnit}`,
          { ...(file ? { file } : {}), severity: 'warning' },
        ),
      )
    }
    return f
  }
  for (let c = 0; c < C.count; c++) {
    const g = growth[r.groups[C.group[c] as number]?.sector ?? 0] as Float64Array
    const a = C.sumA[c] as number
    for (let j = C.memberStart[c] as number; j < (C.memberStart[c + 1] as number); j++) {
      const mi = C.members[j] as number
      const x = runs[mi]?.adoption
      if (!x) continue
      const f = factor(mi, C.tech[c] as number)
      for (let y = 0; y < Y; y++) activity[mi * Y + y] = (activity[mi * Y + y] as number) + a * f * (g[y] as number) * (x[y] as number)
    }
  }
  return { activity, unit, badUnit, issues }
}
