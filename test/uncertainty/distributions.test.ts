import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { centralValue, drawGenerator, isPoint, normalQuantile, percentileOfSorted, quantile, scaleSpread, swingValues } from '../../src/core'

describe('distributions', () => {
  it('inverts the triangular CDF', () => {
    const d = { kind: 'triangular', low: 0, mode: 1, high: 4 } as const
    // F(mode) = (c − a)/(b − a) = 1/4.
    expect(quantile(d, 0.25)).toBeCloseTo(1, 12)
    // Left branch: a + sqrt(u (b − a)(c − a)) = sqrt(0.0625 × 4) = 0.5.
    expect(quantile(d, 0.0625)).toBeCloseTo(0.5, 12)
    // Right branch: b − sqrt((1 − u)(b − a)(b − c)) = 4 − sqrt(0.25 × 12) = 4 − √3.
    expect(quantile(d, 0.75)).toBeCloseTo(4 - Math.sqrt(3), 12)
    expect(quantile(d, 0)).toBe(0)
  })

  it('reads a log-triangular on a log scale, centred on its mode', () => {
    const d = { kind: 'logtriangular', low: 0.2, mode: 1, high: 5 } as const
    // Log-symmetric range: the median is the mode (a linear triangular over [0.2, 5] has its median at 1.90).
    expect(quantile(d, 0.5)).toBeCloseTo(1, 12)
    expect(quantile(d, 0)).toBeCloseTo(0.2, 12)
    expect(quantile(d, 1 - 1e-12)).toBeCloseTo(5, 4)
    // u = 1/8 on the left branch: ln v = −L + √(1/8 · 2L · L) = −L/2, so v = 1/√5.
    expect(quantile(d, 0.125)).toBeCloseTo(1 / Math.sqrt(5), 12)
    expect(swingValues(d)).toEqual([0.2, 5])
    expect(centralValue(d)).toBe(1)
    // Mean E[e^X], X ~ triangular(−L, 0, L), L = ln 5: (e^L + e^−L − 2)/L² = 3.2/ln²5 ≈ 1.235 (linear triangular: 2.07).
    const n = 200000
    let sum = 0
    for (let i = 0; i < n; i++) sum += quantile(d, (i + 0.5) / n)
    expect(sum / n).toBeCloseTo(3.2 / Math.log(5) ** 2, 4)
    // Scaling the spread works in log space: half of ×4 is ×2.
    const half = scaleSpread({ kind: 'logtriangular', low: 0.25, mode: 1, high: 4 }, 0.5)
    expect(half.kind).toBe('logtriangular')
    if (half.kind === 'logtriangular') {
      expect(half.low).toBeCloseTo(0.5, 14)
      expect(half.high).toBeCloseTo(2, 14)
    }
    expect(isPoint(scaleSpread(d, 0))).toBe(true)
    expect(isPoint(d)).toBe(false)
  })

  it('returns a point distribution exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), (u, v) => {
        expect(quantile({ kind: 'triangular', low: v, mode: v, high: v }, u)).toBe(v)
        expect(quantile({ kind: 'uniform', low: v, high: v }, u)).toBe(v)
        expect(quantile(scaleSpread({ kind: 'triangular', low: 0.8, mode: 1, high: 1 }, 0), u)).toBe(1)
        expect(quantile(scaleSpread({ kind: 'uniform', low: -0.01, high: 0.01 }, 0), u)).toBe(0)
        expect(quantile(scaleSpread({ kind: 'logtriangular', low: 0.2, mode: 1, high: 5 }, 0), u)).toBe(1)
        expect(quantile(scaleSpread({ kind: 'logtriangular', low: 0.5, mode: 3, high: 7 }, 0), u)).toBe(3)
        expect(quantile(scaleSpread({ kind: 'lognormal', median: 2, gsd: 1.7 }, 0), u)).toBe(2)
      }),
    )
  })

  it('samples a lognormal around its median', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5)
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5)
    const d = { kind: 'lognormal', median: 2, gsd: 1.5 } as const
    expect(quantile(d, 0.5)).toBeCloseTo(2, 9)
    const [lo, hi] = swingValues(d)
    // P5 and P95: 2 × 1.5^∓1.645.
    expect(lo).toBeCloseTo(2 * 1.5 ** -1.6448536, 5)
    expect(hi).toBeCloseTo(2 * 1.5 ** 1.6448536, 5)
  })

  it('draws the same stream for (seed, draw) however it is reached', () => {
    const a = drawGenerator(42, 17)
    const b = drawGenerator(42, 17)
    const xs = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs)
    expect(drawGenerator(42, 18)()).not.toBe(xs[0])
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true)
  })

  it('interpolates percentiles linearly (type 7)', () => {
    expect(percentileOfSorted([1, 2, 3, 4, 5], 50)).toBe(3)
    expect(percentileOfSorted([1, 2, 3, 4, 5], 25)).toBe(2)
    expect(percentileOfSorted([0, 10], 5)).toBeCloseTo(0.5, 12)
    expect(percentileOfSorted([7, 7, 7], 95)).toBe(7)
  })
})
