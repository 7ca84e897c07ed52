import { describe, expect, it } from 'vitest'
import { annualAdoption } from '../../src/core'

describe('annual adoption (exact mean of the monthly schedule)', () => {
  it('counts a step completed in September for 3/12 of the year', () => {
    const s = { start: '2025-01', complete: '2025-09', level: 1, shape: 'step' as const }
    expect(annualAdoption(s, 2025)).toBe(3 / 12)
    expect(annualAdoption(s, 2024)).toBe(0)
    expect(annualAdoption(s, 2026)).toBe(1)
  })

  it('averages a one-year linear ramp to one half', () => {
    expect(annualAdoption({ start: '2023-01', complete: '2023-12', level: 1, shape: 'linear' }, 2023)).toBe(0.5)
  })

  it('splits a ramp across two years by the exact integral', () => {
    // Jul 2023 → Jun 2024, level 0.8, D = 12 months. 2023: 0.8 × 6²/(2·12)/12 = 0.1; 2024: 0.8 − 0.1 = 0.7
    const s = { start: '2023-07', complete: '2024-06', level: 0.8, shape: 'linear' as const }
    expect(annualAdoption(s, 2023)).toBeCloseTo(0.1, 15)
    expect(annualAdoption(s, 2024)).toBeCloseTo(0.7, 15)
    expect(annualAdoption(s, 2025)).toBe(0.8)
  })

  it('treats a one-month linear ramp as rising within that month', () => {
    // Ramp over March 2024 only: integral over the year = level × (½ + 9) months → (9.5/12)
    expect(annualAdoption({ start: '2024-03', complete: '2024-03', level: 1, shape: 'linear' }, 2024)).toBeCloseTo(9.5 / 12, 15)
  })
})
