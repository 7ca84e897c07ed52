import { describe, expect, it } from 'vitest'
import { sensitivity } from '../../src/core'
import { optScenario } from '../optimize/fixture'

const { scenario, resolved } = optScenario()

describe('one-at-a-time sensitivity', () => {
  const r = sensitivity(resolved, scenario)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  const [nox, vocs] = r.value

  it('draws one tornado per target pollutant and year, from the deterministic base', () => {
    expect(r.value.map((t) => `${t.pollutant} ${t.year}`)).toEqual(['NOx 2025', 'VOCs 2025'])
    // NOx 2025 at level 0.5 everywhere: B1 1.5 × (1 − 0.5·0.8)(1 − 0.5·0.5) = 0.675; B2 0.5 × 3 + 0.5 × 50 wm3 × 15 kg = 1.875;
    // T1 1e6 km × (0.2 × 8 + 0.5 × 2 + 0.3 × 1) g = 2.9 → 5.45 t.
    expect(nox?.base).toBeCloseTo(5.45, 12)
  })

  it('sorts bars by swing and computes them by hand', () => {
    for (const t of r.value) for (let i = 1; i < t.bars.length; i++) expect(t.bars[i - 1]?.swing).toBeGreaterThanOrEqual(t.bars[i]?.swing as number)
    // hdt-cn3 NOx EF 8 g/km, range [6, 10] → ×0.75…1.25 on T1's 2.9 t (the switched part moves with the source EF
    // multiplier in run.ts) → swing 0.5 × 2.9 = 1.45 t, the largest.
    expect(nox?.bars[0]?.input).toBe('ef:hdt-cn3:NOx')
    expect(nox?.bars[0]?.swing).toBeCloseTo(1.45, 12)
    // boiler-coal NOx 3 kg/t, range [2, 4] → ×2/3…4/3 on B2's 1.875 t → 1.25 t.
    expect(nox?.bars[1]?.input).toBe('ef:boiler-coal:NOx')
    expect(nox?.bars[1]?.swing).toBeCloseTo(1.25, 12)
    // coat-solvent VOCs 400 kg/t, range [300, 500] on S1: 4 × 0.5 × (1 − 0.5 × 0.3) + 10 × 0.5 × 1.25 × 0.1 = 2.325 t → 1.1625 t.
    expect(vocs?.bars[0]?.input).toBe('ef:coat-solvent:VOCs')
    expect(vocs?.bars[0]?.swing).toBeCloseTo(1.1625, 12)
    // Achieved adoption of lowvoc 0.8…1 moves its level 0.4…0.5: dE/dx = −4 × 0.85 + 1.25 = −2.15 → 0.215 t.
    expect(vocs?.bars.find((b) => b.input === 'adoption:lowvoc')?.swing).toBeCloseTo(0.215, 12)
    // An input with no effect on a pollutant gets no bar.
    expect(vocs?.bars.some((b) => b.input === 'ef:hdt-cn3:NOx')).toBe(false)
  })
})
