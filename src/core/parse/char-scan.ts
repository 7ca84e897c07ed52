/**
 * Tell whether a UTF-16 code unit is white space to `String.prototype.trim` (ECMAScript WhiteSpace and
 * LineTerminator), so that cells can be trimmed by index without making a string.
 */
export function isTrimSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 0xa0) return false
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  )
}

/** Tell whether `s` holds only white space from index `from` on (what `s.slice(from).trim() === ''` says, without the copy). */
export function blankFrom(s: string, from: number): boolean {
  for (let p = from; p < s.length; p++) if (!isTrimSpace(s.charCodeAt(p))) return false
  return true
}

// Powers of ten that are exact doubles (10^22 is the largest).
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`))

/**
 * Return the value of the plain decimal `[+-]digits[.digits]` in `s[a, b)` when it has at most 15 significant
 * digits and 22 decimals, else NaN (the caller then takes the exact `Number()` path). Within those bounds the
 * digits form an exact integer m and m / 10^k is one correctly rounded division, so the result is bit-identical
 * to `Number()` (Clinger's fast path).
 */
export function fastDecimal(s: string, a: number, b: number): number {
  let p = a
  let c = s.charCodeAt(p)
  const neg = c === 45
  if (neg || c === 43) p++
  let m = 0
  let significant = 0
  let decimals = 0
  let digits = false
  let dot = false
  for (; p < b; p++) {
    c = s.charCodeAt(p)
    const d = c - 48
    if (d >= 0 && d <= 9) {
      digits = true
      if ((m !== 0 || d !== 0) && ++significant > 15) return NaN
      m = m * 10 + d
      if (dot) decimals++
    } else if (c === 46 && !dot) dot = true
    else return NaN
  }
  if (!digits || decimals > 22) return NaN
  const v = decimals === 0 ? m : m / (POW10[decimals] as number)
  return neg ? -v : v
}
