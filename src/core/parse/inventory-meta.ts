import type { z } from 'zod'
import { echo, fail, issue, ok, type Issue, type Result } from '../issues'
import { InventoryMetaSchema } from '../schema'

/** An inventory's metadata, checked. */
export type InventoryMeta = z.output<typeof InventoryMetaSchema>

/** One `# key: value` line of a CSV, or row above a spreadsheet's header, as written. */
export interface MetaEntry {
  key: string
  value: string
  /** 1-based line (CSV) or sheet row (XLSX). */
  row: number
}

/** Where an inventory's metadata came from: CSV lines, or rows above a spreadsheet's header. */
export interface MetaSource {
  /** The entries in file order (a key given twice appears twice). */
  entries: readonly MetaEntry[]
  /** Spreadsheet rows are named with their sheet and column A; CSV lines by their row only. */
  sheet?: string
}

/** The metadata keys an inventory may carry (docs/formats.md). */
const KEYS = ['format', 'year', 'name', 'illustrative', 'note'] as const
const TRUE = new Set(['true', 'yes', '1', '是'])
const FALSE = new Set(['false', 'no', '0', '否'])

/** Read a `# key: value` line; undefined for a plain comment (no ASCII key followed by a colon). */
export function metaLine(line: string): { key: string; value: string } | undefined {
  const kv = /^#\s*([A-Za-z_]+)\s*:\s*([\s\S]*)$/.exec(line)
  return kv?.[1] === undefined ? undefined : { key: kv[1], value: (kv[2] ?? '').trim() }
}

/**
 * Check an inventory's metadata (format, year, name, illustrative, note) the same way for CSV and XLSX: a missing
 * format is read as version 1 with a warning; a missing or invalid value, a key given twice (at its second row), an
 * unknown key and an `illustrative` that is not a yes/no are errors at their line or row, never guessed.
 */
export function checkInventoryMeta(src: MetaSource, file: string): Result<InventoryMeta> {
  const inSheet = src.sheet !== undefined
  const sheet = inSheet ? { sheet: src.sheet } : {}
  const at = (row: number | undefined) => ({ file, ...sheet, ...(row !== undefined ? { row } : {}), ...(inSheet ? { column: 'A' } : {}) })
  const what = inSheet ? { zh: '行', en: 'row' } : { zh: '行', en: 'line' }
  const issues: Issue[] = []
  const values = new Map<string, string>()
  const rowOf = new Map<string, number>()
  for (const e of src.entries) {
    if (!(KEYS as readonly string[]).includes(e.key)) {
      issues.push(
        issue(
          'inventory.meta-unknown',
          `未知的清单元数据 ${echo(e.key)}（可用：${KEYS.join('、')}）`,
          `unknown inventory metadata ${echo(e.key)} (known: ${KEYS.join(', ')})`,
          at(e.row),
        ),
      )
      continue
    }
    const first = rowOf.get(e.key)
    if (first !== undefined) {
      issues.push(
        issue(
          'inventory.meta-duplicate',
          `清单元数据 ${echo(e.key)} 重复（第 ${first} ${what.zh}与第 ${e.row} ${what.zh}）；只保留一个`,
          `inventory metadata ${echo(e.key)} is given twice (${what.en}s ${first} and ${e.row}); keep one`,
          at(e.row),
        ),
      )
      continue
    }
    values.set(e.key, e.value)
    rowOf.set(e.key, e.row)
  }
  const warnings: Issue[] = []
  if (!values.has('format')) {
    warnings.push(
      issue(
        'inventory.no-format',
        '缺少 "# format: lantian-inventory/1" 行，按第 1 版读取',
        `no "# format: lantian-inventory/1" ${what.en}; read as version 1`,
        {
          file,
          ...sheet,
          severity: 'warning',
        },
      ),
    )
    values.set('format', 'lantian-inventory/1')
  }
  const ill = values.get('illustrative')
  let illustrative = false
  if (ill !== undefined) {
    const v = ill.toLowerCase()
    if (TRUE.has(v)) illustrative = true
    else if (!FALSE.has(v))
      issues.push(
        issue(
          'inventory.meta',
          `清单元数据 "illustrative" 须为 true 或 false（实际为 ${echo(ill)}）`,
          `inventory metadata "illustrative" must be true or false (got ${echo(ill)})`,
          at(rowOf.get('illustrative')),
        ),
      )
  }
  if (issues.length > 0) return fail(issues)
  const year = values.get('year')
  const parsed = InventoryMetaSchema.safeParse({
    ...Object.fromEntries(values),
    year: year === undefined ? undefined : Number(year),
    illustrative,
  })
  if (parsed.success) return ok(parsed.data, warnings)
  return fail(
    parsed.error.issues.map((zi) => {
      const key = String(zi.path[0] ?? '')
      const raw = values.get(key)
      const got = raw === undefined ? { zh: '缺失', en: 'missing' } : { zh: echo(raw), en: echo(raw) }
      const example = key === 'format' ? '"# format: lantian-inventory/1"' : key === 'year' ? '"# year: 2022"' : `"# ${key}: …"`
      const fix = inSheet
        ? { zh: `应在表头上方写一行，例如 ${example}`, en: `add a row above the header, e.g. ${example}` }
        : { zh: `应写成例如 ${example}`, en: `write e.g. ${example}` }
      return issue(
        'inventory.meta',
        `清单元数据 ${echo(key)} 无效或缺失（${got.zh}），${fix.zh}`,
        `inventory metadata ${echo(key)} is missing or invalid (${got.en}); ${fix.en}`,
        at(rowOf.get(key)),
      )
    }),
  )
}
