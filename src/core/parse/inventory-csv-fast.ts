import { echo, fail, issue, ok, type Issue, type Result } from '../issues'
import { fastDecimal } from './char-scan'
import { CsvRowScanner } from './csv-row-scanner'
import { issueReportOrder } from './inventory-columns'
import { checkHeader, emptyInventoryIssue, MAX_RECORDS, raggedIssue, tooManyIssue } from './inventory-csv-header'
import { noRecords, type AttributeColumn, type DictColumn, type InventoryTable } from './inventory-table'
import { parseNumberCell } from './number-cell'
import { IdIndex, TextInterner } from './text-interner'

/** The columns the CSV body gives an inventory table (the metadata comes from the `#` lines). */
export type CsvColumns = Pick<InventoryTable, 'n' | 'ids' | 'region' | 'sector' | 'technology' | 'unit' | 'activity' | 'observed' | 'attributes' | 'rows'>

const NUMBER_LIKE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

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

/**
 * Tell whether `Number()` could read s[a, b) as a plain decimal or the cell could look like one: only digits,
 * `.`, `e`, `E`, `+` and `-`. Anything else is text, so text cells skip the string-making exact path.
 */
function mayBeNumber(s: string, a: number, b: number): boolean {
  for (let p = a; p < b; p++) {
    const c = s.charCodeAt(p)
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return false
  }
  return true
}

/** A growable Int32Array. */
class I32 {
  a: Int32Array
  constructor(cap: number) {
    this.a = new Int32Array(cap)
  }
  grow(cap: number): void {
    const a = new Int32Array(cap)
    a.set(this.a)
    this.a = a
  }
  take(n: number): Int32Array {
    return this.a.length === n ? this.a : this.a.slice(0, n)
  }
}

/** A growable Float64Array. */
class F64 {
  a: Float64Array
  constructor(cap: number) {
    this.a = new Float64Array(cap)
  }
  grow(cap: number): void {
    const a = new Float64Array(cap)
    a.set(this.a)
    this.a = a
  }
  take(n: number): Float64Array {
    return this.a.length === n ? this.a : this.a.slice(0, n)
  }
}

/** A dictionary column being built: interned text and one code per record (−1 = empty). */
class Dict {
  readonly text = new TextInterner()
  readonly codes: I32
  constructor(cap: number) {
    this.codes = new I32(cap)
  }
  /** Set record i to the scanner's current trimmed cell. */
  set(i: number, sc: CsvRowScanner): void {
    this.codes.a[i] = sc.a === sc.b ? -1 : this.text.code(sc.s, sc.a, sc.b)
  }
  column(n: number): DictColumn {
    return { dict: this.text.dict, codes: this.codes.take(n) }
  }
}

/**
 * A free attribute column. While every cell is a plain number it keeps the numbers and where each cell's text is;
 * at its first text cell it becomes a dictionary column (interning the earlier cells from where they are), so
 * numeric columns never make strings and text columns never parse numbers twice.
 */
interface Attr {
  name: string
  j: number
  unitJ: number
  values: F64
  /** Trimmed range of each cell while numeric; a negative start −1−k points to `quotedText[k]`. */
  from: I32 | undefined
  to: I32 | undefined
  quotedText: string[]
  textual: Dict | undefined
  unit: Dict | undefined
  any: boolean
}

type Deferred = [code: string, zh: string, en: string, record: number, column: string]

const TEXT = ['region', 'sector', 'technology', 'unit'] as const
const NUMERIC = ['activity', 'nox_t', 'vocs_t'] as const

/**
 * Read an inventory CSV body (from `start`, whose first line is `firstLine`) straight into columns: cells are
 * scanned as char codes, text is interned by hash (each distinct value becomes one string), numbers are read
 * from the digits (bit-identical to `Number()`, with `Number()` itself for anything but short plain decimals).
 * Returns `undefined` when the text has unusual quoting, for the exact reader to handle; otherwise the same
 * table or the same located issues, in the same order, as the exact reader.
 */
