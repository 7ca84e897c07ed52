import type { CompiledExpr } from '../expr/compile'
import type { Issue } from '../issues'
import type { InventoryTable } from '../parse/inventory-table'
import type { Library, ResolvedTechnology, ResolvedTemplate } from './library'

/** A measure instance linked to its template, with its selector compiled. */
export interface ResolvedMeasure {
  /** Position in the scenario's list. */
  index: number
  id: string
  template: ResolvedTemplate
  kind: 'cut' | 'switch' | 'share' | 'reduce'
  to?: ResolvedTechnology
  selector: CompiledExpr
  scope?: CompiledExpr
  /** Records selected (count), for reports. */
  selected: number
}

/**
 * Records that share region, sector, technology and measure set, summed. A parameter or adoption change
 * recomputes classes only, so its cost does not grow with the number of records (DESIGN §5).
 */
export interface ResolvedClasses {
  count: number
  /** Group (region × sector) of each class. */
  group: Int32Array
  tech: Int32Array
  /** Σ activity (in the technology's activity unit). */
  sumA: Float64Array
  /** Σ activity × EF, t/yr in the inventory year, [class × P]. */
  sumAE: Float64Array
  /** Measure indices (sorted by measure id) of each class: offsets into `members`. */
  memberStart: Int32Array
  members: Int32Array
  /** Per membership of a switch/share measure: κ × EF_to, t per source activity unit, [membership × P]. */
  switchEf: Float64Array
  /** First record and record count of each class, for messages. */
  firstRecord: Int32Array
  records: Int32Array
}

/** A scenario ready to simulate: inventory, library and measures linked; selectors evaluated. */
export interface ResolvedScenario {
  library: Library
  inventory: InventoryTable
  years: number[]
  y0: number
  regions: string[]
  sectors: string[]
  groups: { region: number; sector: number }[]
  technologies: ResolvedTechnology[]
  /** In the scenario's order. */
  measures: ResolvedMeasure[]
  /** Measure indices sorted by id: the canonical order of every computation. */
  canonical: number[]
  classes: ResolvedClasses
  /** The reuse key of this resolution (`resolutionKey`): a scenario with the same key can reuse it. */
  structureKey: string
  /** What the resolution ignored or guessed, located (records outside the regions, measures selecting nothing…). */
  warnings: Issue[]
}

/** Source names for error messages. */
export interface ResolveFiles {
  scenario?: string
  inventory?: string
}

/** Where an issue about inventory record i is located: the file, its row and optionally a column. */
export type RecordLocator = (i: number, column?: string) => Omit<Issue, 'code' | 'zh' | 'en'>
