import { describe, expect, it } from 'vitest'
import { compileExpression, isSelected, type CompiledExpr, type ExprValue } from '../../src/core/expr/compile'
import { dictAt, dictColumn, type DictColumn, type InventoryTable } from '../../src/core/parse/inventory-table'
import { Selector } from '../../src/core/resolve/select'

// A small table with text, numeric (NaN, 0, −0) and missing values; selectors memoised on codes must select
// exactly what evaluating each record from scratch selects, with whole-expression and per-operand memos.
const n = 400
const pick = <T>(xs: readonly T[], i: number, salt: number): T => xs[(i * 7919 + salt * 104729) % xs.length] as T
const text = (xs: readonly (string | null)[], salt: number): DictColumn => dictColumn(Array.from({ length: n }, (_, i) => pick(xs, i, salt)))
const inv: InventoryTable = {
  year: 2022,
  illustrative: true,
  n,
  ids: Array.from({ length: n }, (_, i) => `R${i}`),
  region: text(['甲', '乙', '丙'], 1),
  sector: text(['industry.boiler', 'transport.road.freight', 'solvent.coating'], 2),
  technology: text(['boiler-coal', 'boiler-gas', 'hdt-diesel-cn3', 'coating-industrial-solvent'], 3),
  unit: text(['t'], 4),
  activity: Float64Array.from({ length: n }, (_, i) => (i % 13) * 10),
  observed: [new Float64Array(n).fill(NaN), new Float64Array(n).fill(NaN)],
  attributes: [],
  rows: Int32Array.from({ length: n }, (_, i) => i + 2),
}
const capacity = Float64Array.from({ length: n }, (_, i) => pick([NaN, 0, -0, 5, 10, 20, 35, 75], i, 5))
const attrText = new Map([
  ['county', text(['县01', '县02', '县03', null], 6)],
  ['enterprise', text([...Array.from({ length: 60 }, (_, k) => `企业${k}`), null], 7)],
])
const attrNumbers = new Map([['capacity', capacity]])
const include = Uint8Array.from({ length: n }, (_, i) => (i % 17 === 0 ? 0 : 1))

function compiled(src: string): CompiledExpr {
  const c = compileExpression(src)
  if (!c.ok) throw new Error(c.issue.en)
  return c.expr
}

function bruteForce(exprs: CompiledExpr[], params: Record<string, number>, excludeTech: number): number[] {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    if (!include[i] || inv.technology.codes[i] === excludeTech) continue
    const read = (name: string): ExprValue | undefined => {
      if (name === 'id') return inv.ids[i] ?? null
      if (name === 'region' || name === 'sector' || name === 'technology') return dictAt(inv[name], i)
      if (name === 'activity') return inv.activity[i] ?? null
      if (name === 'capacity') return Number.isNaN(capacity[i] as number) ? null : (capacity[i] as number)
      const t = attrText.get(name)
      if (t) return dictAt(t, i)
      return params[name]
    }
    if (exprs.every((e) => isSelected(e, read))) out.push(i)
  }
  return out
}

const CASES: [string, string?][] = [
  ['technology == "boiler-coal" and capacity >= 10'],
  ['county == "县02" or oneOf(enterprise, "企业3", "企业17", "企业42")', 'within(sector, "industry")'],
  ['not (capacity < 20) or region != "甲"'],
  ['1 / capacity < 0'],
  ['capacity == 0 and not (county == "县01")', 'activity > c'],
  ['startsWith(id, "R1") and technology != "boiler-gas"'],
  ['(capacity > c or enterprise == "企业5") and (county == "县03" or region == "乙")'],
]

describe('memoised selection', () => {
  for (const limit of [1 << 20, 4, 1]) {
    it(`selects exactly what per-record evaluation selects (table limit ${limit})`, () => {
      const sel = new Selector({ inv, activity: inv.activity, include, attrNumbers, attrText }, limit)
      for (const [a, b] of CASES) {
        const exprs = [compiled(a), ...(b ? [compiled(b)] : [])]
        for (const exclude of [-1, 1]) {
          const params = { c: 15 }
          expect(Array.from(sel.select(exprs, params, exclude)), `${a} / ${b ?? ''} / ${exclude}`).toEqual(bruteForce(exprs, params, exclude))
        }
      }
    })
  }
})
