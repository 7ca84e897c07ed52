/** The inventory in use, summarised. */
export interface InventoryInfo {
  file: string
  name?: string
  year: number
  illustrative: boolean
  records: number
  note?: string
  /** Fingerprint of the file's bytes (FNV-1a), to recognise the same inventory elsewhere. */
  fingerprint?: string
}

/** What the inventory view asks for: one page of records, filtered by text in a column and sorted. */
export interface InventoryQuery {
  offset: number
  limit: number
  /** Case-insensitive substrings a record's sector, technology, region (or id) must contain. */
  filter?: { sector?: string; technology?: string; region?: string; id?: string }
  sort?: { key: SortKey; desc?: boolean }
  /** Return the page holding the record from this source row (1-based line or sheet row) instead of `offset`. */
  row?: number
}

/** The columns a page can be sorted by. */
export type SortKey = 'row' | 'id' | 'region' | 'sector' | 'technology' | 'activity' | 'nox' | 'vocs'

/** One record as the table shows it. */
export interface RecordView {
  /** Position in the inventory (0-based). */
  index: number
  /** Source row in the imported file. */
  row: number
  id: string
  region: string
  sector: string
  technology: string
  activity: number
  unit: string
  nox: number | null
  vocs: number | null
  /** Attribute values in `InventoryPage.attributes` order. */
  attributes: (string | number | null)[]
}

/** A page of records and where it sits among the records that match. */
export interface InventoryPage {
  total: number
  matched: number
  offset: number
  attributes: string[]
  records: RecordView[]
  /** Index (in `records`) of the record asked for by `row`, when it matched. */
  focus?: number
}

/** Counts of records by one column, largest first. */
export type Counts = { key: string; count: number }[]

/** The summary the inventory view opens with. */
export interface InventorySummary {
  file: string
  name?: string
  year: number
  illustrative: boolean
  note?: string
  records: number
  bySector: Counts
  byRegion: Counts
  byTechnology: Counts
}

/** The raw cells of a refused file's rows that issues point at (as far as they could be read). */
export interface RefusedRows {
  file: string
  sheet?: string
  header: string[]
  rows: { row: number; cells: string[] }[]
}
