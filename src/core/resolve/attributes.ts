import { clip, type Issue } from '../issues'
import type { DictColumn, InventoryTable } from '../parse/inventory-table'
import { CAPACITY_UNIT, isProblem } from '../units/unit-system'
import type { Library } from './library'
import type { RecordLocator } from './resolved-types'
import { unitProblemIssue } from './unit-issues'

/** The inventory's free columns as selectors read them: numbers (capacity in t/h) and dictionary-coded text. */
export interface Attributes {
  numbers: Map<string, Float64Array>
  text: Map<string, DictColumn>
  issues: Issue[]
}

/** Collect the attribute columns, with capacity normalised to t/h once so that selectors compare plain numbers. */
export function readAttributes(library: Library, inv: InventoryTable, where: RecordLocator): Attributes {
  const numbers = new Map<string, Float64Array>()
  const text = new Map<string, DictColumn>()
  const issues: Issue[] = []
  for (const a of inv.attributes) {
    if (a.kind === 'text') {
      text.set(a.name, a.values)
      continue
    }
    let values = a.values
    if (a.name === 'capacity' && a.unit) {
      values = new Float64Array(a.values)
      const unitCol = a.unit
      const capFactor = new Map<number, ReturnType<typeof library.units.factor>>()
      for (let i = 0; i < inv.n && issues.length < 100; i++) {
        const uc = unitCol.codes[i] ?? -1
        const v = values[i] ?? NaN
        if (uc < 0 || Number.isNaN(v)) continue
        let f = capFactor.get(uc)
        if (f === undefined) {
          f = library.units.factor(unitCol.dict[uc] ?? '', CAPACITY_UNIT)
          capFactor.set(uc, f)
        }
        if (isProblem(f)) issues.push(unitProblemIssue(f, where(i, 'capacity_unit'), `record ${clip(inv.ids[i] ?? '')} capacity`))
        else values[i] = v * f
      }
    }
    numbers.set(a.name, values)
  }
  return { numbers, text, issues }
}
