import type { CellValue, Workbook, Worksheet } from 'exceljs'
import { guardXlsx } from './xlsx-guard'
import { issue, parseInventoryCells, type CellGrid, type GridCell, type GridColumns, type InventoryTable, type Issue, type Result } from '../core'

/** XLSX inventories above this size are refused before unzipping (exceljs holds the whole workbook in memory). */
export const MAX_XLSX_BYTES = 50 * 1024 * 1024

/** The refusal of an XLSX inventory of `size` bytes above MAX_XLSX_BYTES (the CLI checks the file size with it before reading). */
export function xlsxTooLarge(size: number, file: string): Issue | undefined {
  if (size <= MAX_XLSX_BYTES) return undefined
  return issue(
    'file.too-large',
    `XLSX 清单文件 ${(size / 1048576).toFixed(1)} MB，超过 ${MAX_XLSX_BYTES / 1048576} MB 上限（更大的清单请用 CSV）`,
    `XLSX inventory is ${(size / 1048576).toFixed(1)} MB, larger than the ${MAX_XLSX_BYTES / 1048576} MB limit (use CSV for larger inventories)`,
    { file },
  )
}

/** Sheet names read in preference to the first worksheet. */
const PREFERRED_SHEETS = ['inventory', '清单']

/** Return true when a file name says XLSX. */
export const isXlsxName = (file: string): boolean => /\.xlsx$/i.test(file)

// exceljs is large; the worker (and the CLI) load it the first time a workbook is read or written.
async function excel(): Promise<{ Workbook: new () => Workbook }> {
  const m = (await import('exceljs')) as unknown as { default?: { Workbook: new () => Workbook }; Workbook?: new () => Workbook }
  return (m.default ?? m) as { Workbook: new () => Workbook }
}

const refuse = (code: string, zh: string, en: string): GridCell => ({ refused: { code, zh, en } })

/** Turn one exceljs cell value into a grid cell: formulas give their cached result, rich text its plain text. */
export function gridCell(v: CellValue): GridCell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return v
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (v instanceof Date)
    return refuse(
      'xlsx.date',
      `单元格是日期（${v.toISOString().slice(0, 10)}）；清单不接受日期，请把该列设为文本或数值`,
      `the cell is a date (${v.toISOString().slice(0, 10)}); inventories take no dates: format the column as text or number`,
    )
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
    if ('error' in v) return refuse('xlsx.error-value', `单元格是错误值 ${String(v.error)}`, `the cell holds the error value ${String(v.error)}`)
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result
      if (r === undefined || r === null)
        return refuse(
          'xlsx.formula-no-result',
          '公式单元格没有保存计算结果；请在表格软件中重新计算并保存，或改为数值',
          'the formula cell has no saved result; recalculate and save in the spreadsheet program, or enter the value',
        )
      if (typeof r === 'object' && r !== null && 'error' in r)
        return refuse(
          'xlsx.error-value',
          `公式结果是错误值 ${String((r as { error: unknown }).error)}`,
          `the formula's result is the error value ${String((r as { error: unknown }).error)}`,
        )
      return gridCell(r as CellValue)
    }
    if ('text' in v) return gridCell((v as { text: CellValue }).text)
  }
  return refuse('xlsx.cell-type', '无法识别的单元格类型', 'unrecognised cell type')
}

/** Read a worksheet's non-blank rows into a grid (row numbers kept, so issues name the sheet row). */
export function sheetGrid(ws: Worksheet): CellGrid {
  const rows: GridCell[][] = []
  const rowNumbers: number[] = []
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: GridCell[] = []
    let blank = true
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const g = gridCell(cell.value)
      cells[c - 1] = g
      if (g !== null && !(typeof g === 'string' && g.trim() === '')) blank = false
    })
    for (let j = 0; j < cells.length; j++) cells[j] ??= null
    if (!blank) {
      rows.push(cells)
      rowNumbers.push(r)
    }
  })
  return { sheet: ws.name, rows, rowNumbers }
}

/** An XLSX inventory as parsed, with where its columns are (for locating issues found later, e.g. by resolve). */
export type XlsxInventory = InventoryTable & { columns: GridColumns; sheet: string }

/**
 * Read an inventory from XLSX bytes: the sheet named `inventory` or `清单` if there is one, else the first
 * worksheet, parsed by the core's grid parser (the CSV's metadata rows, aliases and validations). A file that is
 * not a zip, or not a workbook, is refused with a clear message. `onGrid` sees the cells read (for the report).
 */
