/**
 * The inventory CSV reader as it was before the fast columnar reader (papaparse, one string per cell), kept in the
 * tests only as the reference the differential property test compares the new reader with. Do not change it.
 */
import Papa from 'papaparse'
import { issue, type Issue, type Result, fail, ok } from '../../../src/core/issues'
import { InventoryMetaSchema } from '../../../src/core/schema'
import { noRecords, type InventoryTable } from '../../../src/core/parse/inventory-table'
import { readColumns } from '../../../src/core/parse/inventory-columns'
import { parseNumberCell } from '../../../src/core/parse/number-cell'

export { parseNumberCell }

/** Records accepted in one inventory; above this the file is refused with a clear message. */
export const MAX_RECORDS = 2_000_000
export const MAX_INVENTORY_BYTES = 200 * 1024 * 1024

/** Chinese and alternative headers accepted for the canonical columns. */
export const HEADER_ALIASES: Record<string, string> = {
  编号: 'id',
  序号: 'id',
  记录编号: 'id',
  区域: 'region',
  地区: 'region',
  行政区: 'region',
  行业: 'sector',
  部门: 'sector',
  行业代码: 'sector',
  技术: 'technology',
  工艺: 'technology',
  技术类型: 'technology',
  活动水平: 'activity',
  活动量: 'activity',
  单位: 'unit',
  活动水平单位: 'unit',
  nox排放量: 'nox_t',
  'nox排放量(t)': 'nox_t',
  'nox排放量（t）': 'nox_t',
  氮氧化物排放量: 'nox_t',
  nox: 'nox_t',
  vocs排放量: 'vocs_t',
  'vocs排放量(t)': 'vocs_t',
  'vocs排放量（t）': 'vocs_t',
  挥发性有机物排放量: 'vocs_t',
  vocs: 'vocs_t',
  容量: 'capacity',
  规模: 'capacity',
  容量单位: 'capacity_unit',
  排放标准: 'standard',
  排放阶段: 'standard',
  治理设施: 'treatment',
  治理技术: 'treatment',
  企业名称: 'enterprise',
  企业: 'enterprise',
  县区: 'county',
  区县: 'county',
  货物: 'cargo',
  货类: 'cargo',
}

const REQUIRED = ['id', 'region', 'sector', 'technology', 'activity', 'unit'] as const

/** Map a header cell to its canonical column name. */
export function canonicalHeader(h: string): string {
  const t = h.trim()
  const lower = t.toLowerCase()
  return HEADER_ALIASES[t] ?? HEADER_ALIASES[lower] ?? HEADER_ALIASES[lower.replace(/\s+/g, '')] ?? lower
}

