import {
  csvWarningLines,
  toCsv,
  TOTAL_HEADER,
  totalRows,
  warningRecords,
  type Cell,
  type InventoryTable,
  type OverlayReport,
  type Issue,
  type RunOutput,
  type Scenario,
} from '../core'
import type { ExportTables } from '../protocol'
import { renderTable } from './format'
import type { RegionScope } from './run-regions'

/** What `lantian run` writes for one scenario, besides the run and its export tables. */
export interface RunContext {
  scenario: Scenario
  inventoryFile: string
  inventory: InventoryTable
  libraryVersion: string
  /** The library overlays the run used (`--models`, the scenario's own entries), each with its file and entries. */
  overlays?: readonly OverlayReport[]
  /** Every warning of the run, located (inventory, resolution and run). */
  warnings: readonly Issue[]
  /** The session's focus year: the table report's year when --year is not given. */
  focusYear: number
  /** The region set of `--region`, when given: every table, the totals and the provenance are for it. */
  scope?: RegionScope
}

const objects = (header: readonly string[], rows: Cell[][]) => rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))

/**
 * Return `run`'s output in one format (`table`, `csv`, `json`; `--format` and `--what` are checked by the caller). JSON
 * and CSV carry the run's warnings (JSON `warnings`, CSV `#` lines above the table) and the totals (JSON `totals`,
 * CSV `--what totals`); the rest are the session's export tables, as the app exports them.
 */
export function renderRun(o: RunOutput, tables: ExportTables, c: RunContext, format: string, what: string, years?: number[]): { text: string } {
  if (format === 'json') {
    const json = {
      provenance: {
        scenario: c.scenario.id,
        title: c.scenario.title,
        inventory: c.inventoryFile,
        inventoryName: c.inventory.name,
        illustrative: c.inventory.illustrative,
        library: c.libraryVersion,
        overlays: c.overlays ?? [],
        ...(c.scope ? { regions: c.scope.view.regions, targetsLeftOut: c.scope.leftOut, notes: c.scope.notes } : {}),
      },
      warnings: warningRecords(c.warnings),
      totals: objects(TOTAL_HEADER, totalRows(o.projection, years, c.scope?.view.regions)),
      emissions: objects(tables.emissions.header, tables.emissions.rows),
      measures: objects(tables.measures.header, tables.measures.rows),
      targets: objects(tables.targets.header, tables.targets.rows),
      evidence: objects(tables.evidence.header, tables.evidence.rows),
    }
    return { text: `${JSON.stringify(json, null, 2)}\n` }
  }
  if (format === 'csv') {
    const table =
      what === 'totals'
        ? toCsv(TOTAL_HEADER, totalRows(o.projection, years, c.scope?.view.regions))
        : tables[what as 'measures' | 'emissions' | 'targets' | 'evidence'].csv
    return { text: csvWarningLines(c.warnings) + table }
  }
  return { text: `${renderTable(o, c.scenario, years?.[0] ?? c.focusYear, c.scope)}\n` }
}
