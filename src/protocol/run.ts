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
  /** Each measure's annualised cost and CNY/t in the focus year, from this run's projection (no second run). */
  costs: CostsView
  warnings: Issue[]
  inventory: InventoryInfo
  libraryVersion: string
  scenarioHash: string
  sampledAttribution: boolean
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