export function readCsvColumns(src: string, start: number, firstLine: number, file: string): Result<CsvColumns> | undefined {
  const sc = new CsvRowScanner(src, start)
  let line = firstLine
  let headerLine = -1
  let headerRaw: string[] | undefined
  while (sc.next()) {
    const rowLine = line
    line += 1 + sc.lineBreaks
    if (sc.blank()) continue
    headerLine = rowLine
    headerRaw = Array.from({ length: sc.cells }, (_, j) => sc.raw(j))
    break
  }
  if (sc.unusual) return undefined
  if (!headerRaw) return fail([emptyInventoryIssue(file)])
  const checked = checkHeader(headerRaw, headerLine, file)
  if (!checked.ok) {
    // A quote problem anywhere in the file is reported first, as the exact reader does.
    sc.drain()
    return sc.unusual ? undefined : checked
  }
  const { header, seen } = checked.value
  const width = header.length
  const at = (name: string) => seen.get(name) ?? -1

  const dataStart = sc.pos
  // Size the columns by the line feeds left (native search, tens of ms for 100 MB): exact for an LF or CRLF file
  // without blank lines or quoted line breaks, so the columns are neither regrown nor copied to size at the end.
  let lines = src.length > dataStart && src.charCodeAt(src.length - 1) !== 10 ? 1 : 0
  for (let p = src.indexOf('\n', dataStart); p >= 0; p = src.indexOf('\n', p + 1)) lines++
  let cap = Math.min(MAX_RECORDS, Math.max(16, lines))
  const ids: string[] = []
  const text = { region: new Dict(cap), sector: new Dict(cap), technology: new Dict(cap), unit: new Dict(cap) }
  const numeric = { activity: new F64(cap), nox_t: new F64(cap), vocs_t: new F64(cap) }
  const rows = new I32(cap)
  const taken = new Set<string>(['id', 'region', 'sector', 'technology', 'activity', 'unit', 'nox_t', 'vocs_t'])
  const attrs: Attr[] = header
    .filter((h) => !taken.has(h) && !h.endsWith('_unit'))
    .map((h) => ({
      name: h,
      j: at(h),
      unitJ: seen.has(`${h}_unit`) ? at(`${h}_unit`) : -1,
      values: new F64(cap),
      from: new I32(cap),
      to: new I32(cap),
      quotedText: [],
      textual: undefined,
      unit: seen.has(`${h}_unit`) ? new Dict(cap) : undefined,
      any: false,
    }))
  const orphanUnits = header.filter((h) => h.endsWith('_unit') && !seen.has(h.slice(0, -5))).map((h) => ({ name: h, j: at(h), dict: new Dict(cap) }))

  const grow = (i: number) => {
    // Aim at the record count the bytes read so far predict, so that a large file grows once or twice.
    const predicted = Math.ceil(((src.length - dataStart) / Math.max(1, sc.pos - dataStart)) * (i + 1) * 1.05) + 16
    cap = Math.min(MAX_RECORDS, Math.max(cap * 2, predicted))
    for (const d of [...Object.values(text), ...orphanUnits.map((o) => o.dict)]) d.codes.grow(cap)
    for (const f of Object.values(numeric)) f.grow(cap)
    rows.grow(cap)
    idSeen.reserve(cap)
    for (const a of attrs) {
      a.values.grow(cap)
      a.from?.grow(cap)
      a.to?.grow(cap)
      a.textual?.codes.grow(cap)
      a.unit?.codes.grow(cap)
    }
  }

  const buckets = new Map<string, Deferred[]>()
  const defer = (bucket: string, d: Deferred) => {
    let b = buckets.get(bucket)
    if (!b) buckets.set(bucket, (b = []))
    if (b.length < 1000) b.push(d)
  }
  const idSeen = new IdIndex()
  const jId = at('id')
  const jText = TEXT.map(at)
  const jNum = NUMERIC.map(at)
  const textDicts = TEXT.map((c) => text[c])
  const numericCols = NUMERIC.map((c) => numeric[c])

  /** Read the current trimmed cell as a number: its value, NaN when it is not a plain number. */
  const numberAt = (): number => {
    const v = fastDecimal(sc.s, sc.a, sc.b)
    if (!Number.isNaN(v) || !mayBeNumber(sc.s, sc.a, sc.b)) return v
    return plainNumber(sc.s.slice(sc.a, sc.b))
  }

  const record = (i: number, rowLine: number) => {
    if (i >= cap) grow(i)
    rows.a[i] = rowLine
    sc.trim(jId)
    const id = sc.s.slice(sc.a, sc.b)
    ids.push(id)
    if (id !== '') {
      const prev = idSeen.add(ids, i, sc.s, sc.a, sc.b)
      if (prev >= 0) {
        const r = rows.a[prev] as number
        defer('dup', ['inventory.duplicate-id', `编号 ${echo(id)} 与第 ${r} 行重复`, `id ${echo(id)} duplicates row ${r}`, i, 'id'])
      }
    } else defer('empty:id', ['csv.cell-empty', '"id" 为空', '"id" is empty', i, 'id'])
    for (let t = 0; t < TEXT.length; t++) {
      sc.trim(jText[t] as number)
      if (sc.a === sc.b) {
        const c = TEXT[t] as string
        defer(`empty:${c}`, ['csv.cell-empty', `${echo(c)} 为空`, `${echo(c)} is empty`, i, c])
      }
      ;(textDicts[t] as Dict).set(i, sc)
    }
    for (let t = 0; t < NUMERIC.length; t++) {
      const c = NUMERIC[t] as (typeof NUMERIC)[number]
      const j = jNum[t] as number
      const col = (numericCols[t] as F64).a
      col[i] = NaN
      if (j < 0) continue
      sc.trim(j)
      if (sc.a === sc.b) {
        if (c === 'activity') defer(c, ['csv.cell-empty', `${echo(c)} 为空`, `${echo(c)} is empty`, i, c])
        continue
      }
      const v = numberAt()
      if (Number.isNaN(v)) {
        const p = parseNumberCell(sc.s.slice(sc.a, sc.b))
        if (!p.ok) defer(c, ['csv.number', p.zh, p.en, i, c])
      } else if (v < 0) defer(c, ['inventory.negative', `${echo(c)} 不能为负：${v}`, `${echo(c)} must not be negative: ${v}`, i, c])
      else col[i] = v
    }
    for (let k = 0; k < attrs.length; k++) {
      const a = attrs[k] as Attr
      if (a.unit) {
        sc.trim(a.unitJ)
        a.unit.set(i, sc)
      }
      sc.trim(a.j)
      const empty = sc.a === sc.b
      if (a.textual) a.textual.set(i, sc)
      else {
        a.values.a[i] = NaN
        if (sc.s === src) {
          ;(a.from as I32).a[i] = sc.a
          ;(a.to as I32).a[i] = sc.b
        } else {
          ;(a.from as I32).a[i] = -1 - a.quotedText.length
          a.quotedText.push(sc.s.slice(sc.a, sc.b))
        }
      }
      if (empty) continue
      a.any = true
      const v = numberAt()
      if (!Number.isNaN(v)) {
        if (!a.textual) a.values.a[i] = v
        continue
      }
      if (!a.textual) toText(a, i)
      if (mayBeNumber(sc.s, sc.a, sc.b)) {
        const raw = sc.s.slice(sc.a, sc.b)
        if (NUMBER_LIKE.test(raw)) {
          const p = parseNumberCell(raw)
          if (!p.ok) defer(`attr:${k}`, ['csv.number', p.zh, p.en, i, a.name])
        }
      }
    }
    for (const o of orphanUnits) {
      sc.trim(o.j)
      o.dict.set(i, sc)
    }
  }

  /** Turn a numeric attribute into a text one at record i: intern records 0…i from where their cells are. */
  const toText = (a: Attr, i: number) => {
    const d = new Dict(cap)
    const from = (a.from as I32).a
    const to = (a.to as I32).a
    for (let r = 0; r <= i; r++) {
      const f = from[r] as number
      if (f >= 0) d.codes.a[r] = f === to[r] ? -1 : d.text.code(src, f, to[r] as number)
      else {
        const t = a.quotedText[-1 - f] as string
        d.codes.a[r] = t === '' ? -1 : d.text.code(t, 0, t.length)
      }
    }
    a.textual = d
    a.from = undefined
    a.to = undefined
    a.quotedText = []
  }

  let n = 0
  const ragged: Issue[] = []
  while (sc.next()) {
    const rowLine = line
    line += 1 + sc.lineBreaks
    if (sc.blank()) continue
    const i = n++
    if (i >= MAX_RECORDS) continue
    if (sc.cells !== width) {
      if (ragged.length < 50) ragged.push(raggedIssue(sc.cells, width, file, rowLine))
      continue
    }
    if (ragged.length === 0) record(i, rowLine)
  }
  if (sc.unusual) return undefined
  if (n > MAX_RECORDS) return fail([tooManyIssue(n, file)])
  if (n === 0) return fail([{ ...noRecords(file), row: headerLine }])
  if (ragged.length > 0) return fail(ragged)

  // Report in the documented order: duplicate ids, empty required text, numbers, attributes in header order.
  const order = issueReportOrder(attrs.length)
  const issues: Issue[] = []
  for (const b of order) {
    for (const [code, zh, en, i, column] of buckets.get(b) ?? []) {
      if (issues.length < 1000) issues.push(issue(code, zh, en, { file, row: rows.a[i] as number, column }))
    }
  }
  if (issues.length > 0) return fail(issues.slice(0, 200))

  const attributes: AttributeColumn[] = attrs.map((a) => {
    if (!a.textual && a.any) return { name: a.name, kind: 'number', values: a.values.take(n), ...(a.unit ? { unit: a.unit.column(n) } : {}) }
    if (!a.textual) return { name: a.name, kind: 'text', values: { dict: [], codes: new Int32Array(n).fill(-1) } }
    return { name: a.name, kind: 'text', values: a.textual.column(n) }
  })
  for (const o of orphanUnits) attributes.push({ name: o.name, kind: 'text', values: o.dict.column(n) })
  return ok({
    n,
    ids,
    region: text.region.column(n),
    sector: text.sector.column(n),
    technology: text.technology.column(n),
    unit: text.unit.column(n),
    activity: numeric.activity.take(n),
    observed: [numeric.nox_t.take(n), numeric.vocs_t.take(n)],
    attributes,
    rows: rows.take(n),
  })
}
