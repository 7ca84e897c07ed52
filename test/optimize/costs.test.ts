import { describe, expect, it } from 'vitest'
import { macCurve, measureCosts, runResolved } from '../../src/core'
import { optScenario } from './fixture'

const { scenario, resolved } = optScenario()
const run = runResolved(resolved, scenario)
if (!run.ok) throw new Error(JSON.stringify(run.issues))
const report = measureCosts(resolved, scenario, run.value.projection, 2025)
const byId = (id: string) => report.measures.find((m) => m.id === id)

describe('cost-effectiveness', () => {
  it('annualises unit cost × activity affected × adoption', () => {
    // lownox: 150 CNY/wm3 × 100 wm3 × 0.5 = 7,500 CNY/yr.
    expect(byId('lownox')?.annualCost).toBeCloseTo(7500, 9)
    expect(byId('lownox')?.activityUnit).toBe('wm3')
    // share: the moved fraction 0.5 × (0.8 − 0.5)/(1 − 0.5) = 0.3 of 1e6 km × 1 CNY/km = 300,000.
    expect(byId('share')?.activity).toBeCloseTo(300_000, 6)
    expect(byId('share')?.annualCost).toBeCloseTo(300_000, 6)
    // cn3-out: 0.3 CNY/km × 1e6 km × 0.5 = 150,000.
    expect(byId('cn3-out')?.annualCost).toBeCloseTo(150_000, 6)
    expect(report.totalCost).toBeCloseTo(7500 + 3000 + 300_000 + 150_000 + 300_000 + 15_000 + 10_000, 6)
    expect(report.issues).toEqual([])
  })

  it('divides by the exact Shapley reduction', () => {
    // B1 under lownox (ρ 0.8) and fgr (ρ 0.5) at 0.5: E = 1.5 (1 − 0.4 a)(1 − 0.25 b);
    // φ_lownox = ½ [(1.5 − 0.9) + (1.125 − 0.675)] = 0.525 t → 7,500 / 0.525 = 14,285.7 CNY/t.
    expect(byId('lownox')?.reduction.NOx).toBeCloseTo(0.525, 12)
    expect(byId('lownox')?.costPerTonne.NOx).toBeCloseTo(7500 / 0.525, 6)
    expect(byId('lownox')?.costPerTonne.VOCs).toBeUndefined()
  })

  it('sorts the MAC curve by CNY/t with cumulative tonnes', () => {
    const nox = macCurve(report, 'NOx')
    expect(nox.map((s) => s.id)).toEqual(['fgr', 'lownox', 'cn3-out', 'share', 'c2g'])
    for (let i = 1; i < nox.length; i++) expect(nox[i]?.costPerTonne).toBeGreaterThanOrEqual(nox[i - 1]?.costPerTonne as number)
    // The curve ends at the credited reduction: 12.5 − 5.45 = 7.05 t.
    expect(nox.at(-1)?.cumulative).toBeCloseTo(7.05, 12)
  })
})
