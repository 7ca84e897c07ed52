import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expDet, logDet } from '../../src/core/uncertainty/det-math'

// Relative error against the engine's Math.exp/Math.log (both within ~1 ulp of the true value, so ≤ ~2 ulp apart).
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b))
const TOL = 1e-15

describe('engine-independent exp and log', () => {
  it('gives the exact special cases', () => {
    expect(expDet(0)).toBe(1)
    expect(expDet(-0)).toBe(1)
    expect(logDet(1)).toBe(0)
    expect(logDet(0)).toBe(-Infinity)
    expect(logDet(Infinity)).toBe(Infinity)
    expect(logDet(-1)).toBeNaN()
    expect(logDet(NaN)).toBeNaN()
    expect(expDet(NaN)).toBeNaN()
    expect(expDet(Infinity)).toBe(Infinity)
    expect(expDet(-Infinity)).toBe(0)
    expect(expDet(710)).toBe(Infinity)
    expect(expDet(-746)).toBe(0)
    // Powers of two: the reduction is exact, so log(2^k) = k ln 2 as the split constants give it.
    expect(logDet(2)).toBe(0.6931471805599453)
    expect(logDet(1024)).toBe(10 * 0.6931471805599453)
  })

  it('matches Math.exp to ~1e-15 over the whole finite range', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709, noNaN: true }), (x) => {
        expect(rel(expDet(x), Math.exp(x))).toBeLessThanOrEqual(TOL)
      }),
      { numRuns: 20000 },
    )
    // Near 0, where the multiplier ranges live.
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (x) => {
        expect(rel(expDet(x), Math.exp(x))).toBeLessThanOrEqual(TOL)
      }),
      { numRuns: 20000 },
    )
  })

  it('matches Math.log to ~1e-15 over the positive doubles, subnormals included', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        const want = Math.log(x)
        // Next to 1 the log is tiny and the relative error is measured against ln x itself.
        expect(rel(logDet(x), want)).toBeLessThanOrEqual(TOL)
      }),
      { numRuns: 20000 },
    )
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 20, noNaN: true }), (x) => {
        expect(rel(logDet(x), Math.log(x))).toBeLessThanOrEqual(TOL)
      }),
      { numRuns: 20000 },
    )
  })

  it('round-trips exp(log x) to within a few ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        expect(rel(expDet(logDet(x)), x)).toBeLessThanOrEqual(2e-13)
      }),
    )
  })
})
