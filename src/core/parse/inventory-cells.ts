import { echo, fail, issue, ok, type Issue, type Result } from '../issues'
import { readColumns } from './inventory-columns'
import { canonicalHeader, MAX_RECORDS } from './inventory-csv-header'
import { checkInventoryMeta, metaLine, type MetaEntry } from './inventory-meta'
import { invisibleIssue, invisibleNameIssues } from './inventory-names'
import { invisibleAt } from '../names'
import { noRecords, type InventoryTable } from './inventory-table'

/** A cell the reader could not turn into text (a date, an error value, a formula without a cached result). */
export interface RefusedCell {
  refused: { code: string; zh: string; en: string }
}

/** One cell of a spreadsheet as the reader found it: text, a number, empty, or refused with a reason. */
export type GridCell = string | number | null | RefusedCell

/** The non-blank rows of a spreadsheet, top to bottom, with the 1-based sheet row number of each. */
export interface CellGrid {
  /** Sheet name, named in every issue. */
  sheet?: string
  rows: GridCell[][]
  rowNumbers: number[]
}

/** What a successful grid parse gives besides the table: where each canonical column is, for locating later issues. */
export interface GridColumns {
  /** Canonical column name → its label in issues, e.g. `activity` → `F (activity)`. */
  labels: ReadonlyMap<string, string>
  /** The header as written (one cell per column). */
  header: string[]
}

const REQUIRED = ['id', 'region', 'sector', 'technology', 'activity', 'unit'] as const

/** Return the spreadsheet letter of a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(j: number): string {
  let s = ''
  for (let k = j + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
  return s
}

const isRefused = (c: GridCell): c is RefusedCell => typeof c === 'object' && c !== null
/** Return a cell as the text a CSV would hold (numbers in JavaScript's shortest round-trip form). */
const text = (c: GridCell | undefined): string => (c === null || c === undefined || isRefused(c) ? '' : typeof c === 'number' ? String(c) : c)

/**
 * Parse an inventory held as a grid of cells (an XLSX sheet, read by the worker) into the columnar table, with
 * the CSV's rules: leading rows whose first cell starts with `#` carry `# key: value` metadata (cells to the
 * right of it are joined back with commas, as a CSV line split by a spreadsheet program), then one header row
 * with the same aliases, then one record per row, validated by the same column builder. Every issue names the
 * file, the sheet, the sheet row and the column as letter and name, e.g. `F (activity)`.
 */
