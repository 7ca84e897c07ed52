import { issue, type Issue } from '../issues'

/** A column of strings, dictionary-encoded so it can cross to a worker as a typed array. */
export interface DictColumn {
  dict: string[]
  /** Index into `dict`, or −1 where the value is missing. */
  codes: Int32Array
}

/** A free attribute column: numeric (NaN = missing) or text. */
export type AttributeColumn = { name: string; kind: 'number'; values: Float64Array; unit?: DictColumn } | { name: string; kind: 'text'; values: DictColumn }

/** An inventory held column by column: no object per record, cheap to transfer and to scan. */
export interface InventoryTable {
  name?: string
  year: number
  illustrative: boolean
  note?: string
  /** Number of records. */
  n: number
  ids: string[]
  region: DictColumn
  sector: DictColumn
  technology: DictColumn
  unit: DictColumn
  activity: Float64Array
  /** Observed emissions t/yr per pollutant in POLLUTANTS order; NaN where not given. */
  observed: Float64Array[]
  attributes: AttributeColumn[]
  /** Source row (1-based line in the file) of each record, for error messages. */
  rows: Int32Array
}

/** Build a dictionary column from values (null/'' = missing). */
export function dictColumn(values: readonly (string | null | undefined)[]): DictColumn {
  const index = new Map<string, number>()
  const dict: string[] = []
  const codes = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v === null || v === undefined || v === '') {
      codes[i] = -1
      continue
    }
    let c = index.get(v)
    if (c === undefined) {
      c = dict.length
      dict.push(v)
      index.set(v, c)
    }
    codes[i] = c
  }
  return { dict, codes }
}

/** Read a dictionary column at record i. */
export function dictAt(col: DictColumn, i: number): string | null {
  const c = col.codes[i] ?? -1
  return c < 0 ? null : (col.dict[c] ?? null)
}

/** The issue for an inventory without records. */
export function noRecords(file: string, path?: (string | number)[]): Issue {
  return issue('inventory.no-records', '清单没有任何记录（只有表头或为空列表）', 'inventory has no records (only a header, or an empty list)', {
    file,
    ...(path ? { path } : {}),
  })
}
