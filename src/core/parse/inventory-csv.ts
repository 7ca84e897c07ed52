import Papa from 'papaparse'
import { issue, type Issue, type Result, fail, ok } from '../issues'
import { InventoryMetaSchema } from '../schema'
import { dictColumn, type AttributeColumn, type InventoryTable } from './inventory-table'

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
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** Map a header cell to its canonical column name. */
export function canonicalHeader(h: string): string {
  const t = h.trim()
  const lower = t.toLowerCase()
  return HEADER_ALIASES[t] ?? HEADER_ALIASES[lower] ?? HEADER_ALIASES[lower.replace(/\s+/g, '')] ?? lower
}

/** Parse a number written in a file, or explain why it is not one. */
export function parseNumberCell(raw: string): { ok: true; value: number } | { ok: false; zh: string; en: string } {
  const s = raw.trim()
  if (NUMBER.test(s)) {
    const v = Number(s)
    if (Number.isFinite(v)) return { ok: true, value: v }
    return { ok: false, zh: `数值超出范围："${s}"`, en: `number out of range: "${s}"` }
  }
  if (/^[+-]?[\d,]+(\.\d+)?$/.test(s) && s.includes(','))
    return { ok: false, zh: `数值不能含千位分隔符："${s}"`, en: `numbers must not contain thousands separators: "${s}"` }
  if (/[０-９．]/.test(s)) return { ok: false, zh: `数值含全角字符："${s}"`, en: `number contains full-width characters: "${s}"` }
  return { ok: false, zh: `不是数值："${s}"`, en: `not a number: "${s}"` }
}

