/**
 * Root finding for flip points. A flip point is where a target's gap (t; ≤ 0 = met) crosses zero as one input
 * moves with everything else held. Where the gap is affine in the input (levels, EF multipliers, removal fractions,
 * share scales: emissions are multilinear in them) two evaluations give it exactly; elsewhere (growth rates,
 * parameters through their removal formula) Brent's bracketed method finds it.
 */

/** Relative tolerance of every root: |x − x*| ≤ REL_TOL × max(|x*|, width of the searched interval). */
export const REL_TOL = 1e-9

/**
 * Return the root of the affine function through (x0, f0) and (x1, f1), or null when it is flat (the input does not
 * move the gap) or either value is not finite.
 */
export function affineRoot(x0: number, f0: number, x1: number, f1: number): number | null {
  if (!Number.isFinite(f0) || !Number.isFinite(f1) || x0 === x1) return null
  const slope = (f1 - f0) / (x1 - x0)
  if (slope === 0 || !Number.isFinite(slope)) return null
  return x0 - f0 / slope
}

/**
 * Return a root of f in [a, b] given f(a) and f(b) of opposite signs (or one of them zero), by Brent's method
 * (inverse quadratic interpolation and secant steps, safeguarded by bisection; Brent 1973, "Algorithms for
 * Minimization without Derivatives", ch. 4). Stops when the bracket is below REL_TOL × max(|x|, |b − a|).
 * A NaN from f is treated as a failure of the bracket: the answer is then null.
 */
export function brent(f: (x: number) => number, a: number, b: number, fa = f(a), fb = f(b), maxIter = 200): number | null {
  if (fa === 0) return a
  if (fb === 0) return b
  if (!(Number.isFinite(fa) && Number.isFinite(fb)) || Math.sign(fa) === Math.sign(fb)) return null
  const scale = Math.abs(b - a)
  let c = a
  let fc = fa
  let d = b - a
  let e = d
  for (let it = 0; it < maxIter; it++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a
      fc = fa
      d = b - a
      e = d
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b
      b = c
      c = a
      fa = fb
      fb = fc
      fc = fa
    }
    const tol = 0.5 * REL_TOL * Math.max(Math.abs(b), scale, Number.MIN_VALUE)
    const m = 0.5 * (c - b)
    if (Math.abs(m) <= tol || fb === 0) return b
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant when only two points are distinct, inverse quadratic otherwise.
      const s = fb / fa
      let p: number
      let q: number
      if (a === c) {
        p = 2 * m * s
        q = 1 - s
      } else {
        const qa = fa / fc
        const r = fb / fc
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
        q = (qa - 1) * (r - 1) * (s - 1)
      }
      if (p > 0) q = -q
      else p = -p
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d
        d = p / q
      } else {
        d = m
        e = m
      }
    } else {
      d = m
      e = m
    }
    a = b
    fa = fb
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol
    fb = f(b)
    if (!Number.isFinite(fb)) return null
  }
  return b
}

/**
 * Return the root of f in [lo, hi] nearest to x0 (where f(x0) = f0), searching [lo, x0] and [x0, hi] by sign
 * change at the ends, each by Brent. Null when neither end differs in sign from x0 (a pair of roots on one side,
 * if f turned back, would not be seen: the inputs this is used for move the gap one way).
 */
export function nearestRoot(f: (x: number) => number, x0: number, f0: number, lo: number, hi: number): number | null {
  const roots: number[] = []
  if (f0 === 0) return x0
  for (const end of [lo, hi]) {
    if (end === x0) continue
    const fe = f(end)
    if (!Number.isFinite(fe) || Math.sign(fe) === Math.sign(f0)) continue
    const r = end < x0 ? brent(f, end, x0, fe, f0) : brent(f, x0, end, f0, fe)
    if (r !== null) roots.push(r)
  }
  if (roots.length === 0) return null
  return roots.reduce((best, r) => (Math.abs(r - x0) < Math.abs(best - x0) ? r : best))
}

/**
 * Return every x in [lo, hi] where the scalar g(x) equals `target`, by scanning `n` sub-intervals for sign changes
 * of g − target and refining each by Brent. Sub-intervals where g is not finite (an invalid parameter) are
 * skipped. For inverting a measure's removal formula or share scale: cheap, no simulation.
 */
export function solveScalar(g: (x: number) => number, target: number, lo: number, hi: number, n = 64): number[] {
  const f = (x: number) => g(x) - target
  const out: number[] = []
  if (!(hi > lo)) {
    const v = f(lo)
    return v === 0 ? [lo] : []
  }
  let xa = lo
  let fa = f(xa)
  if (fa === 0) out.push(xa)
  for (let k = 1; k <= n; k++) {
    const xb = k === n ? hi : lo + ((hi - lo) * k) / n
    const fb = f(xb)
    if (fb === 0) out.push(xb)
    else {
      // Where g stops being valid inside the step (e.g. s0 passing s1), search up to the edge of validity.
      let [a, b, ga, gb] = [xa, xb, fa, fb]
      if (Number.isFinite(ga) && !Number.isFinite(gb)) [b, gb] = validEdge(f, a, b)
      else if (!Number.isFinite(ga) && Number.isFinite(gb)) [a, ga] = validEdge(f, b, a)
      if (gb === 0 && b !== xb) out.push(b)
      else if (ga === 0 && a !== xa) out.push(a)
      else if (Number.isFinite(ga) && Number.isFinite(gb) && ga !== 0 && Math.sign(ga) !== Math.sign(gb)) {
        const r = brent(f, a, b, ga, gb)
        if (r !== null) out.push(r)
      }
    }
    xa = xb
    fa = fb
  }
  return out
}

/** Return the point nearest to `bad` (to rounding) where f is still finite, and f there, bisecting from `good`. */
function validEdge(f: (x: number) => number, good: number, bad: number): [number, number] {
  let fg = f(good)
  for (let k = 0; k < 80 && good !== bad; k++) {
    const m = (good + bad) / 2
    if (m === good || m === bad) break
    const fm = f(m)
    if (Number.isFinite(fm)) {
      good = m
      fg = fm
    } else bad = m
  }
  return [good, fg]
}