export function parseInventoryCells(grid: CellGrid, file: string): Result<InventoryTable & { columns: GridColumns }> {
  const { rows, rowNumbers } = grid
  const sheet = grid.sheet !== undefined ? { sheet: grid.sheet } : {}
  const at = (k: number) => rowNumbers[k] ?? k + 1
  if (rows.length === 0)
    return fail([issue('inventory.empty', '工作表为空：没有表头和数据行', 'the sheet is empty: no header and no data rows', { file, ...sheet })])

  const meta: MetaEntry[] = []
  let k = 0
  for (; k < rows.length; k++) {
    const first = text(rows[k]?.[0]).trim()
    if (!first.startsWith('#')) break
    const cells = (rows[k] ?? []).map(text)
    let last = cells.length - 1
    while (last > 0 && cells[last] === '') last--
    const line = cells.slice(0, last + 1).join(',')
    const kv = metaLine(line)
    if (kv) meta.push({ ...kv, row: at(k) })
  }
  const metaParsed = checkInventoryMeta({ entries: meta, ...sheet }, file)
  if (!metaParsed.ok) return metaParsed
  if (k >= rows.length) return fail([issue('inventory.empty', '工作表只有元数据行，没有表头', 'the sheet has metadata rows but no header', { file, ...sheet })])

  const headerRow = at(k)
  const headerCells = rows[k] ?? []
  let width = headerCells.length
  while (width > 0 && text(headerCells[width - 1]).trim() === '') width--
  const written = headerCells.slice(0, width).map((c) => text(c).trim())
  const header = written.map(canonicalHeader)
  const issues: Issue[] = []
  written.forEach((h, j) => {
    const at = invisibleAt(h)
    if (at >= 0) issues.push(invisibleIssue(h, at, { file, ...sheet, row: headerRow, column: columnLetter(j) }))
  })
  if (issues.length > 0) return fail(issues)
  const seen = new Map<string, number>()
  const label = (j: number) => `${columnLetter(j)}${header[j] ? ` (${header[j]})` : ''}`
  header.forEach((h, j) => {
    if (h === '')
      issues.push(
        issue('csv.header-empty', `${columnLetter(j)} 列表头为空`, `header of column ${columnLetter(j)} is empty`, {
          file,
          ...sheet,
          row: headerRow,
          column: columnLetter(j),
        }),
      )
    else if (seen.has(h))
      issues.push(
        issue(
          'csv.header-duplicate',
          `列 ${echo(h)} 重复（${columnLetter(seen.get(h) ?? 0)} 列与 ${columnLetter(j)} 列）`,
          `column ${echo(h)} appears twice (columns ${columnLetter(seen.get(h) ?? 0)} and ${columnLetter(j)})`,
          { file, ...sheet, row: headerRow, column: label(j) },
        ),
      )
    if (h !== '' && !seen.has(h)) seen.set(h, j)
  })
  for (const r of REQUIRED)
    if (!seen.has(r))
      issues.push(
        issue('csv.column-missing', `缺少必需列 ${echo(r)}（表头在第 ${headerRow} 行）`, `required column ${echo(r)} is missing (header on row ${headerRow})`, {
          file,
          ...sheet,
          row: headerRow,
          column: r,
        }),
      )
  if (issues.length > 0) return fail(issues)

  const n = rows.length - k - 1
  if (n > MAX_RECORDS)
    return fail([issue('inventory.too-many', `记录数 ${n} 超过上限 ${MAX_RECORDS}`, `${n} records exceed the limit of ${MAX_RECORDS}`, { file, ...sheet })])
  if (n === 0) return fail([{ ...noRecords(file), ...sheet, row: headerRow }])
  const rowOf = (i: number) => at(k + 1 + i)

  // Cells the reader refused, and values outside the header's columns, are errors of their own.
  const textRows: string[][] = [written]
  for (let i = 0; i < n; i++) {
    const r = rows[k + 1 + i] ?? []
    const out = new Array<string>(width)
    for (let j = 0; j < r.length; j++) {
      const c = r[j] ?? null
      if (j >= width) {
        if (c !== null && text(c).trim() !== '' && issues.length < 200)
          issues.push(
            issue('xlsx.beyond-header', `${columnLetter(j)} 列有值但没有表头`, `column ${columnLetter(j)} has a value but no header`, {
              file,
              ...sheet,
              row: rowOf(i),
              column: columnLetter(j),
            }),
          )
        continue
      }
      if (isRefused(c)) {
        if (issues.length < 200) issues.push(issue(c.refused.code, c.refused.zh, c.refused.en, { file, ...sheet, row: rowOf(i), column: label(j) }))
        out[j] = ''
      } else out[j] = text(c)
    }
    for (let j = r.length; j < width; j++) out[j] = ''
    textRows.push(out)
  }
  if (issues.length > 0) return fail(issues)

  const cols = readColumns(textRows, header, seen, n, rowOf, (code, zh, en, i, column) => {
    if (issues.length < 1000) issues.push(issue(code, zh, en, { file, ...sheet, row: rowOf(i), column: label(seen.get(column) ?? -1) }))
  })
  if (issues.length > 0) return fail(issues.slice(0, 200))
  const hidden = invisibleNameIssues({ year: 0, illustrative: false, n, ...cols, rows: new Int32Array(0) }, (i, column) => ({
    file,
    ...sheet,
    row: rowOf(i),
    column: label(seen.get(column) ?? -1),
  }))
  if (hidden.length > 0) return fail(hidden)
  const m = metaParsed.value
  const labels = new Map([...seen].map(([h, j]) => [h, label(j)]))
  return ok(
    {
      ...(m.name !== undefined ? { name: m.name } : {}),
      year: m.year,
      illustrative: m.illustrative,
      ...(m.note !== undefined ? { note: m.note } : {}),
      n,
      ...cols,
      rows: Int32Array.from({ length: n }, (_, i) => rowOf(i)),
      columns: { labels, header: written },
    },
    metaParsed.warnings,
  )
}
