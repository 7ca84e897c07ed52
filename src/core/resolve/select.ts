import type { MathNode } from 'mathjs'
import type { ExprNode } from '../expr/fast-parse'
import { parseExpression } from '../expr/math-parse'
import { compileExpression, compileNode, isSelected, type CompiledExpr, type ExprValue } from '../expr/compile'
import { dictAt, type DictColumn, type InventoryTable } from '../parse/inventory-table'
import { hasOwn, own } from '../own'

const RECORD_FIELDS: readonly string[] = ['id', 'region', 'sector', 'technology', 'activity']
/** Above this many key combinations a measure's memo is a Map instead of a flat table. */
const TABLE_LIMIT = 1 << 20

/** What selectors read: the inventory, normalised activity and attributes, and which records are in scope. */
export interface SelectionInput {
  inv: InventoryTable
  /** Activity in the technology's unit. */
  activity: Float64Array
  /** 1 for records that take part (known technology and sector, wanted region, valid unit). */
  include: Uint8Array
  attrNumbers: ReadonlyMap<string, Float64Array>
  attrText: ReadonlyMap<string, DictColumn>
}

/** A column as small integer codes (0 = missing) with their count, for memo keys. */
interface Coded {
  codes: Int32Array
  /** Codes are 0..card−1 after the +1 shift. */
  card: number
  shift: number
}

/**
 * Evaluate selectors on every record, memoised on the codes of the columns they read: a selector is evaluated
 * once per distinct combination of the values it reads, and each record costs a few typed-array reads and one
 * table lookup (no string key per record). Numeric columns are coded by value once per resolve.
 */
export class Selector {
  private readonly coded = new Map<string, Coded | null>()

  /** @param tableLimit key combinations above which memo tables give way to per-operand memos (tests lower it). */
  constructor(
    private readonly s: SelectionInput,
    private readonly tableLimit = TABLE_LIMIT,
  ) {}

  private codedColumn(name: string): Coded | null {
    const hit = this.coded.get(name)
    if (hit !== undefined) return hit
    const { inv } = this.s
    let out: Coded | null = null
    const dict = name === 'region' ? inv.region : name === 'sector' ? inv.sector : name === 'technology' ? inv.technology : this.s.attrText.get(name)
    if (dict) out = { codes: dict.codes, card: dict.dict.length + 1, shift: 1 }
    else {
      const values = name === 'activity' ? this.s.activity : this.s.attrNumbers.get(name)
      if (values) {
        // Code each distinct value (NaN = missing = 0), in record order.
        const index = new Map<number, number>()
        const codes = new Int32Array(inv.n)
        let distinct = 0
        let negZero = 0
        for (let i = 0; i < inv.n; i++) {
          const v = values[i] as number
          if (Number.isNaN(v)) continue
          if (v === 0 && 1 / v < 0) {
            // −0 is a value of its own to an expression (1 / −0), but the same Map key as 0.
            negZero ||= ++distinct
            codes[i] = negZero
            continue
          }
          let c = index.get(v)
          if (c === undefined) {
            c = ++distinct
            index.set(v, c)
          }
          codes[i] = c
        }
        out = { codes, card: distinct + 1, shift: 0 }
      }
    }
    this.coded.set(name, out)
    return out
  }

  /** The coded key columns of the names an expression reads, or null if one cannot be coded (`id`). */
  private keyColumns(exprs: readonly CompiledExpr[], params: Readonly<Record<string, number>>): { cols: Coded[]; combos: number } | null {
    const { attrNumbers, attrText } = this.s
    const cols: Coded[] = []
    let combos = 1
    for (const name of new Set(exprs.flatMap((e) => [...e.symbols]))) {
      // Parameters are constant for the measure.
      if (hasOwn(params, name) && !RECORD_FIELDS.includes(name) && !attrNumbers.has(name) && !attrText.has(name)) continue
      const c = name === 'id' ? null : this.codedColumn(name)
      if (!c) return null
      cols.push(c)
      combos *= c.card
    }
    return combos > Number.MAX_SAFE_INTEGER ? null : { cols, combos }
  }

