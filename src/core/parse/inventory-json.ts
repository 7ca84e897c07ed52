import { echo, fail, issue, ok, type Issue, type Result } from '../issues'
import { InventoryFileSchema } from '../schema'
import { MAX_RECORDS } from './inventory-csv'
import { dictColumn, noRecords, type AttributeColumn, type InventoryTable } from './inventory-table'
import { parseYamlText, zodIssues, type PathNamer } from './yaml'
import { own } from '../own'
import { invisibleNameIssues } from './inventory-names'

/**
 * Parse an inventory in JSON (or YAML) form into the columnar table. Errors name the record by its 1-based
 * position and its id; `rows` holds the line where each record starts.
 */
export function parseInventoryJson(text: string, file: string): Result<InventoryTable> {
  const doc = parseYamlText(text, file)
  if (!doc.ok) return doc
  const data = doc.value.data as { records?: unknown } | null
  const rawRecords = data !== null && typeof data === 'object' && Array.isArray(data.records) ? (data.records as unknown[]) : []
  if (rawRecords.length > MAX_RECORDS)
    return fail([
      issue('inventory.too-many', `记录数 ${rawRecords.length} 超过上限 ${MAX_RECORDS}`, `${rawRecords.length} records exceed the limit of ${MAX_RECORDS}`, {
        file,
        path: ['records'],
      }),
    ])
  const idOf = (i: number): string | undefined => {
    const r = rawRecords[i] as { id?: unknown } | undefined
    return r !== null && typeof r === 'object' && typeof r.id === 'string' ? r.id : undefined
  }
  const name: PathNamer = (path) => {
    if (path[0] !== 'records' || typeof path[1] !== 'number') return undefined
    const i = path[1]
    const id = idOf(i)
    const rest = path.slice(2).join('.')
    const zhRec = `第 ${i + 1} 条记录${id !== undefined ? `（编号 ${echo(id)}）` : ''}`
    const enRec = `record ${i + 1}${id !== undefined ? ` (id ${echo(id)})` : ''}`
    return rest ? { zh: `${zhRec}的字段 ${echo(rest)}`, en: `${enRec}, field ${echo(rest)}` } : { zh: zhRec, en: enRec }
  }
  const r = InventoryFileSchema.safeParse(doc.value.data)
  if (!r.success) return fail(zodIssues(r.error, file, doc.value, name))
  const recs = r.data.records
  const lineOf = (i: number) => doc.value.lineOf(['records', i])
  const issues: Issue[] = []
  const seen = new Map<string, number>()
  recs.forEach((x, i) => {
    const p = seen.get(x.id)
    if (p !== undefined) {
      const line = lineOf(i)
      issues.push(
        issue(
          'inventory.duplicate-id',
          `第 ${i + 1} 条记录的编号 ${echo(x.id)} 与第 ${p + 1} 条记录重复`,
          `record ${i + 1}: id ${echo(x.id)} duplicates record ${p + 1}`,
          { file, path: ['records', i, 'id'], ...(line ? { line } : {}) },
        ),
      )
    } else seen.set(x.id, i)
  })
  if (recs.length === 0) issues.push(noRecords(file, ['records']))
  if (issues.length > 0) return fail(issues.slice(0, 200))
  const names = [...new Set(recs.flatMap((x) => Object.keys(x.attributes)))]
  const attributes: AttributeColumn[] = names.map((name) => {
    const vals = recs.map((x) => own(x.attributes, name))
    const numeric = vals.every((v) => v === undefined || typeof v === 'number')
    return numeric
      ? { name, kind: 'number', values: Float64Array.from(vals, (v) => (typeof v === 'number' ? v : NaN)) }
      : { name, kind: 'text', values: dictColumn(vals.map((v) => (v === undefined ? null : String(v)))) }
  })
  const table: InventoryTable = {
    ...(r.data.name !== undefined ? { name: r.data.name } : {}),
    year: r.data.year,
    illustrative: r.data.illustrative,
    ...(r.data.note !== undefined ? { note: r.data.note } : {}),
    n: recs.length,
    ids: recs.map((x) => x.id),
    region: dictColumn(recs.map((x) => x.region)),
    sector: dictColumn(recs.map((x) => x.sector)),
    technology: dictColumn(recs.map((x) => x.technology)),
    unit: dictColumn(recs.map((x) => x.unit)),
    activity: Float64Array.from(recs, (x) => x.activity),
    observed: [Float64Array.from(recs, (x) => x.nox_t ?? NaN), Float64Array.from(recs, (x) => x.vocs_t ?? NaN)],
    attributes,
    rows: Int32Array.from(recs, (_, i) => lineOf(i) ?? i + 1),
  }
  // Text attribute values (ids, regions, … and attribute names are checked by the schema).
  const hidden = invisibleNameIssues(table, (i, column) => {
    const path = ['records', i, ...(own(recs[i] ?? {}, column) !== undefined ? [column] : ['attributes', column])]
    const line = doc.value.lineOf(path)
    return { file, path, ...(line ? { line } : {}) }
  })
  return hidden.length > 0 ? fail(hidden) : ok(table)
}
