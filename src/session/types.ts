import type { InventoryTable, ResolvedScenario, RunOutput, Scenario } from '../core'
import type { InventoryInfo } from '../protocol'

/** The inventory a session runs on: the parsed table, its summary and the tag that names this load of it. */
export interface SessionInventory {
  table: InventoryTable
  info: InventoryInfo
  /** Unique per load: a resolution made on another load (or another session's) is never reused. */
  tag: string
}

/** A scenario resolved on the session's inventory, ready to run, to sample or to optimise. */
export interface Prepared {
  scenario: Scenario
  resolved: ResolvedScenario
  /** The scenario's provenance hash: a result belongs to the scenario with this hash. */
  hash: string
  /** Resolved now rather than taken from the cache. */
  fresh: boolean
  /** The scenario's file name, for located issues. */
  file: string
  /** The inventory it was resolved on. */
  inventory: InventoryInfo
}

/** One run of the session: the scenario as prepared and everything the core computed from it. */
export interface SessionRun extends Prepared {
  out: RunOutput
  /** The year KPI cards, the CLI's report and the costs show (`focusYearOf`). */
  focusYear: number
}
