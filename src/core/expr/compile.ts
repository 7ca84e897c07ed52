import type { MathNode } from 'mathjs'
import type { ExprNode } from './fast-parse'
import { parseExpression } from './math-parse'
import { issue, type Issue } from '../issues'

/** A value an expression can produce or read. `null` stands for an attribute the record lacks. */
export type ExprValue = number | string | boolean | null

/** Read a name from the evaluation scope. */
export type ScopeReader = (name: string) => ExprValue | undefined

/** An expression compiled once to a closure; evaluation is linear in its size and cannot hang. */
export interface CompiledExpr {
  readonly source: string
  /** Every name the expression reads (record fields, attributes, parameters). */
  readonly symbols: ReadonlySet<string>
  evaluate(read: ScopeReader): ExprValue
}

/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 2000
/** Deepest nesting of an expression's syntax tree. */
export const MAX_EXPRESSION_DEPTH = 64
const MAX_DEPTH = MAX_EXPRESSION_DEPTH

type Fn = (args: ExprValue[]) => ExprValue

const num = (v: ExprValue): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN)
const truthy = (v: ExprValue): boolean => (typeof v === 'number' ? v !== 0 && !Number.isNaN(v) : v === true || (typeof v === 'string' && v.length > 0))

/** The only functions an expression may call. */
const FUNCTIONS = new Map<string, { min: number; max: number; fn: Fn }>(
  Object.entries({
    min: { min: 1, max: 64, fn: (a) => Math.min(...a.map(num)) },
    max: { min: 1, max: 64, fn: (a) => Math.max(...a.map(num)) },
    abs: { min: 1, max: 1, fn: (a) => Math.abs(num(a[0] ?? null)) },
    sqrt: { min: 1, max: 1, fn: (a) => Math.sqrt(num(a[0] ?? null)) },
    exp: { min: 1, max: 1, fn: (a) => Math.exp(num(a[0] ?? null)) },
    log: { min: 1, max: 1, fn: (a) => Math.log(num(a[0] ?? null)) },
    round: { min: 1, max: 1, fn: (a) => Math.round(num(a[0] ?? null)) },
    floor: { min: 1, max: 1, fn: (a) => Math.floor(num(a[0] ?? null)) },
    ceil: { min: 1, max: 1, fn: (a) => Math.ceil(num(a[0] ?? null)) },
    within: {
      min: 2,
      max: 2,
      fn: ([s, p]) => typeof s === 'string' && typeof p === 'string' && (s === p || s.startsWith(`${p}.`)),
    },
    startsWith: {
      min: 2,
      max: 2,
      fn: ([s, p]) => typeof s === 'string' && typeof p === 'string' && s.startsWith(p),
    },
    oneOf: { min: 2, max: 256, fn: ([x, ...rest]) => x !== null && x !== undefined && rest.some((r) => r === x) },
  }),
)

type Cmp = (a: ExprValue, b: ExprValue) => boolean
const ordered =
  (f: (a: number, b: number) => boolean): Cmp =>
  (a, b) =>
    typeof a === 'number' && typeof b === 'number' ? f(a, b) : typeof a === 'string' && typeof b === 'string' ? f(a.localeCompare(b), 0) : false

const COMPARE = new Map<string, Cmp>(
  Object.entries({
    '==': (a, b) => a !== null && b !== null && a === b,
    '!=': (a, b) => a !== null && b !== null && a !== b,
    '<': ordered((a, b) => a < b),
    '<=': ordered((a, b) => a <= b),
    '>': ordered((a, b) => a > b),
    '>=': ordered((a, b) => a >= b),
  }),
)

const ARITH = new Map<string, (a: number, b: number) => number>(
  Object.entries({
    '+': (a, b) => a + b,
    '-': (a, b) => a - b,
    '*': (a, b) => a * b,
    '/': (a, b) => a / b,
    '^': (a, b) => a ** b,
  }),
)

