import { clip, issue, type Issue } from '../issues'
import { describeInvisible, invisibleAt } from '../names'
import type { DictColumn, InventoryTable } from './inventory-table'

/** Where a record's cell is, in the reader's terms (CSV row, XLSX sheet row and column letter, JSON path). */
export type CellLocator = (record: number, column: string) => Omit<Issue, 'code' | 'zh' | 'en'>

const MAX_ISSUES = 50

/** The issue for an invisible character in a cell or header (docs/formats.md: names are visible). */
export function invisibleIssue(value: string, at: number, where: Omit<Issue, 'code' | 'zh' | 'en'>): Issue {
  const d = describeInvisible(value, at)
  return issue('name.invisible', `"${clip(value)}"：${d.zh}`, `"${clip(value)}": ${d.en}`, where)
}

/**
 * Refuse invisible characters in an inventory's names: ids, regions, sectors, technologies and units (format and
 * control characters), and text attributes (format characters: a quoted cell may hold a line break). Each distinct
 * value is checked once (dictionary columns), and a hit is located at the first record that has it.
 */
export function invisibleNameIssues(t: InventoryTable, locate: CellLocator): Issue[] {
  const issues: Issue[] = []
  for (let i = 0; i < t.n && issues.length < MAX_ISSUES; i++) {
    const id = t.ids[i] ?? ''
    const k = invisibleAt(id)
    if (k >= 0) issues.push(invisibleIssue(id, k, locate(i, 'id')))
  }
  const dict = (col: DictColumn, column: string, controls: boolean) => {
    col.dict.forEach((v, code) => {
      if (issues.length >= MAX_ISSUES) return
      const k = invisibleAt(v, controls)
      if (k < 0) return
      const i = col.codes.indexOf(code)
      issues.push(invisibleIssue(v, k, locate(Math.max(0, i), column)))
    })
  }
  dict(t.region, 'region', true)
  dict(t.sector, 'sector', true)
  dict(t.technology, 'technology', true)
  dict(t.unit, 'unit', true)
  for (const a of t.attributes) {
    if (a.kind === 'text') dict(a.values, a.name, false)
    else if (a.unit) dict(a.unit, `${a.name}_unit`, true)
  }
  return issues
}