  /** Return the (ascending) indices of the included records a measure selects. */
  select(exprs: readonly CompiledExpr[], params: Readonly<Record<string, number>>, excludeTechCode: number): Int32Array {
    const { inv, activity, include, attrNumbers, attrText } = this.s
    let i = 0
    const read = (name: string): ExprValue | undefined => {
      switch (name) {
        case 'id':
          return inv.ids[i] ?? null
        case 'region':
          return dictAt(inv.region, i)
        case 'sector':
          return dictAt(inv.sector, i)
        case 'technology':
          return dictAt(inv.technology, i)
        case 'activity':
          return activity[i] ?? null
      }
      const num = attrNumbers.get(name)
      if (num) {
        const v = num[i] ?? NaN
        return Number.isNaN(v) ? null : v
      }
      const txt = attrText.get(name)
      if (txt) return dictAt(txt, i)
      return own(params, name)
    }
    const whole = this.keyColumns(exprs, params)
    // Many value combinations (e.g. a list of enterprises AND-ed with a county): memoise each and/or operand on
    // its own columns instead, so each is evaluated once per distinct value of what it reads.
    const test = whole && whole.combos <= this.tableLimit ? undefined : this.splitTest(exprs, params, () => i, read)
    const techCodes = inv.technology.codes
    const out = new Int32Array(inv.n)
    let count = 0
    const fast = test === undefined && whole ? whole : undefined
    const table = fast ? new Uint8Array(fast.combos) : undefined
    const c0 = fast?.cols[0]
    const c1 = fast?.cols[1]
    const ncol = fast?.cols.length ?? 0
    for (i = 0; i < inv.n; i++) {
      if (!include[i]) continue
      if (excludeTechCode >= 0 && techCodes[i] === excludeTechCode) continue
      let h: boolean
      if (table && fast) {
        // The common case inline: one flat table, keyed on up to a few dictionary codes.
        let key: number
        if (ncol === 0) key = 0
        else if (ncol === 1 && c0) key = (c0.codes[i] as number) + c0.shift
        else if (ncol === 2 && c0 && c1) key = (c0.codes[i] as number) + c0.shift + ((c1.codes[i] as number) + c1.shift) * c0.card
        else key = keyOf(fast.cols, i)
        let t = table[key] as number
        if (t === 0) table[key] = t = evaluateAll(exprs, read) ? 2 : 1
        h = t === 2
      } else h = (test as () => boolean)()
      if (h) out[count++] = i
    }
    return out.slice(0, count)
  }

  /** Test a conjunction of expressions operand by operand, each memoised on its own columns. */
  private splitTest(
    exprs: readonly CompiledExpr[],
    params: Readonly<Record<string, number>>,
    at: () => number,
    read: (name: string) => ExprValue | undefined,
  ): () => boolean {
    const node = exprs.map((e) => splitLogic(e)).reduce<Logic>((a, b) => ({ op: 'and', a, b }), { leaf: TRUE })
    const build = (n: Logic): (() => boolean) => {
      if ('op' in n) {
        const a = build(n.a)
        const b = build(n.b)
        return n.op === 'and' ? () => a() && b() : () => a() || b()
      }
      const e = n.leaf
      const k = this.keyColumns([e], params)
      if (!k) return () => isSelected(e, read)
      if (k.combos <= this.tableLimit) {
        const table = new Uint8Array(k.combos)
        return () => {
          const key = keyOf(k.cols, at())
          let t = table[key] as number
          if (t === 0) table[key] = t = isSelected(e, read) ? 2 : 1
          return t === 2
        }
      }
      const memo = new Map<number, boolean>()
      return () => {
        const key = keyOf(k.cols, at())
        let m = memo.get(key)
        if (m === undefined) memo.set(key, (m = isSelected(e, read)))
        return m
      }
    }
    return build(node)
  }
}

function keyOf(cols: readonly Coded[], i: number): number {
  let key = 0
  let stride = 1
  for (const c of cols) {
    key += ((c.codes[i] as number) + c.shift) * stride
    stride *= c.card
  }
  return key
}

function evaluateAll(exprs: readonly CompiledExpr[], read: (name: string) => ExprValue | undefined): boolean {
  for (const e of exprs) if (!isSelected(e, read)) return false
  return true
}

class Unsplittable extends Error {}

/** An expression split at its top-level `and`/`or` into separately compiled operands. */
type Logic = { op: 'and' | 'or'; a: Logic; b: Logic } | { leaf: CompiledExpr }

const TRUE = mustCompile('true')

function mustCompile(source: string): CompiledExpr {
  const c = compileExpression(source)
  if (!c.ok) throw new Error(`internal: cannot compile ${source}`)
  return c.expr
}

/**
 * Split an expression at its `and`/`or` nodes. Exact: `a and b` is truthy(a) && truthy(b), which is what the
 * compiled expression computes, and each operand is the same sub-expression compiled on its own.
 */
function splitLogic(e: CompiledExpr): Logic {
  type Node = ExprNode | MathNode
  const walk = (n: Node): Logic => {
    let node = n
    while (node.type === 'ParenthesisNode') node = (node as Node & { content: Node }).content
    const op = node.type === 'OperatorNode' ? (node as Node & { op: string; args: Node[] }) : undefined
    if (op && (op.op === 'and' || op.op === 'or') && op.args.length === 2) {
      const [a, b] = op.args as [Node, Node]
      return { op: op.op, a: walk(a), b: walk(b) }
    }
    // Each operand is compiled from its own subtree, exactly as the whole expression compiled it.
    const c = compileNode(node, e.source)
    if (!c.ok) throw new Unsplittable()
    return { leaf: c.expr }
  }
  try {
    return walk(parseExpression(e.source))
  } catch (err) {
    if (err instanceof Unsplittable) return { leaf: e }
    throw err
  }
}
