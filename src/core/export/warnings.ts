import { formatIssue, type Issue } from '../issues'
import { csvCell } from './csv'

/** A warning as exports carry it: the core's issue shape with its severity spelled out. */
export type WarningRecord = Issue & { severity: 'warning' | 'error' }

/** Return the warnings of a run as plain records (JSON output), each with its code, location and both languages. */
export function warningRecords(warnings: readonly Issue[]): WarningRecord[] {
  return warnings.map((w) => ({ ...w, severity: w.severity ?? 'warning' }))
}

/**
 * Return the lines that head a CSV export with warnings: `#,"<warning>"` per warning after a count line. Excel and
 * LibreOffice show them above the table ("#" in column A, the located bilingual text in column B); readers skip them
 * with a comment character (pandas `comment="#"`, R `comment.char = "#"`, DuckDB `read_csv(…, comment = '#')`).
 * No lines when there is no warning, so a clean run's CSV is the table alone.
 */
export function csvWarningLines(warnings: readonly Issue[]): string {
  if (warnings.length === 0) return ''
  const n = warnings.length
  const head = `${n} 条警告：计算忽略或推定了下列内容 / ${n} warning${n === 1 ? '' : 's'}: what the computation ignored or assumed`
  return [head, ...warnings.map((w) => formatIssue({ ...w, severity: w.severity ?? 'warning' }))].map((t) => `#,${csvCell(t)}\r\n`).join('')
}

/** Return the provenance rows (key, value) that list the warnings of a run: their count, then one row each. */
export function warningProvenanceRows(warnings: readonly Issue[]): [string, string][] {
  return [
    ['warnings', String(warnings.length)],
    ...warnings.map((w, i): [string, string] => [`warning_${i + 1}`, formatIssue({ ...w, severity: w.severity ?? 'warning' })]),
  ]
}
