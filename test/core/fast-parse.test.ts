import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { create, parseDependencies, type MathNode } from 'mathjs'
import { describe, expect, it } from 'vitest'
import { compileExpression, parseScenario, readLibrarySpec } from '../../src/core'
import { compileNode } from '../../src/core/expr/compile'
import { fastParse } from '../../src/core/expr/fast-parse'
import { readModelFiles } from '../../src/cli/model-files'

// fastParse must build exactly mathjs's tree whenever it builds one: every text it accepts is checked against
// mathjs's own parser, on the library's and the seeds' expressions, on hand-picked corner cases and on generated text.
const mathParse = create({ parseDependencies: parseDependencies as NonNullable<typeof parseDependencies> }).parse
const ROOT = join(import.meta.dirname, '../..')

/** The fields of a tree that parsing decides (mathjs nodes also carry methods, comments and `optional`). */
function plain(n: unknown): unknown {
  const x = n as MathNode & Record<string, unknown>
  switch (x.type) {
    case 'ConstantNode':
      return { type: x.type, value: x.value }
    case 'SymbolNode':
      return { type: x.type, name: x.name }
    case 'ParenthesisNode':
      return { type: x.type, content: plain(x.content) }
    case 'ConditionalNode':
      return { type: x.type, condition: plain(x.condition), trueExpr: plain(x.trueExpr), falseExpr: plain(x.falseExpr) }
    case 'RelationalNode':
      return { type: x.type, conditionals: x.conditionals, params: (x.params as unknown[]).map(plain) }
    case 'OperatorNode':
      return { type: x.type, op: x.op, fn: x.fn, args: (x.args as unknown[]).map(plain), implicit: x.implicit, isPercentage: x.isPercentage }
    case 'FunctionNode':
      return { type: x.type, fn: plain(x.fn), args: (x.args as unknown[]).map(plain) }
    default:
      return { type: x.type, unexpected: true }
  }
}

/** Check one text; return whether fastParse built a tree (which then equals mathjs's). */
function agrees(text: string): boolean {
  const fast = fastParse(text)
  if (fast === undefined) return false
  let reference: unknown
  try {
    reference = plain(mathParse(text))
  } catch (e) {
    throw new Error(`fastParse accepted ${JSON.stringify(text)}, which mathjs refuses: ${String(e)}`, { cause: e })
  }
  expect(plain(fast), text).toStrictEqual(reference)
  return true
}

function libraryAndSeedExpressions(): string[] {
  const spec = readLibrarySpec(readModelFiles(ROOT))
  if (!spec.ok) throw new Error(JSON.stringify(spec.issues))
  const out = new Set<string>()
  for (const { spec: t } of spec.value.measures) {
    out.add(t.applies_to)
    if (t.kind === 'reduce') for (const r of Object.values(t.removal)) if (r) out.add(r)
  }
  for (const id of readdirSync(join(ROOT, 'seeds')).filter((d) => !d.includes('.'))) {
    const s = parseScenario(readFileSync(join(ROOT, 'seeds', id, 'scenario.yaml'), 'utf8'))
    if (s.ok) for (const m of s.value.measures) if (m.scope) out.add(m.scope)
  }
  return [...out]
}

