import { describe, expect, it } from 'vitest'
import { growthSeries } from '../../src/core/simulate/growth'

describe('growth index series', () => {
  const years = [2022, 2023, 2024, 2025, 2026, 2027, 2028]
  it('interpolates linearly between given years and holds the last value', () => {
    const g = growthSeries('industry.cement', [{ sector: 'industry', index: { '2024': 1.2, '2026': 0.8 }, basis: 'test' }], 2022, years)
    expect(Array.from(g as Float64Array)).toEqual([1, 1.1, 1.2, 1, 0.8, 0.8, 0.8])
  })
  it('never dips below zero when the index falls to 0 (fuzz counterexample)', () => {
    const g = growthSeries('industry', [{ sector: 'industry', index: { '2024': 8.483769468135533e-20, '2027': 0 }, basis: 'fuzz' }], 2022, years)
    for (const v of g as Float64Array) expect(v).toBeGreaterThanOrEqual(0)
    expect((g as Float64Array)[5]).toBe(0)
  })
  it('uses the most specific sector entry and compounds rates', () => {
    const g = growthSeries(
      'transport.road.freight',
      [
        { sector: 'transport', rate_pct: 10, basis: 'a' },
        { sector: 'transport.road', rate_pct: -50, basis: 'b' },
      ],
      2022,
      [2022, 2024],
    )
    expect(Array.from(g as Float64Array)).toEqual([1, 0.25])
  })
})