const RELATIONS = new Map(Object.entries({ smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=', equal: '==', unequal: '!=' }))

/** Names that could reach JavaScript internals through a careless scope object. */
const FORBIDDEN_NAMES = new Set([
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
])

type Closure = (read: ScopeReader) => ExprValue

class Rejected extends Error {}

/**
 * Compile a restricted expression. Only literals, names, arithmetic, comparisons, logic, `?:` and the
 * whitelisted functions are accepted; everything mathjs could otherwise do (import, evaluate, property
 * access, assignment, function definition, matrices, units) is rejected here, before anything runs.
 */
export function compileExpression(
  source: string,
  where: Omit<Issue, 'code' | 'zh' | 'en'> = {},
): { ok: true; expr: CompiledExpr } | { ok: false; issue: Issue } {
  if (typeof source !== 'string' || source.trim().length === 0) {
    return { ok: false, issue: issue('expr.empty', '表达式为空', 'expression is empty', where) }
  }
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      issue: issue('expr.too-long', `表达式超过 ${MAX_EXPRESSION_LENGTH} 个字符`, `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, where),
    }
  }
  // mathjs's parser recurses per bracket: count the nesting first, so no input reaches its stack limit.
  if (bracketDepth(source) > MAX_DEPTH) return { ok: false, issue: tooDeep(where) }
  let node: ExprNode | MathNode
  try {
    node = parseExpression(source)
  } catch (e) {
    if (e instanceof RangeError || e instanceof TooDeep) return { ok: false, issue: tooDeep(where) }
    const msg = e instanceof Error ? e.message : String(e)
    return { ok: false, issue: issue('expr.syntax', `表达式语法错误：${msg}`, `expression syntax error: ${msg}`, where) }
  }
  return compileNode(node, source, where)
}

/** Compile an already parsed expression (a tree of `fastParse` or mathjs); `source` is what it reports as its text. */
export function compileNode(
  node: ExprNode | MathNode,
  source: string,
  where: Omit<Issue, 'code' | 'zh' | 'en'> = {},
): { ok: true; expr: CompiledExpr } | { ok: false; issue: Issue } {
  const symbols = new Set<string>()
  try {
    const closure = build(node as MathNode, symbols, 0)
    return { ok: true, expr: { source, symbols, evaluate: closure } }
  } catch (e) {
    if (e instanceof RangeError || e instanceof TooDeep) return { ok: false, issue: tooDeep(where) }
    if (e instanceof Rejected) {
      return {
        ok: false,
        issue: issue('expr.forbidden', `表达式不允许：${e.message}`, `expression not allowed: ${e.message}`, where),
      }
    }
    throw e
  }
}

const tooDeep = (where: Omit<Issue, 'code' | 'zh' | 'en'>) =>
  issue(
    'expr.forbidden',
    `表达式不允许：嵌套超过 ${MAX_DEPTH} 层（括号、函数调用、一元运算符或条件）`,
    `expression not allowed: nesting deeper than ${MAX_DEPTH} levels (brackets, calls, unary operators or conditionals)`,
    where,
  )

/** Thrown by `build` at a node nested deeper than MAX_DEPTH. */
class TooDeep extends Error {}

/** Return the deepest nesting of (), [] and {} in an expression, brackets inside string literals not counted. */
export function bracketDepth(source: string): number {
  let depth = 0
  let max = 0
  let quote = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '(' || c === '[' || c === '{') max = Math.max(max, ++depth)
    else if (c === ')' || c === ']' || c === '}') depth--
  }
  return max
}

/** Binary operators that chain without nesting, by precedence class: `a - b + c` is one chain, like `a or b or c`. */
const CHAIN = new Map(Object.entries({ add: '+', subtract: '+', multiply: '*', divide: '*', and: 'and', or: 'or', xor: 'xor', pow: '^' }))
const chainOf = (n: MathNode): string | undefined => {
  const o = n as { type: string; fn?: unknown; args?: unknown[] }
  return o.type === 'OperatorNode' && o.args?.length === 2 && typeof o.fn === 'string' ? CHAIN.get(o.fn) : undefined
}

/**
 * The nesting an operand adds: none for the next link of a chain of binary operators of one class (`a or b or c …`
 * is one level however long; mathjs just builds it as a left-leaning tree), one otherwise (brackets, calls, unary
 * operators, conditionals).
 */
const step = (parent: MathNode, child: MathNode): number => {
  const c = chainOf(parent)
  return c !== undefined && c === chainOf(child) ? 0 : 1
}

function build(node: MathNode, symbols: Set<string>, depth: number): Closure {
  if (depth > MAX_DEPTH) throw new TooDeep()
  const n = node as MathNode & Record<string, unknown>
  switch (node.type) {
    case 'ConstantNode': {
      const v = n.value as unknown
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return () => v
      throw new Rejected('unsupported constant')
    }
    case 'SymbolNode': {
      const name = n.name as string
      if (name === 'null') return () => null
      if (FORBIDDEN_NAMES.has(name)) throw new Rejected(`the name "${name}"`)
      symbols.add(name)
      return (read) => {
        const v = read(name)
        // Only plain values may enter an expression, whatever the scope holds.
        return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null
      }
    }
    case 'ParenthesisNode':
      return build(n.content as MathNode, symbols, depth + 1)
    case 'ConditionalNode': {
      const c = build(n.condition as MathNode, symbols, depth + 1)
      const t = build(n.trueExpr as MathNode, symbols, depth + 1)
      const f = build(n.falseExpr as MathNode, symbols, depth + 1)
      return (read) => (truthy(c(read)) ? t(read) : f(read))
    }
    case 'RelationalNode': {
      const ops = n.conditionals as string[]
      const params = (n.params as MathNode[]).map((p) => build(p, symbols, depth + 1))
      const cmps = ops.map((o) => {
        const op = RELATIONS.get(o)
        const f = op === undefined ? undefined : COMPARE.get(op)
        if (!f) throw new Rejected(`operator ${o}`)
        return f
      })
      return (read) => {
        const vals = params.map((p) => p(read))
        return cmps.every((f, i) => f(vals[i] ?? null, vals[i + 1] ?? null))
      }
    }
    case 'OperatorNode': {
      const op = n.op as string
      const args = (n.args as MathNode[]).map((a) => build(a, symbols, depth + step(node, a)))
      const [a, b] = args
      if (args.length === 1 && a) {
        if (op === '-') return (read) => -num(a(read))
        if (op === '+') return (read) => num(a(read))
        if (op === 'not') return (read) => !truthy(a(read))
        throw new Rejected(`operator ${op}`)
      }
      if (args.length !== 2 || !a || !b) throw new Rejected(`operator ${op}`)
      const cmp = COMPARE.get(op)
      if (cmp) return (read) => cmp(a(read), b(read))
      const ar = ARITH.get(op)
      if (ar) return (read) => ar(num(a(read)), num(b(read)))
      if (op === 'and') return (read) => truthy(a(read)) && truthy(b(read))
      if (op === 'or') return (read) => truthy(a(read)) || truthy(b(read))
      if (op === 'xor') return (read) => truthy(a(read)) !== truthy(b(read))
      throw new Rejected(`operator ${op}`)
    }
    case 'FunctionNode': {
      const fnNode = n.fn as MathNode & { name?: string }
      if (fnNode.type !== 'SymbolNode' || typeof fnNode.name !== 'string') throw new Rejected('computed function call')
      const name = fnNode.name
      const def = FUNCTIONS.get(name)
      if (!def) throw new Rejected(`function ${name}() is not available`)
      const args = (n.args as MathNode[]).map((x) => build(x, symbols, depth + 1))
      if (args.length < def.min || args.length > def.max) throw new Rejected(`${name}() takes ${def.min}–${def.max} arguments`)
      return (read) => def.fn(args.map((x) => x(read)))
    }
    default:
      throw new Rejected(`${node.type.replace(/Node$/, '')} expressions`)
  }
}

/** Evaluate a compiled selector as a boolean (null, NaN and 0 are false). */
export function isSelected(expr: CompiledExpr, read: ScopeReader): boolean {
  return truthy(expr.evaluate(read))
}
