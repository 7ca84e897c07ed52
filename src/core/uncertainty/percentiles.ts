/** The percentiles a Monte Carlo run reports. */
export const PERCENTILES = [5, 25, 50, 75, 95] as const
export type Percentile = (typeof PERCENTILES)[number]

/**
 * Return the q-th percentile (0–100) of sorted values, interpolating linearly between order statistics
 * (Hyndman–Fan type 7, the default of R and NumPy). Equal values give back that value exactly.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = ((n - 1) * q) / 100
  const lo = Math.floor(h)
  const a = sorted[lo] as number
  if (lo + 1 >= n) return a
  const b = sorted[lo + 1] as number
  return a === b ? a : a + (h - lo) * (b - a)
}
