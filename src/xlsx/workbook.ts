import { safeText, type Cell } from '../core'

/** One data sheet: a header row and long-format rows. */
export interface SheetData {
  name: string
  header: readonly string[]
  rows: readonly Cell[][]
}

// Text that a spreadsheet could take for a formula is neutralised as in CSV; numbers stay numbers.
function cellValue(c: Cell): string | number | boolean | null {
  return c === undefined ? null : typeof c === 'string' ? safeText(c) : c
}

/**
 * Write an XLSX workbook: the data sheets (frozen header) and a `provenance` sheet of key/value rows. Shared by the
 * app and the CLI so both write the same file; exceljs is loaded on demand (it is large and the app rarely needs it).
 */
export async function writeWorkbook(sheets: readonly SheetData[], provenance: readonly [string, string][], created: Date): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Lantian 蓝天'
  wb.created = created
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(s.header.map(cellValue)).font = { bold: true }
    // exceljs stores strings as text, but a sheet re-saved as CSV would bring a leading = back to life: neutralise.
    for (const r of s.rows) ws.addRow(r.map(cellValue))
    ws.columns.forEach((c) => (c.width = 16))
  }
  const prov = wb.addWorksheet('provenance')
  prov.addRow(['key', 'value']).font = { bold: true }
  // Provenance values carry text from the scenario (its title): neutralised like every other text cell.
  for (const r of provenance) prov.addRow(r.map(cellValue))
  prov.getColumn(1).width = 20
  prov.getColumn(2).width = 60
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer
}
