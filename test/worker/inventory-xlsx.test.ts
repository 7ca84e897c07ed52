import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatIssue, parseInventory, type InventoryTable, type Issue } from '../../src/core'
import { readInventoryXlsx, writeInventoryXlsx } from '../../src/xlsx/inventory'
import { badXlsx, GOOD_HEADER, xlsxOf } from '../xlsx-cases'

const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou']
const tmp = mkdtempSync(join(tmpdir(), 'lantian-xlsx-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function csvTable(seed: string): InventoryTable {
  const r = parseInventory(readFileSync(`seeds/${seed}/inventory.csv`), `seeds/${seed}/inventory.csv`)
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'))
  return r.value
}

// Everything that defines the inventory; `rows` (source lines) and the XLSX reader's extras are compared separately.
function content(t: InventoryTable): Record<string, unknown> {
  const o: Record<string, unknown> = { ...t }
  for (const k of ['rows', 'columns', 'sheet']) delete o[k]
  return o
}

async function refused(bytes: Uint8Array, file = 'inventory.xlsx'): Promise<Issue[]> {
  const r = await readInventoryXlsx(bytes, file)
  if (r.ok) throw new Error('expected a refusal')
  console.log(r.issues.map(formatIssue).join('\n'))
  return r.issues
}

describe('XLSX inventory import (worker, exceljs)', () => {
  it.each(SEEDS)('round-trips seed %s: CSV → XLSX template → import gives the identical table, rows included', async (seed) => {
    const a = csvTable(seed)
    const bytes = await writeInventoryXlsx(a)
    const b = await readInventoryXlsx(bytes, 'template.xlsx')
    if (!b.ok) throw new Error(b.issues.map(formatIssue).join('\n'))
    expect(b.value.sheet).toBe('清单')
    expect(content(b.value)).toEqual(content(a))
    expect(Array.from(b.value.rows)).toEqual(Array.from(a.rows))
    expect(b.warnings).toEqual([])
  })

  it('reads a sheet with Chinese headers, formulas (cached result), rich text and metadata rows split over cells', async () => {
    const bytes = await xlsxOf((ws, wb) => {
      wb.addWorksheet('notes').addRow(['this sheet is not the inventory'])
      ws.addRow(['# format: lantian-inventory/1'])
      ws.addRow(['# year: 2022'])
      // A spreadsheet program splits "# name: a, b" at the comma; the reader joins it back.
      ws.addRow(['# name: 甲县', ' 乙县'])
      ws.addRow(['# illustrative: true'])
      ws.addRow(['编号', '区域', '行业', '技术', '活动水平', '单位'])
      ws.addRow([
        'B1',
        { richText: [{ text: '西平' }, { text: '县', font: { bold: true } }] },
        'industry.boiler',
        'boiler-gas',
        { formula: '100+20', result: 120 },
        '万立方米',
      ])
      ws.addRow([])
      ws.addRow(['B2', '西平县', 'industry.boiler', 'boiler-coal', 8000, 't'])
    })
    // The preferred sheet is 清单 even though another sheet comes first.
    const r = await readInventoryXlsx(bytes, 'cn.xlsx')
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'))
    expect(r.value.name).toBe('甲县, 乙县')
    expect(r.value.illustrative).toBe(true)
    expect(r.value.region.dict).toEqual(['西平县'])
    expect(Array.from(r.value.activity)).toEqual([120, 8000])
    // Sheet rows: the blank row 7 is skipped, B2 is on row 8.
    expect(Array.from(r.value.rows)).toEqual([6, 8])
    expect(r.value.columns.labels.get('activity')).toBe('E (activity)')
  })

  it('refuses text in activity, naming file, sheet, row and column letter', async () => {
    const issues = await refused(await badXlsx('text in activity').bytes())
    expect(issues[0]).toMatchObject({ code: 'csv.number', file: 'inventory.xlsx', sheet: '清单', row: 6, column: 'E (activity)' })
    expect(formatIssue(issues[0] as Issue)).toContain('inventory.xlsx, sheet 清单, row 6, column E (activity)')
    expect(issues[0]?.zh).toMatch(/不是数值/)
    expect(issues[0]?.en).toMatch(/not a number/)
  })

  it('refuses a negative activity', async () => {
    const issues = await refused(await badXlsx('negative activity').bytes())
    expect(issues[0]).toMatchObject({ code: 'inventory.negative', sheet: '清单', row: 6, column: 'E (activity)' })
  })

  it('refuses a wrong header (missing activity, duplicate column) on the header row', async () => {
    const issues = await refused(await badXlsx('wrong header (duplicate column, missing activity)').bytes())
    expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['csv.header-duplicate', 3, 'G (region)'],
      ['csv.column-missing', 3, 'activity'],
    ])
  })

  it('refuses dates, error values and formulas without a cached result, each at its cell', async () => {
    const issues = await refused(await badXlsx('a date, a formula without a cached result and an error value').bytes())
    expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['xlsx.date', 6, 'E (activity)'],
      ['xlsx.formula-no-result', 7, 'E (activity)'],
      ['xlsx.error-value', 8, 'G (capacity)'],
    ])
  })

  it('refuses an empty sheet, a sheet without records, a missing year and a file that is not a zip', async () => {
    expect((await refused(await badXlsx('an empty sheet').bytes()))[0]).toMatchObject({ code: 'inventory.empty', sheet: '清单' })
    const headerOnly = await refused(
      await xlsxOf((ws) => {
        ws.addRow(['# format: lantian-inventory/1'])
        ws.addRow(['# year: 2022'])
        ws.addRow(GOOD_HEADER)
      }),
    )
    expect(headerOnly[0]).toMatchObject({ code: 'inventory.no-records', row: 3 })
    const noYear = await refused(
      await xlsxOf((ws) => {
        ws.addRow(['# format: lantian-inventory/1'])
        ws.addRow(GOOD_HEADER)
      }),
    )
    expect(noYear[0]).toMatchObject({ code: 'inventory.meta', sheet: '清单' })
    expect(noYear[0]?.en).toMatch(/"year"/)
    const notZip = await refused(await badXlsx('a CSV renamed .xlsx (not a zip)').bytes(), 'renamed.xlsx')
    expect(notZip[0]).toMatchObject({ code: 'xlsx.not-zip', file: 'renamed.xlsx' })
    expect(notZip[0]?.zh).toMatch(/zip/)
    const brokenZip = await refused(await badXlsx('a broken zip').bytes(), 'broken.xlsx')
    expect(brokenZip[0]?.code).toBe('xlsx.damaged')
  })

  it('imports a workbook LibreOffice converted from a seed CSV, identical to the CSV', async () => {
    const src = join(tmp, 'xiping.csv')
    writeFileSync(src, readFileSync('seeds/xiping/inventory.csv'))
    // A private LibreOffice profile, so that parallel runs do not fight over the user's one; CSV filter: comma,
    // double quote, UTF-8 (76), from line 1, every column as text (2) would hide numbers, so types are detected.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${join(tmp, 'lo-profile')}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', tmp, src],
      { stdio: 'pipe', timeout: 120_000 },
    )
    const r = await readInventoryXlsx(readFileSync(join(tmp, 'xiping.xlsx')), 'xiping.xlsx')
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'))
    const a = csvTable('xiping')
    expect(content(r.value)).toEqual(content(a))
    expect(Array.from(r.value.rows)).toEqual(Array.from(a.rows))
  })
})
