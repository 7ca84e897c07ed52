import { parse, type MathNode } from 'mathjs'

/** Quote a string as an SQL literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

/** Quote an identifier for SQL. */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`
}

/**
 * Translate a Lantian restricted expression (selector or removal formula) into an SQL expression with the same
 * meaning: names are columns unless they are parameters (then literals); a comparison with a missing value is
 * false (Lantian's null rule), so every comparison is wrapped in COALESCE(…, false).
 */
export function toSql(source: string, params: Readonly<Record<string, number>>, columns: ReadonlySet<string>): string {
  return walk(parse(source), params, columns)
}

const CMP: Record<string, string> = { '==': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' }
const ARITH = new Set(['+', '-', '*', '/'])

function walk(node: MathNode, params: Readonly<Record<string, number>>, columns: ReadonlySet<string>): string {
  const n = node as MathNode & Record<string, unknown>
  const w = (x: unknown) => walk(x as MathNode, params, columns)
  switch (node.type) {
    case 'ConstantNode': {
      const v = n.value
      if (typeof v === 'number') return `CAST(${String(v)} AS DOUBLE)`
      if (typeof v === 'string') return sqlString(v)
      if (typeof v === 'boolean') return v ? 'true' : 'false'
      return 'NULL'
    }
    case 'SymbolNode': {
      const name = n.name as string
      if (columns.has(name)) return `r.${sqlIdent(name)}`
      const p = params[name]
      if (p === undefined) throw new Error(`sql: unknown name ${name}`)
      return `CAST(${String(p)} AS DOUBLE)`
    }
    case 'ParenthesisNode':
      return `(${w(n.content)})`
    case 'ConditionalNode':
      return `(CASE WHEN ${w(n.condition)} THEN ${w(n.trueExpr)} ELSE ${w(n.falseExpr)} END)`
    case 'OperatorNode': {
      const op = n.op as string
      const args = n.args as MathNode[]
      if (args.length === 1) {
        if (op === 'not') return `(NOT ${w(args[0])})`
        if (op === '-') return `(-${w(args[0])})`
        if (op === '+') return w(args[0])
      }
      const [a, b] = args.map(w)
      const cmp = CMP[op]
      if (cmp) return `COALESCE(${a} ${cmp} ${b}, false)`
      if (ARITH.has(op)) return `(${a} ${op} ${b})`
      if (op === '^') return `pow(${a}, ${b})`
      if (op === 'and') return `(${a} AND ${b})`
      if (op === 'or') return `(${a} OR ${b})`
      throw new Error(`sql: operator ${op}`)
    }
    case 'FunctionNode': {
      const name = (n.fn as { name?: string }).name
      const args = (n.args as MathNode[]).map(w)
      switch (name) {
        case 'oneOf':
          return `COALESCE(${args[0]} IN (${args.slice(1).join(', ')}), false)`
        case 'within':
          return `COALESCE(${args[0]} = ${args[1]} OR starts_with(${args[0]}, ${args[1]} || '.'), false)`
        case 'startsWith':
          return `COALESCE(starts_with(${args[0]}, ${args[1]}), false)`
        case 'max':
          return `greatest(${args.join(', ')})`
        case 'min':
          return `least(${args.join(', ')})`
        default:
          throw new Error(`sql: function ${String(name)}`)
      }
    }
    default:
      throw new Error(`sql: ${node.type}`)
  }
}
