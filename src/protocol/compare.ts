import type { Label, Pollutant, Scenario } from '../core'
import type { RunView } from './run'

/** One side of a comparison: a seed's published plan (no scenario) or a scenario run on that seed's inventory. */
export interface CompareSide {
  seed: string
  scenario?: Scenario
}

/** One pollutant's focus-year emission in A and B and the difference B − A (t/yr). */
export interface CompareKpi {
  pollutant: Pollutant
  a: number
  b: number
  diff: number
}

/** One measure's credited reduction in the focus year in A and in B (absent where the scenario lacks it). */
export interface CompareMeasureRow {
  id: string
  label: Label
  clause: string
  a?: Record<Pollutant, number>
  b?: Record<Pollutant, number>
  /** B − A, with a missing side counted as 0. */
  diff: Record<Pollutant, number>
}

/** Two runs side by side, with the focus-year differences computed in the worker. */
export interface CompareView {
  a: RunView
  b: RunView
  focusYear: number
  /** Both sides ran on the same inventory (same seed). */
  sameInventory: boolean
  kpis: CompareKpi[]
  measures: CompareMeasureRow[]
}

/** How an imported scenario's seed inventory was chosen. */
export type SeedChoice = 'inventory' | 'region' | 'current'

/** An imported scenario, validated by a run on the inventory of the seed it was matched to. */
export interface ImportedScenario {
  scenario: Scenario
  seed: string
  seedBy: SeedChoice
}
