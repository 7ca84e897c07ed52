import { echo } from '../issues'
import { parseNumberCell } from './number-cell'
import type { AttributeColumn, DictColumn, InventoryTable } from './inventory-table'

/** Report one located cell problem: code, messages, record index and column. */
export type CellReport = (code: string, zh: string, en: string, record: number, column: string) => void

const REQUIRED_TEXT = ['region', 'sector', 'technology', 'unit', 'id'] as const

/** Return the value of a plain decimal cell, or NaN (hex/binary/octal literals, Infinity and overflow are not plain). */
function plainNumber(s: string): number {
  const v = Number(s)
  if (!Number.isFinite(v)) return NaN
  const k = s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45 ? 1 : 0
  if (s.charCodeAt(k) === 48) {
    const c = s.charCodeAt(k + 1) | 32
    if (c === 120 || c === 98 || c === 111) return NaN
  }
  return v
}

const NUMBER_LIKE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** Dictionary-encode values as they arrive. */
class DictBuilder {
  private readonly index = new Map<string, number>()
  readonly dict: string[] = []
  readonly codes: Int32Array
  constructor(n: number) {
    this.codes = new Int32Array(n).fill(-1)
  }
  set(i: number, v: string): void {
    if (v === '') return
    let c = this.index.get(v)
    if (c === undefined) {
      c = this.dict.length
      this.dict.push(v)
      this.index.set(v, c)
    }
    this.codes[i] = c
  }
  column(): DictColumn {
    return { dict: this.dict, codes: this.codes }
  }
}

/**
 * Read the cells of an inventory's data rows into columns in one pass over the rows: typed arrays for numbers,
 * dictionary codes for text. Problems are reported in the order a reader expects: duplicate ids, empty required
 * text (column by column), then activity, nox_t and vocs_t, then attributes in header order.
 */
