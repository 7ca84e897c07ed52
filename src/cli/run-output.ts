import {
  csvWarningLines,
  EMISSION_HEADER,
  emissionRows,
  focusYear,
  MEASURE_HEADER,
  measureRows,
  TARGET_HEADER,
  targetRows,
  toCsv,
  TOTAL_HEADER,
  totalRows,
  warningRecords,
  type Cell,
  type InventoryTable,
  type Issue,
  type RunOutput,
  type Scenario,
} from '../core'
import { renderTable } from './format'

/** What `lantian run` writes for one scenario, besides the run itself. */
export interface RunContext {
  scenario: Scenario
  inventoryFile: string
  inventory: InventoryTable
  libraryVersion: string
  /** Every warning of the run, located (inventory, resolution and run). */
  warnings: readonly Issue[]
}

const objects = (header: readonly string[], rows: Cell[][]) => rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))

/** Return `run`'s output in one format (`table`, `csv`, `json`), or an error line for a bad `--format`/`--what`. */
export function renderRun(o: RunOutput, c: RunContext, format: string, what: string, years?: number[]): { text: string } | { error: string } {
  if (format === 'json') {
    const json = {
      provenance: {
        scenario: c.scenario.id,
        title: c.scenario.title,
        inventory: c.inventoryFile,
        inventoryName: c.inventory.name,
        illustrative: c.inventory.illustrative,
        library: c.libraryVersion,
      },
      warnings: warningRecords(c.warnings),
      totals: objects(TOTAL_HEADER, totalRows(o.projection, years)),
      emissions: objects(EMISSION_HEADER, emissionRows(o.projection, years)),
      measures: objects(MEASURE_HEADER, measureRows(o.projection, o.resolved, c.scenario, years)),
      targets: objects(TARGET_HEADER, targetRows(o.targets)),
    }
    return { text: `${JSON.stringify(json, null, 2)}\n` }
  }
  if (format === 'csv') {
    const table =
      what === 'emissions'
        ? toCsv(EMISSION_HEADER, emissionRows(o.projection, years))
        : what === 'targets'
          ? toCsv(TARGET_HEADER, targetRows(o.targets))
          : what === 'totals'
            ? toCsv(TOTAL_HEADER, totalRows(o.projection, years))
            : what === 'measures'
              ? toCsv(MEASURE_HEADER, measureRows(o.projection, o.resolved, c.scenario, years))
              : undefined
    if (table === undefined)
      return { error: 'error: --what must be measures, emissions, totals or targets / --what 须为 measures、emissions、totals 或 targets\n' }
    return { text: csvWarningLines(c.warnings) + table }
  }
  if (format === 'table') return { text: `${renderTable(o, c.scenario, years?.[0] ?? focusYear(o.projection.years, o.targets))}\n` }
  return { error: 'error: --format must be table, csv, json or xlsx / --format 须为 table、csv、json 或 xlsx\n' }
}