export async function readInventoryXlsx(bytes: Uint8Array, file: string, onGrid?: (grid: CellGrid) => void): Promise<Result<XlsxInventory>> {
  const refused = (code: string, zh: string, en: string): Result<XlsxInventory> => ({ ok: false, issues: [issue(code, zh, en, { file })] })
  if (bytes.length === 0) return refused('file.empty', '文件为空', 'file is empty')
  const big = xlsxTooLarge(bytes.length, file)
  if (big) return { ok: false, issues: [big] }
  // Every XLSX is a zip archive: "PK\x03\x04".
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    return refused(
      'xlsx.not-zip',
      '不是 XLSX 文件（XLSX 是 zip 压缩包，此文件不是）；旧版 .xls 请在表格软件中另存为 .xlsx',
      'not an XLSX file (an XLSX is a zip archive, this file is not); save an old .xls as .xlsx',
    )
  // Zip bomb, row and cell counts, cells exceljs cannot place: refused from the zip before exceljs inflates it.
  const guard = guardXlsx(bytes, file)
  if (guard) return { ok: false, issues: [guard] }
  const { Workbook } = await excel()
  const wb = new Workbook()
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  } catch {
    // exceljs's own message is engine text (e.g. "Cannot read properties of undefined"): say what to do instead.
    return refused(
      'xlsx.unreadable',
      '无法读取 XLSX 工作簿（文件已损坏，或由本程序读不了的工具生成）；请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx，或导出 CSV',
      'cannot read the XLSX workbook (damaged, or written by a tool it cannot read); save it again as .xlsx in Excel, WPS or LibreOffice, or export CSV',
    )
  }
  const sheets = wb.worksheets
  const ws = sheets.find((s) => PREFERRED_SHEETS.includes(s.name.trim().toLowerCase())) ?? sheets[0]
  if (!ws) return refused('xlsx.no-sheet', '工作簿中没有工作表', 'the workbook has no worksheet')
  const grid = sheetGrid(ws)
  onGrid?.(grid)
  const r = parseInventoryCells(grid, file)
  if (!r.ok) return r
  return { ok: true, value: { ...r.value, sheet: ws.name }, warnings: r.warnings }
}

/** Point issues found after parsing (resolve: unknown technology, unit…) at the sheet and the column letter. */
export function locateInXlsx(issues: readonly Issue[], file: string, inv: Pick<XlsxInventory, 'columns' | 'sheet'>): Issue[] {
  return issues.map((i) => {
    if (i.file !== file || i.sheet !== undefined) return i
    const column = i.column !== undefined ? (inv.columns.labels.get(i.column) ?? i.column) : undefined
    return { ...i, sheet: inv.sheet, ...(column !== undefined ? { column } : {}) }
  })
}

/**
 * Write an inventory as an XLSX workbook that imports back to the same table: metadata rows, the canonical
 * header, one row per record (numbers as numbers, text as text cells, never formulas), in a sheet named `清单`.
 */
export async function writeInventoryXlsx(t: InventoryTable): Promise<Uint8Array> {
  const { Workbook } = await excel()
  const wb = new Workbook()
  wb.creator = 'Lantian 蓝天'
  const ws = wb.addWorksheet('清单')
  const meta: [string, string | undefined][] = [
    ['format', 'lantian-inventory/1'],
    ['year', String(t.year)],
    ['name', t.name],
    ['illustrative', t.illustrative ? 'true' : 'false'],
    ['note', t.note],
  ]
  for (const [k, v] of meta) if (v !== undefined) ws.addRow([`# ${k}: ${v}`])
  const dict = (c: { dict: string[]; codes: Int32Array }, i: number) => {
    const k = c.codes[i] ?? -1
    return k < 0 ? null : (c.dict[k] ?? null)
  }
  const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v)
  const header = ['id', 'region', 'sector', 'technology', 'activity', 'unit', 'nox_t', 'vocs_t']
  for (const a of t.attributes) {
    header.push(a.name)
    if (a.kind === 'number' && a.unit) header.push(`${a.name}_unit`)
  }
  ws.addRow(header).font = { bold: true }
  for (let i = 0; i < t.n; i++) {
    const row: (string | number | null)[] = [
      t.ids[i] ?? '',
      dict(t.region, i),
      dict(t.sector, i),
      dict(t.technology, i),
      num(t.activity[i]),
      dict(t.unit, i),
      num(t.observed[0]?.[i]),
      num(t.observed[1]?.[i]),
    ]
    for (const a of t.attributes) {
      if (a.kind === 'number') {
        row.push(num(a.values[i]))
        if (a.unit) row.push(dict(a.unit, i))
      } else row.push(dict(a.values, i))
    }
    ws.addRow(row)
  }
  ws.columns.forEach((c) => (c.width = 14))
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}