export function readColumns(
  rows: readonly string[][],
  header: readonly string[],
  seen: ReadonlyMap<string, number>,
  n: number,
  rowOf: (record: number) => number,
  report: CellReport,
): Pick<InventoryTable, 'ids' | 'region' | 'sector' | 'technology' | 'unit' | 'activity' | 'observed' | 'attributes'> {
  const at = (name: string) => seen.get(name) ?? -1
  const ids: string[] = new Array<string>(n)
  const text = { region: new DictBuilder(n), sector: new DictBuilder(n), technology: new DictBuilder(n), unit: new DictBuilder(n) }
  const numeric = { activity: new Float64Array(n).fill(NaN), nox_t: new Float64Array(n).fill(NaN), vocs_t: new Float64Array(n).fill(NaN) }
  const taken = new Set<string>(['id', 'region', 'sector', 'technology', 'activity', 'unit', 'nox_t', 'vocs_t'])
  const attrs = header
    .filter((h) => !taken.has(h) && !h.endsWith('_unit'))
    .map((h) => ({
      name: h,
      j: at(h),
      unitJ: seen.has(`${h}_unit`) ? at(`${h}_unit`) : -1,
      values: new Float64Array(n).fill(NaN),
      raw: new Array<string>(n),
      numeric: true,
      any: false,
    }))
  const orphanUnits = header.filter((h) => h.endsWith('_unit') && !seen.has(h.slice(0, -5))).map((h) => ({ name: h, j: at(h), dict: new DictBuilder(n) }))
  const unitDicts = attrs.map((a) => (a.unitJ >= 0 ? new DictBuilder(n) : undefined))

  type Deferred = [code: string, zh: string, en: string, record: number, column: string]
  const buckets = new Map<string, Deferred[]>()
  const defer = (bucket: string, d: Deferred) => {
    let b = buckets.get(bucket)
    if (!b) buckets.set(bucket, (b = []))
    if (b.length < 1000) b.push(d)
  }
  const idSeen = new Map<string, number>()
  const jId = at('id')
  const jText = REQUIRED_TEXT.filter((c) => c !== 'id').map((c) => [c, at(c)] as const)
  const jNum = (['activity', 'nox_t', 'vocs_t'] as const).map((c) => [c, at(c)] as const)

  for (let i = 0; i < n; i++) {
    const r = rows[i + 1] as string[]
    const id = (r[jId] ?? '').trim()
    ids[i] = id
    if (id !== '') {
      const prev = idSeen.get(id)
      if (prev !== undefined)
        defer('dup', ['inventory.duplicate-id', `编号 ${echo(id)} 与第 ${rowOf(prev)} 行重复`, `id ${echo(id)} duplicates row ${rowOf(prev)}`, i, 'id'])
      idSeen.set(id, i)
    } else defer('empty:id', ['csv.cell-empty', '"id" 为空', '"id" is empty', i, 'id'])
    for (const [c, j] of jText) {
      const v = (r[j] ?? '').trim()
      if (v === '') defer(`empty:${c}`, ['csv.cell-empty', `${echo(c)} 为空`, `${echo(c)} is empty`, i, c])
      else text[c].set(i, v)
    }
    for (const [c, j] of jNum) {
      if (j < 0) continue
      const raw = (r[j] ?? '').trim()
      if (raw === '') {
        if (c === 'activity') defer(c, ['csv.cell-empty', `${echo(c)} 为空`, `${echo(c)} is empty`, i, c])
        continue
      }
      const v = plainNumber(raw)
      if (Number.isNaN(v)) {
        const p = parseNumberCell(raw)
        if (!p.ok) defer(c, ['csv.number', p.zh, p.en, i, c])
      } else if (v < 0) defer(c, ['inventory.negative', `${echo(c)} 不能为负：${v}`, `${echo(c)} must not be negative: ${v}`, i, c])
      else numeric[c][i] = v
    }
    for (let k = 0; k < attrs.length; k++) {
      const a = attrs[k] as (typeof attrs)[number]
      const raw = (r[a.j] ?? '').trim()
      a.raw[i] = raw
      if (a.unitJ >= 0) unitDicts[k]?.set(i, (r[a.unitJ] ?? '').trim())
      if (raw === '') continue
      a.any = true
      const v = plainNumber(raw)
      if (!Number.isNaN(v)) a.values[i] = v
      else {
        a.numeric = false
        if (NUMBER_LIKE.test(raw)) {
          const p = parseNumberCell(raw)
          if (!p.ok) defer(`attr:${k}`, ['csv.number', p.zh, p.en, i, a.name])
        }
      }
    }
    for (const o of orphanUnits) o.dict.set(i, (r[o.j] ?? '').trim())
  }

  // Report in the documented order.
  const order = issueReportOrder(attrs.length)
  for (const b of order) {
    for (const [code, zh, en, i, column] of buckets.get(b) ?? []) report(code, zh, en, i, column)
  }

  const attributes: AttributeColumn[] = attrs.map((a, k) => {
    const unit = unitDicts[k]?.column()
    if (a.numeric && a.any) return { name: a.name, kind: 'number', values: a.values, ...(unit ? { unit } : {}) }
    const d = new DictBuilder(n)
    for (let i = 0; i < n; i++) d.set(i, a.raw[i] ?? '')
    return { name: a.name, kind: 'text', values: d.column() }
  })
  for (const o of orphanUnits) attributes.push({ name: o.name, kind: 'text', values: o.dict.column() })
  return {
    ids,
    region: text.region.column(),
    sector: text.sector.column(),
    technology: text.technology.column(),
    unit: text.unit.column(),
    activity: numeric.activity,
    observed: [numeric.nox_t, numeric.vocs_t],
    attributes,
  }
}

/**
 * Return the order in which column issues are reported (duplicate ids, empty required text, numbers, attributes in
 * header order), shared by both CSV readers so that they list the same issues in the same order.
 */
export function issueReportOrder(attributeCount: number): string[] {
  return [
    'dup',
    'empty:region',
    'empty:sector',
    'empty:technology',
    'empty:unit',
    'empty:id',
    'activity',
    'nox_t',
    'vocs_t',
    ...Array.from({ length: attributeCount }, (_, k) => `attr:${k}`),
  ]
}
