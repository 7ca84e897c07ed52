import type { Cell, Issue, Label, MacStep, MeasureCategory, MeasureKind, Pollutant, TargetResult, UnitCost } from '../core'
import type { InventoryInfo } from './inventory'

/** A per-pollutant number series, indexed like `years`. */
export type PollutantSeries = Record<Pollutant, number[]>

/** One measure's result: adoption and the exact-Shapley credited reduction per pollutant and year. */
export interface MeasureView {
  id: string
  index: number
  label: Label
  clause: string
  template: string
  kind: MeasureKind
  category: MeasureCategory
  enabled: boolean
  selected: number
  adoption: number[]
  credited: PollutantSeries
}

/** One sector's emissions per pollutant and year. */
export interface SectorView {
  id: string
  label: Label
  counterfactual: PollutantSeries
  scenario: PollutantSeries
}

/**
 * A run's results for one region or a set of regions: the same series as the run's totals, summed over the record
 * groups of those regions (each group belongs to one region, so nothing is simulated again).
 */
export interface RegionView {
  /** The region set, in the scenario's order. */
  regions: string[]
  counterfactual: PollutantSeries
  scenario: PollutantSeries
  /** Each measure's credited reduction (exact Shapley) in these regions, indexed like `RunView.measures`. */
  credited: PollutantSeries[]
  sectors: SectorView[]
  /** Ids of the run's targets set for exactly this region set; the others are judged on their own regions (the whole area unless they name some). */
  targets: string[]
}

/** One measure's cost-effectiveness in the cost year. */
export interface MeasureCostView {
  id: string
  label: Label
  unitCost?: UnitCost
  activity: number
  activityUnit: string
  annualCost?: number
  reduction: Record<Pollutant, number>
  costPerTonne: Record<Pollutant, number | undefined>
}

/** Costs of a scenario in its focus year: per measure, and the MAC curve per pollutant. */
export interface CostsView {
  scenarioHash: string
  year: number
  totalCost: number
  measures: MeasureCostView[]
  mac: Record<Pollutant, MacStep[]>
  issues: Issue[]
}

/** Everything the UI renders from one run, as plain data. */
export interface RunView {
  scenarioId: string
  title: Label
  years: number[]
  /** The year KPI cards, the waterfall and the costs show: the latest target year, else the last projected year. */
  focusYear: number
  counterfactual: PollutantSeries
  scenario: PollutantSeries
  measures: MeasureView[]
  sectors: SectorView[]
  targets: TargetResult[]
  /** The scenario's regions, in its order. */
  regionNames: string[]
  /** One result per region when the scenario has more than one (the app's region picker switches among them without a new run); else empty. */
  regions: RegionView[]
  /** Each measure's annualised cost and CNY/t in the focus year, from this run's projection (no second run). */
  costs: CostsView
  warnings: Issue[]
  inventory: InventoryInfo
  libraryVersion: string
  scenarioHash: string
  stats: { records: number; classes: number; resolved: boolean; ms: number }
}

/** Long-format tables of the last good run, ready for CSV/XLSX. */
export interface ExportTables {
  emissions: { header: string[]; rows: Cell[][]; csv: string }
  measures: { header: string[]; rows: Cell[][]; csv: string }
  targets: { header: string[]; rows: Cell[][]; csv: string }
  /** Every number of the scenario and each inventory activity level with its provenance tag (plan, source, assumed). */
  evidence: { header: string[]; rows: Cell[][]; csv: string }
}
