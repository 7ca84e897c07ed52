// Engine-independent exp and log. `Math.exp`/`Math.log` are not correctly rounded and V8 (Node) and Chromium
// may differ in the last bit, which would break "the same seed gives the same numbers in UI and CLI". These are
// ports of fdlibm's e_exp.c and e_log.c (Sun Microsystems, 1993; freely distributable, the algorithms of Java's
// StrictMath): range reduction by powers of two with exact constants, then a fixed polynomial, using only
// + − × ÷ and exact bit moves, which IEEE 754 defines to the bit on every engine (error < 1 ulp).

// One 8-byte scratch buffer to read and write the bits of a double (big-endian DataView: word 0 is the high word).
const view = new DataView(new ArrayBuffer(8))

const highWord = (x: number): number => {
  view.setFloat64(0, x)
  return view.getInt32(0)
}

const withHighWord = (x: number, hi: number): number => {
  view.setFloat64(0, x)
  view.setInt32(0, hi)
  return view.getFloat64(0)
}

/** 2^n for n ∈ [−1022, 1023], exactly. */
const pow2 = (n: number): number => {
  view.setInt32(0, (n + 1023) << 20)
  view.setInt32(4, 0)
  return view.getFloat64(0)
}

// ln 2 split so that k × LN2_HI is exact for |k| < 2^11 (LN2_HI has 32 trailing zero bits).
const LN2_HI = 6.9314718036912381649e-1 // 0x3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10 // 0x3dea39ef 35793c76
const INV_LN2 = 1.442695040888963387 // 0x3ff71547 652b82fe
const EXP_OVER = 7.09782712893383973096e2
const EXP_UNDER = -7.4513321910194110842e2
// Remez polynomial for R(r²) ≈ r (e^r + 1)/(e^r − 1) − 2 on [0, (ln2/2)²], |error| < 2^−59.
const P1 = 1.66666666666666019037e-1
const P2 = -2.77777777770155933842e-3
const P3 = 6.61375632143793436117e-5
const P4 = -1.6533902205465251539e-6
const P5 = 4.13813679705723846039e-8

/** Return e^x computed from IEEE basic operations only, so every JavaScript engine gives the same bits (error < 1 ulp). */
export function expDet(x: number): number {
  if (Number.isNaN(x)) return x
  if (x > EXP_OVER) return Infinity
  if (x < EXP_UNDER) return 0
  if (x === 0) return 1
  let hi = x
  let lo = 0
  let k = 0
  const ax = Math.abs(x)
  if (ax > 0.5 * LN2_HI) {
    // k = nearest integer to x / ln 2 (ties away from zero), then r = x − k ln 2 = hi − lo, |r| ≤ ln2/2.
    k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5))
    hi = x - k * LN2_HI
    lo = k * LN2_LO
  } else if (ax < 3.725290298461914e-9) {
    // |x| < 2^−28: e^x rounds to 1 + x.
    return 1 + x
  }
  const r = hi - lo
  const t = r * r
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
  if (k === 0) return 1 - ((r * c) / (c - 2) - r)
  const y = 1 - (lo - (r * c) / (2 - c) - hi)
  // Scale by 2^k exactly (in two steps near the ends of the exponent range).
  if (k > 1023) return y * pow2(k - 1) * 2
  if (k < -1021) return y * pow2(k + 1000) * pow2(-1000)
  return y * pow2(k)
}

const LG1 = 6.66666666666673513e-1
const LG2 = 3.999999999940941908e-1
const LG3 = 2.857142874366239149e-1
const LG4 = 2.222219843214978396e-1
const LG5 = 1.818357216161805012e-1
const LG6 = 1.531383769920937332e-1
const LG7 = 1.479819860511658591e-1
const TWO54 = 1.8014398509481984e16

/** Return ln x computed from IEEE basic operations only, so every JavaScript engine gives the same bits (error < 1 ulp). */
export function logDet(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN
  if (x === 0) return -Infinity
  if (x === Infinity) return Infinity
  let k = 0
  let hx = highWord(x)
  if (hx < 0x00100000) {
    // Subnormal: scale into the normal range first.
    k -= 54
    x *= TWO54
    hx = highWord(x)
  }
  k += (hx >> 20) - 1023
  hx &= 0x000fffff
  // Normalise the mantissa m to [√2/2, √2): x = 2^k m.
  const i = (hx + 0x95f64) & 0x100000
  const m = withHighWord(x, hx | (i ^ 0x3ff00000))
  k += i >> 20
  const f = m - 1
  const dk = k
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20.
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO
    const R = f * f * (0.5 - 0.3333333333333333 * f)
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f)
  }
  const s = f / (2 + f)
  const z = s * s
  const w = z * z
  const t1 = w * (LG2 + w * (LG4 + w * LG6))
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
  const R = t2 + t1
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f)
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f)
}
