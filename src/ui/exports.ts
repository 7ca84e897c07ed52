import { stringify } from 'yaml'
import { safeText, type Cell, type Scenario } from '../core'
import type { ExportTables, RunView } from '../worker/simulator-api'

/** Offer a blob to the user as a file download. */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoke later: Chromium starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Return a file-name stem for a scenario and year, e.g. `lantian-xiping-2025`. */
export function fileStem(s: Scenario): string {
  return `lantian-${s.id}`
}

/** Download a CSV text with a UTF-8 BOM, so Excel on a Chinese Windows opens it as UTF-8. */
export function downloadCsv(name: string, csv: string): void {
  download(name, `\uFEFF${csv}`, 'text/csv;charset=utf-8')
}

/** Download the scenario as YAML (with the schema hint editors use) or JSON. */
export function downloadScenario(s: Scenario, format: 'yaml' | 'json'): void {
  if (format === 'json') download(`${fileStem(s)}.scenario.json`, `${JSON.stringify(s, null, 2)}\n`, 'application/json')
  else download(`${fileStem(s)}.scenario.yaml`, `# yaml-language-server: $schema=../../schema/scenario.schema.json\n${stringify(s)}`, 'application/yaml')
}

/** The facts the provenance sheet records. */
export interface Provenance {
  seed: string
  view: RunView
  appVersion: string
  date: Date
}

/** Return the provenance rows (key, value) for an export. */
export function provenanceRows(p: Provenance): [string, string][] {
  const v = p.view
  return [
    ['app', 'Lantian 蓝天'],
    ['app_version', p.appVersion],
    ['library_version', v.libraryVersion],
    ['scenario_id', v.scenarioId],
    ['scenario_title', `${v.title.zh} / ${v.title.en}`],
    ['scenario_hash', v.scenarioHash],
    ['seed', p.seed],
    ['inventory_name', v.inventory.name ?? ''],
    ['inventory_file', v.inventory.file],
    ['inventory_year', String(v.inventory.year)],
    ['inventory_records', String(v.inventory.records)],
    ['illustrative', v.inventory.illustrative ? '示意清单 / illustrative inventory' : 'no'],
    ['exported_at', p.date.toISOString()],
    ['attribution', v.sampledAttribution ? 'Shapley (sampled)' : 'Shapley (exact)'],
  ]
}

// Text that a spreadsheet could take for a formula is neutralised as in CSV; numbers stay numbers.
function cellValue(c: Cell): string | number | boolean | null {
  return c === undefined ? null : typeof c === 'string' ? safeText(c) : c
}

/** Build an XLSX workbook: the data sheets, the targets and a provenance sheet; exceljs is loaded on demand. */
export async function buildXlsx(tables: ExportTables, p: Provenance): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Lantian 蓝天'
  wb.created = p.date
  const sheet = (name: string, header: string[], rows: Cell[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(header).font = { bold: true }
    // exceljs stores strings as text, but a sheet re-saved as CSV would bring a leading = back to life: neutralise.
    for (const r of rows) ws.addRow(r.map(cellValue))
    ws.columns.forEach((c) => (c.width = 16))
  }
  sheet('emissions', tables.emissions.header, tables.emissions.rows)
  sheet('measures', tables.measures.header, tables.measures.rows)
  sheet('targets', tables.targets.header, tables.targets.rows)
  const prov = wb.addWorksheet('provenance')
  prov.addRow(['key', 'value']).font = { bold: true }
  for (const r of provenanceRows(p)) prov.addRow(r)
  prov.getColumn(1).width = 20
  prov.getColumn(2).width = 60
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer
}
