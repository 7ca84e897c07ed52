import { stringify } from 'yaml'
import { provenanceRows as coreProvenanceRows, type Scenario } from '../core'
import type { ExportTables, RunView } from '../protocol'
import { writeWorkbook } from '../xlsx/workbook'

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

/** Return the provenance rows (key, value) for an export of the app's current run. */
export function provenanceRows(p: Provenance): [string, string][] {
  const v = p.view
  return coreProvenanceRows({
    appVersion: p.appVersion,
    libraryVersion: v.libraryVersion,
    scenario: { id: v.scenarioId, title: v.title, hash: v.scenarioHash },
    seed: p.seed,
    inventory: v.inventory,
    sampledAttribution: v.sampledAttribution,
    date: p.date,
  })
}

/** Build an XLSX workbook: the data sheets, the targets and a provenance sheet (the CLI writes the same file). */
export async function buildXlsx(tables: ExportTables, p: Provenance): Promise<ArrayBuffer> {
  const sheets = (['emissions', 'measures', 'targets', 'evidence'] as const).map((name) => ({ name, header: tables[name].header, rows: tables[name].rows }))
  return writeWorkbook(sheets, provenanceRows(p), p.date)
}
