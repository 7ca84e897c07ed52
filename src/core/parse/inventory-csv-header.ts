import { echo, issue, type Issue, type Result, fail, ok } from '../issues'
import { invisibleAt } from '../names'
import { invisibleIssue } from './inventory-names'

/** Records accepted in one inventory; above this the file is refused with a clear message. */
export const MAX_RECORDS = 2_000_000
/** Largest inventory CSV accepted (checked on the bytes before decoding, and on the text). */
export const MAX_INVENTORY_BYTES = 200 * 1024 * 1024

const ALIASES = {
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
  活动水平出处: 'activity_provenance',
  活动水平依据: 'activity_basis',
  区县: 'county',
  货物: 'cargo',
  货类: 'cargo',
}

/** Chinese and alternative headers accepted for the canonical columns. */
export const HEADER_ALIASES: ReadonlyMap<string, string> = new Map(Object.entries(ALIASES))

const REQUIRED = ['id', 'region', 'sector', 'technology', 'activity', 'unit'] as const

/** Map a header cell to its canonical column name. */
export function canonicalHeader(h: string): string {
  const t = h.trim()
  const lower = t.toLowerCase()
  return HEADER_ALIASES.get(t) ?? HEADER_ALIASES.get(lower) ?? HEADER_ALIASES.get(lower.replace(/\s+/g, '')) ?? lower
}

/** A checked header: canonical names and the first column of each name. */
export interface CsvHeader {
  header: string[]
  seen: Map<string, number>
}

/**
 * Check the header row (its cells as read, unquoted but untrimmed): comma-separated, no empty or duplicate names,
 * every required column present. Both CSV readers share it so that their messages cannot drift apart.
 */
export function checkHeader(raw: readonly string[], headerLine: number, file: string): Result<CsvHeader> {
  const header = raw.map(canonicalHeader)
  const first = raw[0] ?? ''
  if (header.length <= 1 && /[;\t|]/.test(first)) {
    const found = /;/.test(first) ? ['分号', '";"'] : /\t/.test(first) ? ['制表符', 'tab'] : ['竖线', '"|"']
    return fail([
      issue(
        'csv.delimiter',
        `表头未用逗号分隔（检测到${found[0]}）；请另存为逗号分隔的 CSV`,
        `header is not comma-separated (found ${found[1]}); save as comma-separated CSV`,
        { file, row: headerLine },
      ),
    ])
  }
  const issues: Issue[] = []
  raw.forEach((h, j) => {
    const k = invisibleAt(h.trim())
    if (k >= 0) issues.push(invisibleIssue(h.trim(), k, { file, row: headerLine, column: String(j + 1) }))
  })
  if (issues.length > 0) return fail(issues)
  const seen = new Map<string, number>()
  header.forEach((h, j) => {
    if (h === '')
      issues.push(issue('csv.header-empty', `第 ${j + 1} 列表头为空`, `header of column ${j + 1} is empty`, { file, row: headerLine, column: String(j + 1) }))
    else if (seen.has(h))
      issues.push(
        issue(
          'csv.header-duplicate',
          `列 ${echo(h)} 重复（第 ${(seen.get(h) ?? 0) + 1} 列与第 ${j + 1} 列）`,
          `column ${echo(h)} appears twice (columns ${(seen.get(h) ?? 0) + 1} and ${j + 1})`,
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
    if (!seen.has(r))
      issues.push(issue('csv.column-missing', `缺少必需列 ${echo(r)}`, `required column ${echo(r)} is missing`, { file, row: headerLine, column: r }))
  }
  return issues.length > 0 ? fail(issues) : ok({ header, seen })
}

/** Build the issue for a row whose cell count differs from the header's. */
export function raggedIssue(cells: number, headerCells: number, file: string, row: number): Issue {
  return issue(
    'csv.ragged',
    `该行有 ${cells} 列，表头有 ${headerCells} 列${cells < headerCells ? '（行被截断或缺少逗号）' : '（多出的逗号？含逗号的值须加引号）'}`,
    `row has ${cells} cells but the header has ${headerCells}${cells < headerCells ? ' (truncated row or missing commas)' : ' (extra commas? quote values that contain commas)'}`,
    { file, row },
  )
}

/** Build the issue for a file with more records than `MAX_RECORDS`. */
export function tooManyIssue(n: number, file: string): Issue {
  return issue('inventory.too-many', `记录数 ${n} 超过上限 ${MAX_RECORDS}`, `${n} records exceed the limit of ${MAX_RECORDS}`, { file })
}

/** Build the issue for a file without a header and data rows. */
export function emptyInventoryIssue(file: string): Issue {
  return issue('inventory.empty', '清单没有表头和数据行', 'inventory has no header and no data rows', { file })
}