/** Parse an inventory CSV (already decoded to text). Every problem is reported with row and column. */
export function parseInventoryCsv(source: string, file: string): Result<InventoryTable> {
  if (source.length > MAX_INVENTORY_BYTES)
    return fail([issue('file.too-large', '清单文件超过 200 MB 上限', 'inventory file is larger than the 200 MB limit', { file })])
  const lines = source.split(/\r\n|\n|\r/)
  // Leading "# key: value" lines carry the metadata.
  const meta: Record<string, unknown> = {}
  let skip = 0
  while (skip < lines.length && ((lines[skip] ?? '').startsWith('#') || (lines[skip] ?? '').trim() === '')) {
    const m = /^#\s*([A-Za-z_]+)\s*:\s*(.*)$/.exec(lines[skip] ?? '')
    if (m?.[1]) meta[m[1]] = m[2]?.trim()
    skip++
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
      metaParsed.error.issues.map((zi) =>
        issue(
          'inventory.meta',
          `清单元数据 "${zi.path.join('.')}" 无效或缺失（例如 "# year: 2022"）`,
          `inventory metadata "${zi.path.join('.')}" is missing or invalid (e.g. "# year: 2022"): ${zi.message}`,
          { file },
        ),
      ),
    )
  }
  const body = lines.slice(skip).join('\n')
  if (body.trim().length === 0) return fail([issue('inventory.empty', '清单没有表头和数据行', 'inventory has no header and no data rows', { file })])
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', skipEmptyLines: 'greedy' })
  const rowsIn = parsed.data
  const header = (rowsIn[0] ?? []).map(canonicalHeader)
  const headerLine = skip + 1
  const issues: Issue[] = []
  if (header.length <= 1 && /[;\t|]/.test((rowsIn[0] ?? [''])[0] ?? '')) {
    return fail([
      issue(
        'csv.delimiter',
        '表头未用逗号分隔（检测到分号、制表符或竖线）；请另存为逗号分隔的 CSV',
        'header is not comma-separated (found ";", tab or "|"); save as comma-separated CSV',
        { file, row: headerLine },
      ),
    ])
  }
  const seen = new Map<string, number>()
  header.forEach((h, j) => {
    if (h === '')
      issues.push(issue('csv.header-empty', `第 ${j + 1} 列表头为空`, `header of column ${j + 1} is empty`, { file, row: headerLine, column: String(j + 1) }))
    else if (seen.has(h)) issues.push(issue('csv.header-duplicate', `列 "${h}" 重复`, `column "${h}" appears twice`, { file, row: headerLine, column: h }))
    seen.set(h, j)
  })
  for (const r of REQUIRED) {
    if (!seen.has(r)) issues.push(issue('csv.column-missing', `缺少必需列 "${r}"`, `required column "${r}" is missing`, { file, row: headerLine, column: r }))
  }
  if (issues.length > 0) return fail(issues)
  const n = rowsIn.length - 1
  if (n > MAX_RECORDS)
    return fail([issue('inventory.too-many', `记录数 ${n} 超过上限 ${MAX_RECORDS}`, `${n} records exceed the limit of ${MAX_RECORDS}`, { file })])
  const col = (name: string) => seen.get(name) ?? -1
  const cells = (name: string) => {
    const j = col(name)
    return rowsIn.slice(1).map((r) => (j >= 0 ? (r[j] ?? '').trim() : ''))
  }
  const rowOf = (i: number) => headerLine + 1 + i
  for (let i = 0; i < n; i++) {
    const r = rowsIn[i + 1] ?? []
    if (r.length !== header.length) {
      issues.push(
        issue('csv.ragged', `该行有 ${r.length} 列，表头有 ${header.length} 列`, `row has ${r.length} cells but the header has ${header.length}`, {
          file,
          row: rowOf(i),
        }),
      )
      if (issues.length >= 50) return fail(issues)
    }
  }
  if (issues.length > 0) return fail(issues)
  const ids = cells('id')
  const idSeen = new Map<string, number>()
  const textCells = (name: string) => {
    const v = cells(name)
    v.forEach((x, i) => {
      if (x === '' && (REQUIRED as readonly string[]).includes(name))
        issues.push(issue('csv.cell-empty', `"${name}" 为空`, `"${name}" is empty`, { file, row: rowOf(i), column: name }))
    })
    return v
  }
  ids.forEach((id, i) => {
    const prev = idSeen.get(id)
    if (id !== '' && prev !== undefined)
      issues.push(
        issue('inventory.duplicate-id', `编号 "${id}" 与第 ${rowOf(prev)} 行重复`, `id "${id}" duplicates row ${rowOf(prev)}`, {
          file,
          row: rowOf(i),
          column: 'id',
        }),
      )
    idSeen.set(id, i)
  })
  const region = textCells('region')
  const sector = textCells('sector')
  const technology = textCells('technology')
  const unit = textCells('unit')
  textCells('id')
  const numbers = (name: string, required: boolean, nonNegative: boolean): Float64Array => {
    const out = new Float64Array(n).fill(NaN)
    cells(name).forEach((raw, i) => {
      if (raw === '') {
        if (required) issues.push(issue('csv.cell-empty', `"${name}" 为空`, `"${name}" is empty`, { file, row: rowOf(i), column: name }))
        return
      }
      const p = parseNumberCell(raw)
      if (!p.ok) issues.push(issue('csv.number', p.zh, p.en, { file, row: rowOf(i), column: name }))
      else if (nonNegative && p.value < 0)
        issues.push(
          issue('inventory.negative', `"${name}" 不能为负：${p.value}`, `"${name}" must not be negative: ${p.value}`, { file, row: rowOf(i), column: name }),
        )
      else out[i] = p.value
    })
    return out
  }
  const activity = numbers('activity', true, true)
  const nox = numbers('nox_t', false, true)
  const vocs = numbers('vocs_t', false, true)
  const taken = new Set<string>([...REQUIRED, 'nox_t', 'vocs_t'])
  const attributes: AttributeColumn[] = []
  for (const h of header) {
    if (taken.has(h) || h.endsWith('_unit')) continue
    const v = cells(h)
    const numeric = v.every((x) => x === '' || parseNumberCell(x).ok) && v.some((x) => x !== '')
    const unitCol = seen.has(`${h}_unit`) ? dictColumn(cells(`${h}_unit`)) : undefined
    if (numeric)
      attributes.push({ name: h, kind: 'number', values: Float64Array.from(v, (x) => (x === '' ? NaN : Number(x))), ...(unitCol ? { unit: unitCol } : {}) })
    else attributes.push({ name: h, kind: 'text', values: dictColumn(v) })
  }
  for (const h of header) {
    if (h.endsWith('_unit') && !seen.has(h.slice(0, -5))) attributes.push({ name: h, kind: 'text', values: dictColumn(cells(h)) })
  }
  if (issues.length > 0) return fail(issues.slice(0, 200))
  const m = metaParsed.data
  return ok(
    {
      ...(m.name !== undefined ? { name: m.name } : {}),
      year: m.year,
      illustrative: m.illustrative,
      ...(m.note !== undefined ? { note: m.note } : {}),
      n,
      ids,
      region: dictColumn(region),
      sector: dictColumn(sector),
      technology: dictColumn(technology),
      unit: dictColumn(unit),
      activity,
      observed: [nox, vocs],
      attributes,
      rows: Int32Array.from({ length: n }, (_, i) => rowOf(i)),
    },
    warnings,
  )
}
