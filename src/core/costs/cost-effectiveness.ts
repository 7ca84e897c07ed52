import { measureCredit } from '../evaluate/totals'
import type { Issue } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Label, type Pollutant, type Scenario } from '../schema'
import type { Projection } from '../simulate/projection'
import { affectedActivity, unitCostOf, type UnitCost } from './activity'

/** The cost and cost-effectiveness of one measure in one year. */
export interface MeasureCost {
  id: string
  label: Label
  template: string
  unitCost?: UnitCost
  /** Activity affected in the year, in `activityUnit`. */
  activity: number
  activityUnit: string
  /** Annualised cost = unit cost × activity affected (adoption included), CNY/yr; undefined without a unit cost. */
  annualCost?: number
  /** The same with the low and high unit cost of the library range. */
  annualCostRange?: [number, number]
  /** Credited reduction (exact Shapley), t/yr, per pollutant. */
  reduction: Record<Pollutant, number>
  /** Annual cost ÷ credited reduction, CNY/t, per pollutant; undefined without a cost or a positive reduction. */
  costPerTonne: Record<Pollutant, number | undefined>
}

/** Cost-effectiveness of every measure of a projection in one year. */
export interface CostReport {
  year: number
  measures: MeasureCost[]
  /** Σ annual cost of the measures that have one, CNY/yr. */
  totalCost: number
  issues: Issue[]
}

/**
 * Return each measure's annualised cost and cost per tonne in a year (DESIGN §4.7). The whole cost is set against
 * each pollutant's reduction in turn (no split between NOx and VOCs), as marginal-abatement-cost curves usually do.
 */
export function measureCosts(r: ResolvedScenario, s: Scenario, pr: Projection, year: number, file?: string): CostReport {
  const y = pr.years.indexOf(year)
  const Y = pr.years.length
  const act = affectedActivity(r, s, pr.measures, file)
  let totalCost = 0
  const measures = r.measures.map((m, mi): MeasureCost => {
    const inst = s.measures[m.index]
    const uc = unitCostOf(r, mi)
    const activity = y >= 0 ? (act.activity[mi * Y + y] ?? NaN) : NaN
    const annualCost = uc ? uc.value * activity : undefined
    if (annualCost !== undefined && Number.isFinite(annualCost)) totalCost += annualCost
    const reduction = Object.fromEntries(POLLUTANTS.map((p) => [p, measureCredit(pr, mi, p, year)])) as Record<Pollutant, number>
    const costPerTonne = Object.fromEntries(
      POLLUTANTS.map((p) => [p, annualCost !== undefined && reduction[p] > 0 ? annualCost / reduction[p] : undefined]),
    ) as Record<Pollutant, number | undefined>
    return {
      id: m.id,
      label: inst?.label ?? m.template.spec.label,
      template: m.template.spec.id,
      ...(uc ? { unitCost: uc } : {}),
      activity,
      activityUnit: act.unit[mi] ?? '',
      ...(annualCost !== undefined ? { annualCost } : {}),
      ...(uc?.range ? { annualCostRange: [uc.range[0] * activity, uc.range[1] * activity] as [number, number] } : {}),
      reduction,
      costPerTonne,
    }
  })
  return { year, measures, totalCost, issues: act.issues }
}

/** One step of a marginal-abatement-cost curve. */
export interface MacStep {
  id: string
  label: Label
  /** CNY/t: the height of the step. */
  costPerTonne: number
  /** t/yr: the width of the step. */
  reduction: number
  /** t/yr: reduction of this and every cheaper measure. */
  cumulative: number
  annualCost: number
}

/** Return the marginal-abatement-cost curve of one pollutant: measures with a cost and a positive reduction, cheapest per tonne first. */
export function macCurve(report: CostReport, p: Pollutant): MacStep[] {
  const steps = report.measures
    .flatMap((m) => {
      const costPerTonne = m.costPerTonne[p]
      return costPerTonne === undefined || m.annualCost === undefined
        ? []
        : [{ id: m.id, label: m.label, costPerTonne, reduction: m.reduction[p], annualCost: m.annualCost }]
    })
    .sort((a, b) => a.costPerTonne - b.costPerTonne || (a.id < b.id ? -1 : 1))
  let cum = 0
  return steps.map((x) => ({ ...x, cumulative: (cum += x.reduction) }))
}
