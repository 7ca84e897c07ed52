/**
 * A syntax tree node of the expression language, in mathjs's shape (the same `type` and fields as mathjs's nodes),
 * so that the compiler reads trees from this parser and from mathjs alike.
 */
export type ExprNode =
  | { type: 'ConstantNode'; value: unknown }
  | { type: 'SymbolNode'; name: string }
  | { type: 'ParenthesisNode'; content: ExprNode }
  | { type: 'ConditionalNode'; condition: ExprNode; trueExpr: ExprNode; falseExpr: ExprNode }
  | { type: 'RelationalNode'; conditionals: string[]; params: ExprNode[] }
  | { type: 'OperatorNode'; op: string; fn: string; args: ExprNode[]; implicit: boolean; isPercentage: boolean }
  | { type: 'FunctionNode'; fn: { type: 'SymbolNode'; name: string }; args: ExprNode[] }

/** Thrown inside the parser when the text needs mathjs's parser: caught by fastParse, never escapes. */
class Defer extends Error {}
const DEFER = new Defer()

const RELATIONAL = new Map(Object.entries({ '==': 'equal', '!=': 'unequal', '<': 'smaller', '>': 'larger', '<=': 'smallerEq', '>=': 'largerEq' }))
const UNARY = new Map(Object.entries({ '-': 'unaryMinus', '+': 'unaryPlus', not: 'not' }))
// Every delimiter mathjs knows, so that text is cut into the tokens mathjs would cut it into; the parser below
// accepts only some of them and defers the rest.
const DELIMITERS = new Set(
  [
    ',',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    '"',
    "'",
    ';',
    '+',
    '-',
    '*',
    '.*',
    '/',
    './',
    '%',
    '^',
    '.^',
    '~',
    '!',
    '&',
    '|',
    '^|',
    '=',
    ':',
    '?',
    '?.',
    '??',
  ].concat(['==', '!=', '<', '>', '<=', '>=', '<<', '>>', '>>>']),
)
const NAMED_DELIMITERS = new Set(['mod', 'to', 'in', 'and', 'xor', 'or', 'not'])
const CONSTANTS = new Map<string, unknown>(Object.entries({ true: true, false: false, null: null, undefined: undefined }))
const ESCAPES = new Map(Object.entries({ '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }))
const ALPHA = /^[a-zA-Z_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]$/

const isDigit = (c: string) => c >= '0' && c <= '9'
const op = (o: string, fn: string, args: ExprNode[]): ExprNode => ({ type: 'OperatorNode', op: o, fn, args, implicit: false, isPercentage: false })

type TokenType = 'delimiter' | 'number' | 'symbol'

/**
 * Parse an expression as mathjs's `parse` would, for the part of its grammar Lantian's expression language uses:
 * numbers, strings, names, parentheses, function calls, `+ - * / ^`, comparisons (chained too), `and or xor not`
 * and `?:`. Return the tree mathjs would build, or `undefined` whenever the text holds anything else (other
 * operators, implicit multiplication, comments, line breaks, hexadecimal numbers, syntax errors…): the caller then
 * asks mathjs, so behaviour and error messages stay mathjs's. It mirrors mathjs 15's `expression/parse.js` function
 * by function; `test/core/fast-parse.test.ts` checks it against mathjs on the library, the seeds and generated text.
 * It exists because creating mathjs's parser costs more than the whole `lantian run` of a seed (README, Performance).
 */
export function fastParse(source: string): ExprNode | undefined {
  try {
    return new FastParser(source).start()
  } catch (e) {
    if (e instanceof Defer || e instanceof RangeError) return undefined
    throw e
  }
}

class FastParser {
  private index = 0
  private token = ''
  private tokenType: TokenType = 'delimiter'
  private nesting = 0
  private conditionalLevel: number | null = null

  constructor(private readonly text: string) {}

  start(): ExprNode {
    this.next()
    if (this.token === '') throw DEFER
    const node = this.assignment()
    if (this.token !== '') throw DEFER
    return node
  }

  /** Whether the current token is `t` (a method, so that TypeScript does not narrow the token across calls). */
  private at(t: string): boolean {
    return this.token === t
  }

  private char(k = 0): string {
    return this.text.charAt(this.index + k)
  }

  /** mathjs getToken, for the characters it can meet; comments, line breaks and unknown characters defer. */
  private next(): void {
    this.tokenType = 'delimiter'
    this.token = ''
    while (this.char() === ' ' || this.char() === '\t' || this.char() === '\u00A0') this.index++
    const c1 = this.char()
    if (c1 === '') return
    if (c1 === '#' || c1 === '\n') throw DEFER
    const c3 = this.text.substr(this.index, 3)
    const c2 = this.text.substr(this.index, 2)
    if (c3.length === 3 && DELIMITERS.has(c3)) return this.take(c3)
    if (c2.length === 2 && DELIMITERS.has(c2) && (c2 !== '?.' || !isDigit(this.char(2)))) return this.take(c2)
    if (DELIMITERS.has(c1)) return this.take(c1)
    if (isDigit(c1) || c1 === '.') return this.number()
    if (ALPHA.test(c1)) {
      let t = ''
      while (ALPHA.test(this.char()) || isDigit(this.char())) t += this.text[this.index++]
      this.token = t
      this.tokenType = NAMED_DELIMITERS.has(t) ? 'delimiter' : 'symbol'
      return
    }
    // Surrogate pairs (mathematical alphanumerics) and anything mathjs refuses.
    throw DEFER
  }

  private take(t: string): void {
    this.token = t
    this.index += t.length
  }

  private number(): void {
    const start = this.index
    const c2 = this.text.substr(this.index, 2)
    if (c2 === '0b' || c2 === '0o' || c2 === '0x') throw DEFER
    if (this.char() === '.') {
      this.index++
      if (!isDigit(this.char())) throw DEFER // a lone dot: property access
    } else {
      while (isDigit(this.char())) this.index++
      if (this.char() === '.' && !'/*^'.includes(this.char(1))) this.index++
    }
    while (isDigit(this.char())) this.index++
    const e = this.char()
    if (e === 'e' || e === 'E') {
      const n1 = this.char(1)
      if (isDigit(n1) || n1 === '-' || n1 === '+') {
        this.index++
        if (this.char() === '+' || this.char() === '-') this.index++
        if (!isDigit(this.char())) throw DEFER
        while (isDigit(this.char())) this.index++
        if (this.char() === '.' && !'/*^'.includes(this.char(1))) throw DEFER
      } else if (n1 === '.' && !'/*^'.includes(this.char(2))) throw DEFER
    }
    this.token = this.text.slice(start, this.index)
    this.tokenType = 'number'
  }

  private assignment(): ExprNode {
    const node = this.conditional()
    if (this.token === '=') throw DEFER
    return node
  }

  private conditional(): ExprNode {
    let node = this.logical(0)
    while (this.token === '?') {
      const prev = this.conditionalLevel
      this.conditionalLevel = this.nesting
      this.next()
      const trueExpr = this.assignment()
      if (!this.at(':')) throw DEFER
      this.conditionalLevel = null
      this.next()
      const falseExpr = this.assignment()
      node = { type: 'ConditionalNode', condition: node, trueExpr, falseExpr }
      this.conditionalLevel = prev
    }
    return node
  }

  /** or, xor, and: left-associative, in that order of precedence (lowest first). */
  private logical(level: number): ExprNode {
    const name = (['or', 'xor', 'and'] as const)[level]
    if (name === undefined) return this.relational()
    let node = this.logical(level + 1)
    while (this.token === name) {
      this.next()
      node = op(name, name, [node, this.logical(level + 1)])
    }
    return node
  }

  private relational(): ExprNode {
    const params = [this.range()]
    const conditionals: { name: string; fn: string }[] = []
    while (RELATIONAL.has(this.token)) {
      conditionals.push({ name: this.token, fn: RELATIONAL.get(this.token) as string })
      this.next()
      params.push(this.range())
    }
    const [a, b] = params
    if (params.length === 1 && a) return a
    if (params.length === 2 && a && b) return op(conditionals[0]?.name ?? '', conditionals[0]?.fn ?? '', [a, b])
    return { type: 'RelationalNode', conditionals: conditionals.map((c) => c.fn), params }
  }

  /** mathjs's bitwise, shift, conversion and range levels hold nothing of ours: their operators defer. */
  private range(): ExprNode {
    if (this.token === ':') throw DEFER
    const node = this.addSubtract()
    if (this.token === ':' && this.conditionalLevel !== this.nesting) throw DEFER
    return node
  }

  private addSubtract(): ExprNode {
    let node = this.multiplyDivide()
    while (this.token === '+' || this.token === '-') {
      const name = this.token
      this.next()
      node = op(name, name === '+' ? 'add' : 'subtract', [node, this.multiplyDivide()])
    }
    return node
  }

  private multiplyDivide(): ExprNode {
    let node = this.noImplicit()
    while (this.token === '*' || this.token === '/') {
      const name = this.token
      this.next()
      node = op(name, name === '*' ? 'multiply' : 'divide', [node, this.noImplicit()])
    }
    return node
  }

  /** An operand followed by a name, a number or `(` is an implicit multiplication (or mathjs's rule 2): defer. */
  private noImplicit(): ExprNode {
    const node = this.unary()
    if (this.tokenType === 'symbol' || this.tokenType === 'number' || this.token === '(' || this.token === 'in' || this.token === '%') throw DEFER
    return node
  }

  private unary(): ExprNode {
    const fn = UNARY.get(this.token)
    if (fn !== undefined) {
      const name = this.token
      this.next()
      return op(name, fn, [this.unary()])
    }
    return this.pow()
  }

  private pow(): ExprNode {
    const node = this.operand()
    if (this.token === '^') {
      this.next()
      return op('^', 'pow', [node, this.unary()])
    }
    return node
  }

  /** A symbol, constant, function call, string, number or parenthesised expression; postfix operators defer. */
  private operand(): ExprNode {
    const node = this.primary()
    const t = this.token
    if (t === '!' || t === "'" || t === '??' || t === '?.' || t === '[' || t === '.' || t === '.^') throw DEFER
    return node
  }

  private primary(): ExprNode {
    if (this.tokenType === 'symbol') {
      const name = this.token
      this.next()
      if (CONSTANTS.has(name)) return { type: 'ConstantNode', value: CONSTANTS.get(name) }
      if (name === 'NaN' || name === 'Infinity') return { type: 'ConstantNode', value: Number(name) }
      if (this.token !== '(') return { type: 'SymbolNode', name }
      const args = this.list()
      if (this.token === '(') throw DEFER
      return { type: 'FunctionNode', fn: { type: 'SymbolNode', name }, args }
    }
    if (this.tokenType === 'number') {
      const value = Number(this.token)
      this.next()
      return { type: 'ConstantNode', value }
    }
    if (this.token === '"' || this.token === "'") return { type: 'ConstantNode', value: this.string(this.token) }
    if (this.token === '(') {
      this.nesting++
      this.next()
      const content = this.assignment()
      if (!this.at(')')) throw DEFER
      this.nesting--
      this.next()
      return { type: 'ParenthesisNode', content }
    }
    throw DEFER
  }

  /** A function's arguments, `(` already the token: mathjs parses each as an assignment. */
  private list(): ExprNode[] {
    const args: ExprNode[] = []
    this.nesting++
    this.next()
    if (!this.at(')')) {
      args.push(this.assignment())
      while (this.at(',')) {
        this.next()
        args.push(this.assignment())
      }
    }
    if (!this.at(')')) throw DEFER
    this.nesting--
    this.next()
    return args
  }

  /** mathjs parseStringToken: the characters up to the closing quote, with JSON's escapes. */
  private string(quote: string): string {
    let s = ''
    while (this.char() !== '' && this.char() !== quote) {
      if (this.char() !== '\\') {
        s += this.text[this.index++]
        continue
      }
      this.index++
      const c = this.char()
      const esc = ESCAPES.get(c)
      if (esc !== undefined) {
        s += esc
        this.index++
      } else if (c === 'u' && /^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.index + 1, this.index + 5))) {
        s += String.fromCharCode(parseInt(this.text.slice(this.index + 1, this.index + 5), 16))
        this.index += 5
      } else throw DEFER
    }
    this.next()
    if (this.token !== quote) throw DEFER
    this.next()
    return s
  }
}
