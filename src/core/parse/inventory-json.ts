import { fail, ok, type Result } from '../issues'
import { InventoryFileSchema } from '../schema'
import { dictColumn, type AttributeColumn, type InventoryTable } from './inventory-table'
import { parseYamlText, zodIssues } from './yaml'
import { issue } from '../issues'

/** Parse an inventory in JSON (or YAML) form into the columnar table. */
export function parseInventoryJson(text: string, file: string): Result<InventoryTable> {
  const doc = parseYamlText(text, file)
  if (!doc.ok) return doc
  const r = InventoryFileSchema.safeParse(doc.value.data)
  if (!r.success) return fail(zodIssues(r.error, file, doc.value))
  const recs = r.data.records
  const seen = new Map<string, number>()
  const dup = recs.findIndex((x, i) => {
    const p = seen.get(x.id)
    seen.set(x.id, i)
    return p !== undefined
  })
  if (dup >= 0)
    return fail([
      issue('inventory.duplicate-id', `编号 "${recs[dup]?.id}" 重复`, `id "${recs[dup]?.id}" appears twice`, { file, path: ['records', dup, 'id'] }),
    ])
  const names = [...new Set(recs.flatMap((x) => Object.keys(x.attributes)))]
  const attributes: AttributeColumn[] = names.map((name) => {
    const vals = recs.map((x) => x.attributes[name])
    const numeric = vals.every((v) => v === undefined || typeof v === 'number')
    return numeric
      ? { name, kind: 'number', values: Float64Array.from(vals, (v) => (typeof v === 'number' ? v : NaN)) }
      : { name, kind: 'text', values: dictColumn(vals.map((v) => (v === undefined ? null : String(v)))) }
  })
  return ok({
    ...(r.data.name !== undefined ? { name: r.data.name } : {}),
    year: r.data.year,
    illustrative: r.data.illustrative,
    n: recs.length,
    ids: recs.map((x) => x.id),
    region: dictColumn(recs.map((x) => x.region)),
    sector: dictColumn(recs.map((x) => x.sector)),
    technology: dictColumn(recs.map((x) => x.technology)),
    unit: dictColumn(recs.map((x) => x.unit)),
    activity: Float64Array.from(recs, (x) => x.activity),
    observed: [Float64Array.from(recs, (x) => x.nox_t ?? NaN), Float64Array.from(recs, (x) => x.vocs_t ?? NaN)],
    attributes,
    rows: Int32Array.from(recs, (_, i) => i + 1),
  })
}
