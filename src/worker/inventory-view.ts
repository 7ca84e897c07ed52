import Papa from 'papaparse'
import { decodeText, type CellGrid, type InventoryTable, type Issue } from '../core'
import type { Counts, InventoryPage, InventoryQuery, InventorySummary, RecordView, RefusedRows } from '../protocol'

const code = (c: { codes: Int32Array }, i: number) => c.codes[i] ?? -1
const at = (c: { dict: string[]; codes: Int32Array }, i: number) => {
  const k = code(c, i)
  return k < 0 ? '' : (c.dict[k] ?? '')
}
const finite = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v)

function counts(c: { dict: string[]; codes: Int32Array }, n: number): Counts {
  const k = new Int32Array(c.dict.length)
  for (let i = 0; i < n; i++) {
    const x = code(c, i)
    if (x >= 0) k[x] = (k[x] ?? 0) + 1
  }
  return c.dict.map((key, j) => ({ key, count: k[j] ?? 0 })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
}

/** Summarise an inventory: metadata, record count, records per sector, region and technology. */
export function summarize(t: InventoryTable, file: string): InventorySummary {
  return {
    file,
    ...(t.name !== undefined ? { name: t.name } : {}),
    year: t.year,
    illustrative: t.illustrative,
    ...(t.note !== undefined ? { note: t.note } : {}),
    records: t.n,
    bySector: counts(t.sector, t.n),
    byRegion: counts(t.region, t.n),
    byTechnology: counts(t.technology, t.n),
  }
}

/**
 * Answer page queries on one inventory. Filters are matched once per dictionary entry, not per record, and the
 * ordered list of matching records is cached for the last filter and sort, so paging costs only the page.
 */
export function createPager(t: InventoryTable) {
  let cache: { key: string; order: Int32Array } | undefined
  const byRow = new Map<number, number>()
  for (let i = 0; i < t.n; i++) byRow.set(t.rows[i] ?? i + 1, i)

  const matcher = (c: { dict: string[] }, needle: string | undefined): Uint8Array | undefined => {
    const q = needle?.trim().toLowerCase()
    if (!q) return undefined
    return Uint8Array.from(c.dict, (d) => (d.toLowerCase().includes(q) ? 1 : 0))
  }

  function ordered(q: InventoryQuery): Int32Array {
    const key = JSON.stringify([q.filter ?? {}, q.sort ?? null])
    if (cache?.key === key) return cache.order
    const f = q.filter ?? {}
    const active: [{ codes: Int32Array }, Uint8Array][] = []
    for (const col of ['sector', 'technology', 'region'] as const) {
      const ok = matcher(t[col], f[col])
      if (ok) active.push([t[col], ok])
    }
    const idq = f.id?.trim().toLowerCase()
    const keep = new Int32Array(t.n)
    let m = 0
    for (let i = 0; i < t.n; i++) {
      let yes = true
      for (const [col, ok] of active) {
        const c = code(col, i)
        if (c < 0 || ok[c] !== 1) {
          yes = false
          break
        }
      }
      if (yes && idq && !(t.ids[i] ?? '').toLowerCase().includes(idq)) yes = false
      if (yes) keep[m++] = i
    }
    let order = keep.slice(0, m)
    const s = q.sort
    if (s && s.key !== 'row') {
      const dir = s.desc ? -1 : 1
      const num = s.key === 'activity' ? t.activity : s.key === 'nox' ? t.observed[0] : s.key === 'vocs' ? t.observed[1] : undefined
      if (num) {
        // Missing values sort last either way.
        order.sort((a, b) => {
          const x = num[a] as number
          const y = num[b] as number
          if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1
          return (x - y) * dir || a - b
        })
      } else if (s.key === 'id') {
        const coll = new Intl.Collator('zh-CN', { numeric: true })
        order.sort((a, b) => coll.compare(t.ids[a] ?? '', t.ids[b] ?? '') * dir || a - b)
      } else {
        // Collate the dictionary once (a few entries), then sort records by their entry's rank.
        const col = t[s.key as 'region' | 'sector' | 'technology']
        const coll = new Intl.Collator('zh-CN', { numeric: true })
        const byText = col.dict.map((_, k) => k).sort((a, b) => coll.compare(col.dict[a] ?? '', col.dict[b] ?? ''))
        const rank = new Int32Array(col.dict.length)
        byText.forEach((k, r) => (rank[k] = r))
        const r = (i: number) => {
          const c = code(col, i)
          return c < 0 ? -1 : (rank[c] as number)
        }
        order.sort((a, b) => (r(a) - r(b)) * dir || a - b)
      }
    } else if (s?.desc) order = order.reverse()
    cache = { key, order }
    return order
  }

  return {
    /** Return one page of records for a query. */
    page(q: InventoryQuery): InventoryPage {
      const order = ordered(q)
      const limit = Math.max(1, Math.min(500, Math.floor(q.limit)))
      let offset = Math.max(0, Math.floor(q.offset))
      let focusIndex: number | undefined
      if (q.row !== undefined) {
        const i = byRow.get(q.row)
        if (i !== undefined) {
          const pos = order.indexOf(i)
          if (pos >= 0) {
            offset = Math.floor(pos / limit) * limit
            focusIndex = pos - offset
          }
        }
      }
      if (offset >= order.length) offset = Math.max(0, Math.floor((order.length - 1) / limit) * limit)
      const records: RecordView[] = []
      for (let k = offset; k < Math.min(order.length, offset + limit); k++) {
        const i = order[k] as number
        records.push({
          index: i,
          row: t.rows[i] ?? i + 1,
          id: t.ids[i] ?? '',
          region: at(t.region, i),
          sector: at(t.sector, i),
          technology: at(t.technology, i),
          activity: t.activity[i] as number,
          unit: at(t.unit, i),
          nox: finite(t.observed[0]?.[i]),
          vocs: finite(t.observed[1]?.[i]),
          attributes: t.attributes.map((a) => {
            if (a.kind === 'text') return at(a.values, i) || null
            const v = finite(a.values[i])
            const u = a.unit ? at(a.unit, i) : ''
            return v === null ? null : u ? `${v} ${u}` : v
          }),
        })
      }
      return {
        total: t.n,
        matched: order.length,
        offset,
        attributes: t.attributes.map((a) => a.name),
        records,
        ...(focusIndex !== undefined ? { focus: focusIndex } : {}),
      }
    },
  }
}

/** The pager's type. */
export type Pager = ReturnType<typeof createPager>

/** Rows the issues of a refused import point at, at most this many. */
const MAX_REFUSED_ROWS = 50

const wantedRows = (issues: readonly Issue[], file: string) =>
  [...new Set(issues.filter((i) => i.file === file && i.row !== undefined).map((i) => i.row as number))].slice(0, MAX_REFUSED_ROWS)

/** Collect the raw cells of the rows a refused XLSX import's issues name, from the grid the reader saw. */
export function refusedFromGrid(grid: CellGrid, file: string, issues: readonly Issue[]): RefusedRows {
  const text = (c: unknown) => (c === null || c === undefined ? '' : typeof c === 'object' ? '⚠' : String(c))
  const headerAt = grid.rows.findIndex((r) => !text(r[0]).trim().startsWith('#'))
  const want = new Set(wantedRows(issues, file))
  const rows: RefusedRows['rows'] = []
  grid.rows.forEach((r, k) => {
    const row = grid.rowNumbers[k] ?? k + 1
    if (want.has(row)) rows.push({ row, cells: r.map(text) })
  })
  return { file, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}), header: headerAt >= 0 ? (grid.rows[headerAt] ?? []).map(text) : [], rows }
}

