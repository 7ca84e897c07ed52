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
  /**
   * The annual cost allocated to each pollutant: in proportion to the pollutant's share of the measure's positive
   * credited tonnes (README "Costs"); the allocations add up to `annualCost`, so no cost is counted twice.
   */
  allocatedCost: Record<Pollutant, number | undefined>
  /** Allocated cost ÷ credited reduction, CNY/t, per pollutant; undefined without a cost or a positive reduction. */
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
 * Split a measure's annual cost between pollutants (DESIGN §4.9): each pollutant with a positive credited reduction
 * takes the share of the measure's positive tonnes it contributes, so the CNY/t of a two-pollutant measure is its
 * cost over its total tonnes for both, a single-pollutant measure keeps its whole cost, and the shares add up to the
 * cost. A pollutant the measure does not reduce (or raises) takes none.
 */
export function allocateCost(annualCost: number | undefined, reduction: Record<Pollutant, number>): Record<Pollutant, number | undefined> {
  const total = POLLUTANTS.reduce((t, p) => t + Math.max(0, reduction[p]), 0)
  return Object.fromEntries(
    POLLUTANTS.map((p) => [p, annualCost === undefined || !(total > 0) ? undefined : reduction[p] > 0 ? (annualCost * reduction[p]) / total : 0]),
  ) as Record<Pollutant, number | undefined>
}

/**
 * Return each measure's annualised cost and cost per tonne of each pollutant in a year (DESIGN §4.7, §4.9): the cost
 * is split between NOx and VOCs by `allocateCost`, never set whole against each. A measure whose unit cost does not
 * apply to the activity it selects gets no cost, and the report carries the error naming it.
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
    const annualCost = uc && !act.badUnit[mi] && Number.isFinite(activity) ? uc.value * activity : undefined
    if (annualCost !== undefined) totalCost += annualCost
    const reduction = Object.fromEntries(POLLUTANTS.map((p) => [p, measureCredit(pr, mi, p, year)])) as Record<Pollutant, number>
    const allocatedCost = allocateCost(annualCost, reduction)
    const costPerTonne = Object.fromEntries(
      POLLUTANTS.map((p) => {
        const c = allocatedCost[p]
        return [p, c !== undefined && reduction[p] > 0 ? c / reduction[p] : undefined]
      }),
    ) as Record<Pollutant, number | undefined>
    return {
      id: m.id,
      label: inst?.label ?? m.template.spec.label,
      template: m.template.spec.id,
      ...(uc ? { unitCost: uc } : {}),
      activity,
      activityUnit: act.unit[mi] ?? '',
      ...(annualCost !== undefined ? { annualCost } : {}),
      ...(uc?.range && annualCost !== undefined ? { annualCostRange: [uc.range[0] * activity, uc.range[1] * activity] as [number, number] } : {}),
      reduction,
      allocatedCost,
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
  /** The cost allocated to this pollutant, CNY/yr (height × width). */
  annualCost: number
}

/**
 * Return the marginal-abatement-cost curve of one pollutant: measures with a cost and a positive reduction, cheapest
 * per tonne first, each with the cost allocated to this pollutant (so a measure's cost is not counted in both curves).
 */
export function macCurve(report: CostReport, p: Pollutant): MacStep[] {
  const steps = report.measures
    .flatMap((m) => {
      const costPerTonne = m.costPerTonne[p]
      const annualCost = m.allocatedCost[p]
      return costPerTonne === undefined || annualCost === undefined ? [] : [{ id: m.id, label: m.label, costPerTonne, reduction: m.reduction[p], annualCost }]
    })
    .sort((a, b) => a.costPerTonne - b.costPerTonne || (a.id < b.id ? -1 : 1))
  let cum = 0
  return steps.map((x) => ({ ...x, cumulative: (cum += x.reduction) }))
}
