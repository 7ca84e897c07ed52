import ExcelJS from 'exceljs'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { lyingDirectoryXlsx, millionRowsXlsx, unzipsTo700MbXlsx } from './xlsx-bombs'

/** Build a one-sheet workbook (sheet `清单`; `build` may add other sheets) and return its bytes. */
export async function xlsxOf(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  build(wb.addWorksheet('清单'), wb)
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

export const GOOD_HEADER = ['id', 'region', 'sector', 'technology', 'activity', 'unit', 'capacity', 'capacity_unit']

/** A valid two-record inventory sheet: metadata on rows 1–2, header on row 3, records on rows 4–5. */
export function goodSheet(ws: ExcelJS.Worksheet): void {
  ws.addRow(['# format: lantian-inventory/1'])
  ws.addRow(['# year: 2022'])
  ws.addRow(GOOD_HEADER)
  ws.addRow(['B1', '西平县', 'industry.boiler', 'boiler-gas', 120, '万立方米', 10, '蒸吨/小时'])
  ws.addRow(['B2', '西平县', 'industry.boiler', 'boiler-coal', 8000, 't', 20, 't/h'])
}

/** A bad workbook and the first issue its import gives (code, sheet row, column label). */
export interface BadXlsx {
  name: string
  bytes: () => Promise<Uint8Array>
  code: string
  row?: number
  column?: string
}

/** Bad workbooks refused at import, shared by the worker (app) tests and the CLI tests. */
export const BAD_XLSX: readonly BadXlsx[] = [
  {
    name: 'text in activity',
    bytes: () =>
      xlsxOf((ws) => {
        goodSheet(ws)
        ws.addRow(['B3', '西平县', 'industry.boiler', 'boiler-gas', '一百', '万立方米', 5, '蒸吨/小时'])
      }),
    code: 'csv.number',
    row: 6,
    column: 'E (activity)',
  },
  {
    name: 'negative activity',
    bytes: () =>
      xlsxOf((ws) => {
        goodSheet(ws)
        ws.addRow(['B3', '西平县', 'industry.boiler', 'boiler-gas', -5, '万立方米', 5, '蒸吨/小时'])
      }),
    code: 'inventory.negative',
    row: 6,
    column: 'E (activity)',
  },
  {
    name: 'wrong header (duplicate column, missing activity)',
    bytes: () =>
      xlsxOf((ws) => {
        ws.addRow(['# format: lantian-inventory/1'])
        ws.addRow(['# year: 2022'])
        ws.addRow(['id', 'region', 'sector', 'technology', 'amount', 'unit', '区域'])
        ws.addRow(['B1', '西平县', 'industry.boiler', 'boiler-gas', 1, 't', 'x'])
      }),
    code: 'csv.header-duplicate',
    row: 3,
    column: 'G (region)',
  },
  {
    name: 'a date, a formula without a cached result and an error value',
    bytes: () =>
      xlsxOf((ws) => {
        goodSheet(ws)
        ws.addRow(['B3', '西平县', 'industry.boiler', 'boiler-gas', new Date('2022-03-01'), '万立方米', 5, '蒸吨/小时'])
        ws.addRow(['B4', '西平县', 'industry.boiler', 'boiler-gas', { formula: 'A1*2' } as ExcelJS.CellFormulaValue, '万立方米', 5, '蒸吨/小时'])
        ws.addRow(['B5', '西平县', 'industry.boiler', 'boiler-gas', 3, '万立方米', { error: '#DIV/0!' } as ExcelJS.CellErrorValue, '蒸吨/小时'])
      }),
    code: 'xlsx.date',
    row: 6,
    column: 'E (activity)',
  },
  { name: 'an empty sheet', bytes: () => xlsxOf(() => {}), code: 'inventory.empty' },
  { name: 'a CSV renamed .xlsx (not a zip)', bytes: async () => new TextEncoder().encode('id,region\n1,甲县\n'), code: 'xlsx.not-zip' },
  { name: 'a broken zip', bytes: async () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), code: 'xlsx.damaged' },
  // Guards before exceljs (src/xlsx/xlsx-guard.ts): each refused from the zip, before a cell is built.
  { name: 'cells without r= references', bytes: cellsWithoutRefXlsx, code: 'xlsx.cell-no-ref', row: 4 },
  { name: 'a million rows under the size limit', bytes: async () => millionRowsXlsx(), code: 'xlsx.too-many-rows' },
  { name: 'a zip that unzips to 700 MB', bytes: async () => unzipsTo700MbXlsx(), code: 'xlsx.unzipped-too-large' },
  { name: 'a zip directory that understates a sheet', bytes: async () => lyingDirectoryXlsx(), code: 'xlsx.damaged' },
  {
    name: 'an activity unit with a number (10000 t)',
    bytes: () =>
      xlsxOf((ws) => {
        goodSheet(ws)
        ws.addRow(['B3', '西平县', 'industry.boiler', 'boiler-coal', 8, '10000 t', 20, 't/h'])
      }),
    code: 'unit.number',
    row: 6,
    column: 'F (unit)',
  },
  {
    name: 'an id with a zero-width space',
    bytes: () =>
      xlsxOf((ws) => {
        goodSheet(ws)
        ws.addRow(['B1\u200b', '西平县', 'industry.boiler', 'boiler-coal', 8, 't', 20, 't/h'])
      }),
    code: 'name.invisible',
    row: 6,
    column: 'A (id)',
  },
  {
    name: 'the year given twice',
    bytes: () =>
      xlsxOf((ws) => {
        ws.addRow(['# year: 2021'])
        goodSheet(ws)
      }),
    code: 'inventory.meta-duplicate',
    row: 3,
    column: 'A',
  },
]

/** A valid workbook (the shared good sheet) whose cells on sheet row 4 lost their `r` references, as some tools write. */
export async function cellsWithoutRefXlsx(): Promise<Uint8Array> {
  const files = unzipSync(await xlsxOf(goodSheet))
  const name = Object.keys(files).find((f) => /worksheets\/sheet1\.xml$/.test(f)) ?? ''
  const xml = new TextDecoder().decode(files[name])
  files[name] = strToU8(xml.replace(/<c r="[A-Z]+4"/g, '<c'))
  return zipSync(files)
}

/** Return the shared bad case of that name (throws on a typo: a broken test). */
export function badXlsx(name: string): BadXlsx {
  const c = BAD_XLSX.find((b) => b.name === name)
  if (!c) throw new Error(`no bad XLSX case "${name}"`)
  return c
}
