import { issue, type Issue, type Result, fail, ok } from '../issues'
import { blankFrom } from './char-scan'
import { splitCsv } from './csv-split'
import { readCsvColumns, type CsvColumns } from './inventory-csv-fast'
import { checkHeader, emptyInventoryIssue, MAX_INVENTORY_BYTES, MAX_RECORDS, raggedIssue, tooManyIssue } from './inventory-csv-header'
import { checkInventoryMeta, metaLine, type MetaEntry } from './inventory-meta'
import { invisibleNameIssues } from './inventory-names'
import { noRecords, type InventoryTable } from './inventory-table'
import { readColumns } from './inventory-columns'
import { parseNumberCell } from './number-cell'

export { parseNumberCell }
export { MAX_RECORDS, MAX_INVENTORY_BYTES, HEADER_ALIASES, canonicalHeader } from './inventory-csv-header'

/** Parse an inventory CSV (already decoded to text). Every problem is reported with row and column. */
export function parseInventoryCsv(source: string, file: string): Result<InventoryTable> {
  if (source.length > MAX_INVENTORY_BYTES)
    return fail([issue('file.too-large', '清单文件超过 200 MB 上限', 'inventory file is larger than the 200 MB limit', { file })])
  if (blankFrom(source, 0)) return fail([issue('file.empty', '文件为空', 'file is empty', { file })])
  // Leading "# key: value" lines (and blank lines) carry the metadata; scan them without splitting the whole file.
  const meta: MetaEntry[] = []
  let skip = 0
  let offset = 0
  while (offset < source.length) {
    const m = /\r\n|\n|\r/g
    m.lastIndex = offset
    const nl = m.exec(source)
    const end = nl ? nl.index : source.length
    const line = source.slice(offset, end)
    if (!(line.startsWith('#') || line.trim() === '')) break
    const kv = metaLine(line)
    if (kv) meta.push({ ...kv, row: skip + 1 })
    skip++
    offset = nl ? end + nl[0].length : source.length
  }
  const metaParsed = checkInventoryMeta({ entries: meta }, file)
  if (!metaParsed.ok) return metaParsed
  if (blankFrom(source, offset)) return fail([emptyInventoryIssue(file)])
  // papaparse (which the exact reader mirrors) drops one byte-order mark at the start of the body.
  const from = source.charCodeAt(offset) === 0xfeff ? offset + 1 : offset
  const cols = readCsvColumns(source, from, skip + 1, file) ?? readExact(source.slice(from).replace(/\r\n?/g, '\n'), skip, file)
  if (!cols.ok) return cols
  const rows = cols.value.rows
  const hidden = invisibleNameIssues({ year: 0, illustrative: false, ...cols.value }, (i, column) => ({ file, row: rows[i] ?? 0, column }))
  if (hidden.length > 0) return fail(hidden)
  const m = metaParsed.value
  return ok(
    {
      ...(m.name !== undefined ? { name: m.name } : {}),
      year: m.year,
      illustrative: m.illustrative,
      ...(m.note !== undefined ? { note: m.note } : {}),
      ...cols.value,
    },
    metaParsed.warnings,
  )
}

/**
 * Read a CSV body (line breaks already `\n`) the exact, string-per-cell way: split into rows of strings with
 * papaparse's rules, then into columns. Used for the files the fast reader hands back (unusual quoting), so that
 * quote errors and their rows stay exactly as they were.
 */
function readExact(body: string, skip: number, file: string): Result<CsvColumns> {
  const parsed = splitCsv(body)
  // Keep the 1-based file line of every non-blank row (quoted cells may span lines).
  const rowsIn: string[][] = []
  const lineOfRow: number[] = []
  const dataIndex = new Map<number, number>()
  let line = skip + 1
  parsed.data.forEach((r, k) => {
    let extra = 0
    let blank = true
    for (const c of r) {
      if (blank && c.trim() !== '') blank = false
      for (let j = c.indexOf('\n'); j >= 0; j = c.indexOf('\n', j + 1)) extra++
    }
    if (!blank) {
      dataIndex.set(k, rowsIn.length)
      rowsIn.push(r)
      lineOfRow.push(line)
    }
    line += 1 + extra
  })
  const rowOfParsed = (k: number) => lineOfRow[dataIndex.get(k) ?? -1] ?? skip + 1 + k
  const quoteIssues = parsed.errors
    .slice(0, 20)
    .map((e) =>
      issue(
        'csv.quote',
        e.code === 'MissingQuotes' ? '引号未闭合（从这一行开始的带引号单元格没有结束引号）' : '引号位置错误（带引号单元格的结束引号后还有字符）',
        e.code === 'MissingQuotes'
          ? 'unclosed quote (a quoted cell starting on this row never ends)'
          : 'misplaced quote (characters after the closing quote of a quoted cell)',
        { file, row: rowOfParsed(e.row) },
      ),
    )
  if (quoteIssues.length > 0) return fail(quoteIssues)
  if (rowsIn.length === 0) return fail([emptyInventoryIssue(file)])
  const headerLine = lineOfRow[0] ?? skip + 1
  const checked = checkHeader(rowsIn[0] ?? [], headerLine, file)
  if (!checked.ok) return checked
  const { header, seen } = checked.value
  const n = rowsIn.length - 1
  if (n > MAX_RECORDS) return fail([tooManyIssue(n, file)])
  if (n === 0) return fail([{ ...noRecords(file), row: headerLine }])
  const rowOf = (i: number) => lineOfRow[i + 1] ?? headerLine + 1 + i
  const issues: Issue[] = []
  for (let i = 0; i < n; i++) {
    const r = rowsIn[i + 1] ?? []
    if (r.length !== header.length) {
      issues.push(raggedIssue(r.length, header.length, file, rowOf(i)))
      if (issues.length >= 50) return fail(issues)
    }
  }
  if (issues.length > 0) return fail(issues)
  const cols = readColumns(rowsIn, header, seen, n, rowOf, (code, zh, en, i, column) => {
    if (issues.length < 1000) issues.push(issue(code, zh, en, { file, row: rowOf(i), column }))
  })
  if (issues.length > 0) return fail(issues.slice(0, 200))
  return ok({ n, ...cols, rows: Int32Array.from({ length: n }, (_, i) => rowOf(i)) })
}
