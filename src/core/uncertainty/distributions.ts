/**
 * A probability distribution of one uncertain input (DESIGN §4.6). Values are in the input's own terms: a multiplier
 * for emission factors, removal fractions and achieved adoption, a shift in fraction per year for growth rates.
 */
export type Distribution =
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'triangular'; low: number; mode: number; high: number }
  /**
   * Triangular in log space: ln(value) is triangular over ln(low), ln(mode), ln(high) (0 < low ≤ mode ≤ high), so a
   * multiplicative range such as [0.2, 5] × has its mode and median at `mode` instead of being pulled up.
   */
  | { kind: 'logtriangular'; low: number; mode: number; high: number }
  /** Lognormal with the given median and geometric standard deviation (≥ 1). */
  | { kind: 'lognormal'; median: number; gsd: number }

import { expDet, logDet } from './det-math'

/** Keep inverse-CDF arguments off 0 and 1, where the lognormal quantile is infinite. */
const U_EPS = 1e-12

/** Return the value of a distribution at cumulative probability u ∈ [0, 1) (inverse-CDF sampling: one uniform per input). */
export function quantile(d: Distribution, u: number): number {
  if (d.kind === 'uniform') return d.low === d.high ? d.low : d.low + u * (d.high - d.low)
  // A zero-width range must give back exactly its value, so that zero ranges reproduce the deterministic run.
  if (d.kind === 'triangular') return d.low === d.high ? d.mode : triangularQuantile(d.low, d.mode, d.high, u)
  if (d.kind === 'logtriangular') {
    if (d.low === d.high) return d.mode
    // In log space relative to the mode (0 at the mode), then back: the mode maps to itself exactly.
    return d.mode * expDet(triangularQuantile(logDet(d.low / d.mode), 0, logDet(d.high / d.mode), u))
  }
  if (d.gsd === 1) return d.median
  const z = normalQuantile(Math.min(1 - U_EPS, Math.max(U_EPS, u)))
  return d.median * expDet(z * logDet(d.gsd))
}

/** Invert the CDF of triangular(a, c, b) with a < b. */
function triangularQuantile(a: number, c: number, b: number, u: number): number {
  const fc = (c - a) / (b - a)
  if (u < fc) return a + Math.sqrt(u * (b - a) * (c - a))
  return b - Math.sqrt((1 - u) * (b - a) * (b - c))
}

/** Return the low and high swing values of a distribution for one-at-a-time sensitivity: its bounds, or P5 and P95 when unbounded. */
export function swingValues(d: Distribution): [number, number] {
  if (d.kind !== 'lognormal') return [d.low, d.high]
  return [quantile(d, 0.05), quantile(d, 0.95)]
}

/** Return the central value of a distribution: the mode of a (log-)triangular, the midpoint of a uniform, the median of a lognormal. */
export function centralValue(d: Distribution): number {
  if (d.kind === 'triangular' || d.kind === 'logtriangular') return d.mode
  if (d.kind === 'uniform') return (d.low + d.high) / 2
  return d.median
}

/** Tell whether a distribution is a single point. */
export function isPoint(d: Distribution): boolean {
  return d.kind === 'lognormal' ? d.gsd === 1 : d.low === d.high
}

/**
 * Return a copy of a distribution with its spread around the central value scaled by k (k = 0: a point, k = 1:
 * unchanged). Lognormal and log-triangular spreads scale in log space.
 */
export function scaleSpread(d: Distribution, k: number): Distribution {
  if (k === 1) return d
  if (d.kind === 'lognormal') return { ...d, gsd: expDet(logDet(d.gsd) * k) }
  const c = centralValue(d)
  if (d.kind === 'logtriangular') {
    // k = 0 gives expDet(0) = 1 exactly, so low = high = mode and the draw is the mode to the bit.
    return { kind: 'logtriangular', low: c * expDet(logDet(d.low / c) * k), mode: c, high: c * expDet(logDet(d.high / c) * k) }
  }
  if (d.kind === 'uniform') return { kind: 'uniform', low: c + (d.low - c) * k, high: c + (d.high - c) * k }
  return { kind: 'triangular', low: c + (d.low - c) * k, mode: c, high: c + (d.high - c) * k }
}

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9),
// https://web.archive.org/web/20151030215612/http://home.online.no/~pjacklam/notes/invnorm/
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]

const poly = (c: number[], x: number): number => c.reduce((acc, k) => acc * x + k, 0)

/** Return the standard normal quantile Φ⁻¹(p) for p ∈ (0, 1). */
export function normalQuantile(p: number): number {
  const plow = 0.02425
  if (p < plow) {
    const q = Math.sqrt(-2 * logDet(p))
    return poly(C, q) / (poly(D, q) * q + 1)
  }
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * logDet(1 - p))
    return -poly(C, q) / (poly(D, q) * q + 1)
  }
  const q = p - 0.5
  const r = q * q
  return (poly(A, r) * q) / (poly(B, r) * r + 1)
}