describe('fastParse, the parser that spares creating mathjs’s', () => {
  it('parses every expression of the model library and the seeds, to mathjs’s tree', () => {
    const all = libraryAndSeedExpressions()
    expect(all.length).toBeGreaterThan(50)
    for (const e of all) expect(agrees(e), e).toBe(true)
  })

  it('builds mathjs’s tree for the corners of the grammar it accepts', () => {
    const accepted = [
      '-2^2',
      '2^-3^2',
      '2^3^2',
      'a < b < c',
      'a < b <= c != d',
      'a == -1',
      'not a and b or c xor d',
      'a or b and c',
      'a ? b : c ? d : e',
      'a ? (b ? c : d) : e',
      'f(a ? b : c, d)',
      '"a\\"b\\u00e9\\n" == \'x\'',
      '""',
      "'it'",
      'a?.5:1',
      '1e3 + 1E-3 + .5 + 2. + 1.e3 + 007',
      '1e400',
      'NaN != Infinity',
      'null == undefined',
      'true and false',
      '((a))',
      'f()',
      'min(1, 2, 3)',
      'x\t+\u00A0y',
      'ä + λ + ℃',
      'a_1 + $b',
      '1 - (1 - c * r) / (1 - c0 * r0)',
      'oneOf(technology, "国三", "国四") and capacity <= 35',
      '2 / 3 * 4 - 5 + 6',
    ]
    for (const e of accepted) expect(agrees(e), e).toBe(true)
  })

  it('defers to mathjs for everything else, errors included (it never returns a tree mathjs would not)', () => {
    const deferred = [
      'c ? d ? e : f : g', // mathjs reads f : g as a range here, and then fails
      '2 x',
      '2/3 x',
      '(a)(b)',
      'f(x)(y)',
      "a'",
      'a!',
      '50%',
      'a % b',
      'a mod b',
      'a.b',
      'a?.b',
      'a[1]',
      'a ?? b',
      'a & b',
      'a | b',
      'a ^| b',
      'a << 1',
      'a to cm',
      '1:3',
      'x = 1',
      'f(x) = x',
      '[1, 2]',
      '{a: 1}',
      'a # comment',
      'a\nb',
      'a; b',
      '0x1F',
      '0b11',
      '1e',
      '1.2.3',
      '"unterminated',
      '"bad \\q escape"',
      'a ==',
      '',
      '   ',
      '~a',
      'a .* b',
      '𝐱 + 1',
      '甲 == 1',
      'and(1)',
      'a ? : b',
    ]
    for (const e of deferred) expect(fastParse(e), e).toBeUndefined()
  })

  it('agrees with mathjs on generated expressions of the language', () => {
    const name = fc.constantFrom('a', 'b', 'capacity', 'technology', 'max_cap', 'x1', 'é')
    const lit = fc.oneof(
      fc.constantFrom('0', '1', '2.5', '.5', '1e3', '3E-2', '10', 'true', 'false', 'null', 'NaN', 'Infinity'),
      fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
      fc.constantFrom("'国三'", "'a\\'b'"),
    )
    const ws = fc.constantFrom('', ' ', '  ', '\t')
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        name,
        lit,
        fc
          .tuple(tie('e'), ws, fc.constantFrom('+', '-', '*', '/', '^', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'xor'), ws, tie('e'))
          .map(([a, s1, o, s2, b]) => (/^[a-z]/.test(o) ? `${a} ${o} ${b}` : `${a}${s1}${o}${s2}${b}`)),
        fc.tuple(fc.constantFrom('-', '+', 'not '), tie('e')).map(([o, a]) => `${o}${a}`),
        tie('e').map((a) => `(${a})`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
        fc
          .tuple(fc.constantFrom('min', 'max', 'oneOf', 'within', 'abs', 'f'), fc.array(tie('e'), { maxLength: 3 }))
          .map(([f, args]) => `${f}(${args.join(', ')})`),
      ),
    })).e
    let built = 0
    fc.assert(
      fc.property(expr, (text) => {
        if (agrees(text)) built++
      }),
      { numRuns: 3000 },
    )
    // Most well-formed texts take the fast path (the rest are e.g. nested ?: that mathjs reads otherwise).
    expect(built).toBeGreaterThan(2000)
  })

  it('never builds a tree mathjs would not, on arbitrary strings of its tokens', () => {
    const token = fc.constantFrom(
      ...['a', 'b', 'f', '1', '2.5', '.5', '1e', 'e3', '"s"', "'t'", '"', "'", '\\', '(', ')', ',', '+', '-', '*', '/', '^', '%', '!', '?', ':', '.'],
      ...['==', '=', '!=', '<', '<=', '>', '>=', '<<', 'and', 'or', 'xor', 'not', 'mod', 'in', 'to', 'true', 'NaN', '[', ']', '#', '&', '|', '~'],
    )
    const text = fc.array(fc.tuple(token, fc.constantFrom('', ' ')), { minLength: 1, maxLength: 12 }).map((ts) => ts.map(([t, s]) => t + s).join(''))
    fc.assert(
      fc.property(text, (t) => {
        agrees(t)
      }),
      { numRuns: 5000 },
    )
  })

  it('leaves the compiler’s answers unchanged: the same values and names as compiling mathjs’s tree', () => {
    const scope: Record<string, string | number> = { a: 1, b: 2.5, c: 3, t: 'x', technology: 'boiler-coal', capacity: 20, max_cap: 35 }
    const read = (n: string) => scope[n]
    for (const text of [...libraryAndSeedExpressions(), 'a + 2 * b', 'oneOf(t, "x", "y") and c >= 2', 'a < b < c', 'c > b ? a : -a']) {
      const fast = compileExpression(text)
      const reference = compileNode(mathParse(text), text)
      expect(fast.ok, text).toBe(reference.ok)
      if (!fast.ok || !reference.ok) continue
      expect(fast.expr.symbols).toStrictEqual(reference.expr.symbols)
      expect(fast.expr.evaluate(read)).toStrictEqual(reference.expr.evaluate(read))
    }
  })
})
