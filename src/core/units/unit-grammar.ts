/**
 * The grammar of a unit as written in a file (docs/formats.md, "Units"). A unit is names, aliases, operators and
 * integer exponents; it never carries a number. mathjs reads `unit(1, "10000 t")` as 1 t and drops the 10000, so a
 * number is refused here, before mathjs sees the string:
 *
 *   unit   = factor { [ "*" | "·" | "/" ] factor }     left to right; factors side by side (or spaced) multiply
 *   factor = atom [ "^" [ "-" ] digit { digit } ]
 *   atom   = alias | name | "(" unit ")"
 *   name   = ASCII letter or "_", then letters, digits, "_"   (a mathjs unit: t, kg, km, kWh, m3, GJ, h …)
 *   alias  = a key of the alias table (models/units.yaml), longest first, read as "(" its unit ")"
 *
 * Bracketing every alias makes it one factor wherever it stands: `t/吨公里` is t/(t km), not (t/t)·km.
 */

/** Why a unit string does not follow the grammar. */
export interface GrammarError {
  kind: 'number' | 'syntax'
  /** 0-based character position of the problem. */
  at: number
}

/** An alias table entry: the text as written and the unit it stands for, in mathjs syntax (already checked). */
export interface AliasEntry {
  key: string
  math: string
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y
const DIGITS = /[0-9]+/y
const isDigitOrPoint = (c: string) => (c >= '0' && c <= '9') || c === '.'
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c)
/** White space between factors: ASCII blanks and the ideographic space. */
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\u3000'

/**
 * Translate a unit written in a file into mathjs syntax, or say where it breaks the grammar. `aliases` must be
 * sorted longest key first; pass none to check an alias's own target (which may not use other aliases).
 */
export function unitToMath(src: string, aliases: readonly AliasEntry[] = []): { ok: true; math: string } | { ok: false; error: GrammarError } {
  let pos = 0
  const fail = (kind: GrammarError['kind'], at = pos): never => {
    throw new GrammarFail({ kind, at })
  }
  const skipBlanks = () => {
    while (isBlank(src[pos])) pos++
  }

  const atom = (): string => {
    for (const a of aliases) {
      // An alias must not end inside an ASCII name ("t" is no alias of the "t" in "tce").
      if (src.startsWith(a.key, pos) && !(isNameChar(a.key.at(-1)) && isNameChar(src[pos + a.key.length]))) {
        pos += a.key.length
        return NAME_ONLY.test(a.math) ? a.math : `(${a.math})`
      }
    }
    const c = src[pos]
    if (c === undefined) return fail('syntax')
    if (c === '(') {
      pos++
      skipBlanks()
      const inner = unit()
      skipBlanks()
      if (src[pos] !== ')') fail('syntax')
      pos++
      return `(${inner})`
    }
    if (isDigitOrPoint(c) || ((c === '-' || c === '+') && isDigitOrPoint(src[pos + 1] ?? ''))) return fail('number')
    NAME.lastIndex = pos
    const m = NAME.exec(src)
    if (!m) return fail('syntax')
    pos += m[0].length
    return m[0]
  }

  const factor = (): string => {
    let f = atom()
    if (src[pos] === '^') {
      pos++
      const neg = src[pos] === '-'
      if (neg) pos++
      DIGITS.lastIndex = pos
      const d = DIGITS.exec(src)
      // Only whole exponents: "m^2", "km^-1"; "t^0.5" or "t^x" is not a unit.
      if (!d || src[pos + d[0].length] === '.') fail('syntax')
      pos += (d as RegExpExecArray)[0].length
      f = `${f}^${neg ? '-' : ''}${(d as RegExpExecArray)[0]}`
    }
    return f
  }

  const unit = (): string => {
    let out = factor()
    for (;;) {
      const before = pos
      skipBlanks()
      const c = src[pos]
      if (c === undefined || c === ')') {
        pos = before
        return out
      }
      if (c === '*' || c === '·' || c === '/') {
        pos++
        skipBlanks()
        out += c === '/' ? '/' : ' * '
      } else out += ' * '
      out += factor()
    }
  }

  try {
    skipBlanks()
    if (pos >= src.length) fail('syntax')
    const math = unit()
    skipBlanks()
    if (pos < src.length) fail(src[pos] === ')' ? 'syntax' : isDigitOrPoint(src[pos] ?? '') ? 'number' : 'syntax')
    return { ok: true, math }
  } catch (e) {
    if (e instanceof GrammarFail) return { ok: false, error: e.error }
    // Deeply nested brackets: refused like any other malformed unit, never a stack overflow.
    if (e instanceof RangeError) return { ok: false, error: { kind: 'syntax', at: 0 } }
    throw e
  }
}

const NAME_ONLY = /^[A-Za-z_][A-Za-z0-9_]*$/

class GrammarFail extends Error {
  constructor(readonly error: GrammarError) {
    super(error.kind)
  }
}
