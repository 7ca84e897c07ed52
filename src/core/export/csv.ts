/** A table cell: text, number or empty. */
export type Cell = string | number | boolean | null | undefined

/**
 * Neutralise text that a spreadsheet would run as a formula (CSV injection): a leading = + - @, tab or
 * carriage return gets a leading apostrophe. Numbers are never touched.
 */
export function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
}

/** Format one CSV cell (RFC 4180 quoting; numbers in full precision). */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  const s = safeText(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Serialise rows to CSV with a header line and CRLF line ends (what Excel expects). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n'
}