/** Collect the raw cells of the lines a refused CSV import's issues name (each line split on its own). */
export function refusedFromCsv(bytes: Uint8Array, file: string, issues: readonly Issue[]): RefusedRows | undefined {
  const d = decodeText(bytes, file)
  if (!d.ok) return undefined
  const lines = d.text.split(/\r\n|\n|\r/)
  const split = (line: string) => Papa.parse<string[]>(line, { delimiter: ',' }).data[0] ?? [line]
  const headerAt = lines.findIndex((l) => !(l.startsWith('#') || l.trim() === ''))
  const rows = wantedRows(issues, file)
    .filter((r) => r >= 1 && r <= lines.length)
    .map((row) => ({ row, cells: split(lines[row - 1] ?? '') }))
  return { file, header: headerAt >= 0 ? split(lines[headerAt] ?? '') : [], rows }
}

/** Return a short fingerprint of file bytes (two FNV-1a 32-bit hashes and the length), to recognise the same inventory. */
export function bytesFingerprint(bytes: Uint8Array): string {
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < bytes.length; i++) {
    const x = bytes[i] as number
    a = Math.imul(a ^ x, 0x01000193) >>> 0
    b = Math.imul(b ^ x, 0x5bd1e995) >>> 0
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}-${bytes.length}`
}