/** Parse an inventory CSV (already decoded to text). Every problem is reported with row and column. */
export function parseInventoryCsv(source: string, file: string): Result<InventoryTable> {
  if (source.length > MAX_INVENTORY_BYTES)
    return fail([issue('file.too-large', '清单文件超过 200 MB 上限', 'inventory file is larger than the 200 MB limit', { file })])
  if (source.trim().length === 0) return fail([issue('file.empty', '文件为空', 'file is empty', { file })])
  // Leading "# key: value" lines (and blank lines) carry the metadata; scan them without splitting the whole file.
  const meta: Record<string, unknown> = {}
  const metaRow: Record<string, number> = {}
  let skip = 0
  let offset = 0
  while (offset < source.length) {
    const m = /\r\n|\n|\r/g
    m.lastIndex = offset
    const nl = m.exec(source)
    const end = nl ? nl.index : source.length
    const line = source.slice(offset, end)
    if (!(line.startsWith('#') || line.trim() === '')) break
    const kv = /^#\s*([A-Za-z_]+)\s*:\s*(.*)$/.exec(line)
    if (kv?.[1]) {
      meta[kv[1]] = kv[2]?.trim()
      metaRow[kv[1]] = skip + 1
    }
    skip++
    offset = nl ? end + nl[0].length : source.length
  }
  const warnings: Issue[] = []
  if (meta.format === undefined) {
    warnings.push(
      issue('inventory.no-format', '缺少 "# format: lantian-inventory/1" 行，按第 1 版读取', 'no "# format: lantian-inventory/1" line; read as version 1', {
        file,
        severity: 'warning',
      }),
    )
    meta.format = 'lantian-inventory/1'
  }
  const metaParsed = InventoryMetaSchema.safeParse({
    ...meta,
    year: meta.year === undefined ? undefined : Number(meta.year),
    illustrative: meta.illustrative === undefined ? false : ['true', 'yes', '1', '是'].includes(String(meta.illustrative).toLowerCase()),
  })
  if (!metaParsed.success) {
    return fail(
      metaParsed.error.issues.map((zi) => {
        const key = String(zi.path[0] ?? '')
        const row = metaRow[key]
        const raw = meta[key]
        const got = raw === undefined ? { zh: '缺失', en: 'missing' } : { zh: `"${String(raw)}"`, en: `"${String(raw)}"` }
        const example = key === 'format' ? '"# format: lantian-inventory/1"' : key === 'year' ? '"# year: 2022"' : `"# ${key}: …"`
        return issue(
          'inventory.meta',
          `清单元数据 "${key}" 无效或缺失（${got.zh}），应写成例如 ${example}`,
          `inventory metadata "${key}" is missing or invalid (${got.en}); write e.g. ${example}`,
          { file, ...(row !== undefined ? { row } : {}) },
        )
      }),
    )
  }
  const body = source.slice(offset).replace(/\r\n?/g, '\n')
  if (body.trim().length === 0) return fail([issue('inventory.empty', '清单没有表头和数据行', 'inventory has no header and no data rows', { file })])
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', newline: '\n', skipEmptyLines: false })
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
    .filter((e) => e.type === 'Quotes')
    .slice(0, 20)
    .map((e) =>
      issue(
        'csv.quote',
        e.code === 'MissingQuotes' ? '引号未闭合（从这一行开始的带引号单元格没有结束引号）' : '引号位置错误（带引号单元格的结束引号后还有字符）',
        e.code === 'MissingQuotes'
          ? 'unclosed quote (a quoted cell starting on this row never ends)'
          : 'misplaced quote (characters after the closing quote of a quoted cell)',
        { file, row: rowOfParsed(e.row ?? 0) },
      ),
    )
  if (quoteIssues.length > 0) return fail(quoteIssues)
  if (rowsIn.length === 0) return fail([issue('inventory.empty', '清单没有表头和数据行', 'inventory has no header and no data rows', { file })])
  const header = (rowsIn[0] ?? []).map(canonicalHeader)
  const headerLine = lineOfRow[0] ?? skip + 1
  const issues: Issue[] = []
  if (header.length <= 1 && /[;\t|]/.test((rowsIn[0] ?? [''])[0] ?? '')) {
    const found = /;/.test(rowsIn[0]?.[0] ?? '') ? ['分号', '";"'] : /\t/.test(rowsIn[0]?.[0] ?? '') ? ['制表符', 'tab'] : ['竖线', '"|"']
    return fail([
      issue(
        'csv.delimiter',
        `表头未用逗号分隔（检测到${found[0]}）；请另存为逗号分隔的 CSV`,
        `header is not comma-separated (found ${found[1]}); save as comma-separated CSV`,
        { file, row: headerLine },
      ),
    ])
  }
  const seen = new Map<string, number>()
  header.forEach((h, j) => {
    if (h === '')
      issues.push(issue('csv.header-empty', `第 ${j + 1} 列表头为空`, `header of column ${j + 1} is empty`, { file, row: headerLine, column: String(j + 1) }))
    else if (seen.has(h))
      issues.push(
        issue(
          'csv.header-duplicate',
          `列 "${h}" 重复（第 ${(seen.get(h) ?? 0) + 1} 列与第 ${j + 1} 列）`,
          `column "${h}" appears twice (columns ${(seen.get(h) ?? 0) + 1} and ${j + 1})`,
          {
            file,
            row: headerLine,
            column: h,
          },
        ),
      )
    if (!seen.has(h)) seen.set(h, j)
  })
  for (const r of REQUIRED) {
    if (!seen.has(r)) issues.push(issue('csv.column-missing', `缺少必需列 "${r}"`, `required column "${r}" is missing`, { file, row: headerLine, column: r }))
  }
  if (issues.length > 0) return fail(issues)
  const n = rowsIn.length - 1
  if (n > MAX_RECORDS)
    return fail([issue('inventory.too-many', `记录数 ${n} 超过上限 ${MAX_RECORDS}`, `${n} records exceed the limit of ${MAX_RECORDS}`, { file })])
  if (n === 0) return fail([{ ...noRecords(file), row: headerLine }])
  const rowOf = (i: number) => lineOfRow[i + 1] ?? headerLine + 1 + i
  for (let i = 0; i < n; i++) {
    const r = rowsIn[i + 1] ?? []
    if (r.length !== header.length) {
      issues.push(
        issue(
          'csv.ragged',
          `该行有 ${r.length} 列，表头有 ${header.length} 列${r.length < header.length ? '（行被截断或缺少逗号）' : '（多出的逗号？含逗号的值须加引号）'}`,
          `row has ${r.length} cells but the header has ${header.length}${r.length < header.length ? ' (truncated row or missing commas)' : ' (extra commas? quote values that contain commas)'}`,
          {
            file,
            row: rowOf(i),
          },
        ),
      )
      if (issues.length >= 50) return fail(issues)
    }
  }
  if (issues.length > 0) return fail(issues)
  const cols = readColumns(rowsIn, header, seen, n, rowOf, (code, zh, en, i, column) => {
    if (issues.length < 1000) issues.push(issue(code, zh, en, { file, row: rowOf(i), column }))
  })
  if (issues.length > 0) return fail(issues.slice(0, 200))
  const m = metaParsed.data
  return ok(
    {
      ...(m.name !== undefined ? { name: m.name } : {}),
      year: m.year,
      illustrative: m.illustrative,
      ...(m.note !== undefined ? { note: m.note } : {}),
      n,
      ...cols,
      rows: Int32Array.from({ length: n }, (_, i) => rowOf(i)),
    },
    warnings,
  )
}
