import { describe, expect, it } from 'vitest'
import { flipPoints, runMonteCarlo, runResolved, type Scenario, type UncertainInput } from '../../src/core'
import { optScenario } from '../optimize/fixture'

// The optimiser fixture with growth: boilers (industry) +5 %/yr, trucks (transport) +10 %/yr, inventory year 2022.
// 2025 NOx = boilers (0.675 + 1.5 + 0.375) × 1.05³ + trucks 2.9 × 1.1³; back-cast 2020 NOx = 4.5 / 1.05² + 8 / 1.1².
const GROWTH: Scenario['growth'] = [
  { sector: 'industry', rate_pct: 5, basis: 'fixture' },
  { sector: 'transport', rate_pct: 10, basis: 'fixture' },
]
const nox2025 = (rTransport: number) => 2.55 * 1.05 ** 3 + 2.9 * (1 + rTransport) ** 3
const ref2020 = (rTransport: number) => 4.5 / 1.05 ** 2 + 8 / (1 + rTransport) ** 2

/** The fixture with growth and its NOx target at −30 % vs a 2020 reference (back-cast, or stated as `value_t`). */
function withReference(reference: 'backcast' | number) {
  return optScenario((s) => {
    s.growth = structuredClone(GROWTH)
    s.targets = s.targets.filter((t) => t.id === 'nox-2025')
    const t = s.targets[0]
    if (t?.kind === 'reduction_pct') {
      t.value = 30
      t.reference =
        reference === 'backcast' ? { year: 2020, backcast: 'growth' } : { year: 2020, value_t: reference, source: 'fixture: the back-cast, written down' }
    }
  })
}

/** Bisect f on [lo, hi] (a sign change) to 1e-13. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let [a, b, fa] = [lo, hi, f(lo)]
  for (let k = 0; k < 200 && b - a > 1e-13; k++) {
    const m = (a + b) / 2
    const fm = f(m)
    if (Math.sign(fm) === Math.sign(fa)) [a, fa] = [m, fm]
    else b = m
  }
  return (a + b) / 2
}

describe('a reference back-cast from the inventory', () => {
  it('is the inventory-year emission deflated by each sector’s growth', () => {
    const { scenario, resolved } = withReference('backcast')
    const out = runResolved(resolved, scenario)
    if (!out.ok) throw new Error(JSON.stringify(out.issues))
    const t = out.value.targets[0]
    expect(t?.reference).toBeCloseTo(ref2020(0.1), 12)
    expect(t?.projected).toBeCloseTo(nox2025(0.1), 12)
    expect(t?.required).toBeCloseTo(0.7 * ref2020(0.1), 12)
    expect(t?.met).toBe(true)
  })

  it('moves with the Monte Carlo draws; a stated tonnage does not', async () => {
    // One input that scales every EF by 1.3–1.5 in each draw: the back-cast and the 2025 emission scale alike, so the
    // relative target stays met (P = 1); against the same reference written as a fixed tonnage it is never met.
    const stated = withReference(ref2020(0.1))
    const back = withReference('backcast')
    const P = 2
    const everyEf = (r: typeof back.resolved): UncertainInput[] => [
      {
        id: 'ef:all',
        kind: 'ef',
        label: { zh: '全部排放因子', en: 'every EF' },
        slots: Array.from({ length: r.technologies.length * P }, (_, k) => k),
        dist: { kind: 'uniform', low: 1.3, high: 1.5 },
        basis: 'test',
      },
    ]
    const mcBack = await runMonteCarlo(back.resolved, back.scenario, { draws: 40, seed: 7, inputs: everyEf(back.resolved) })
    const mcStated = await runMonteCarlo(stated.resolved, stated.scenario, { draws: 40, seed: 7, inputs: everyEf(stated.resolved) })
    if (!mcBack.ok || !mcStated.ok) throw new Error('mc failed')
    expect(mcBack.value.targets[0]?.deterministicMet).toBe(true)
    expect(mcStated.value.targets[0]?.deterministicMet).toBe(true)
    expect(mcBack.value.targets[0]?.probability).toBe(1)
    expect(mcStated.value.targets[0]?.probability).toBe(0)
    // And each result says so: what the probability includes, and whether the reference moved.
    expect(mcBack.value.targets[0]?.reference).toBe('backcast')
    expect(mcStated.value.targets[0]?.reference).toBe('stated')
    expect(mcBack.value.basis.references[0]).toMatchObject({ id: 'nox-2025', moves: true })
    expect(mcStated.value.basis.references[0]?.label.en).toContain('fixed in every draw')
    expect(mcBack.value.basis.included).toEqual([
      { kind: 'ef', count: 1, label: expect.objectContaining({ en: expect.stringContaining('1 emission factors') }) },
    ])
  })

  it('flips with the trucks’ growth where the hand equation and a bisection of the full simulation say', () => {
    const { scenario, resolved } = withReference('backcast')
    const v = flipPoints(resolved, scenario, { growthSpreadPp: 10 })
    if (!v.ok) throw new Error(JSON.stringify(v.issues))
    const a = v.value.targets[0]?.assumptions.find((x) => x.kind === 'growth' && x.sector === 'transport')
    expect(a?.method).toBe('root-finder')
    expect(a?.range).toEqual([0, 20])
    // Hand: 0.7 × ref2020(r) = nox2025(r), both sides in closed form; the root by bisection of that equation.
    const hand = 100 * bisect((r) => nox2025(r) - 0.7 * ref2020(r), 0.1, 0.2)
    expect(Math.abs((a?.flip as number) - hand)).toBeLessThanOrEqual(1e-9 * hand)
    // Full simulation: the growth entry edited, the target's gap bisected.
    const gapAt = (pct: number) => {
      const s2 = structuredClone(scenario)
      const g = s2.growth.find((x) => x.sector === 'transport')
      if (g && 'rate_pct' in g) g.rate_pct = pct
      const out = runResolved(resolved, s2)
      return out.ok ? (out.value.targets[0]?.gapT ?? NaN) : NaN
    }
    const bis = bisect(gapAt, 10, 20)
    expect(Math.abs((a?.flip as number) - bis)).toBeLessThanOrEqual(1e-9 * bis)
  })

  it('compares a stated tonnage with the growth back-cast of the same inventory', () => {
    const { scenario, resolved } = withReference(9.5)
    const v = flipPoints(resolved, scenario)
    if (!v.ok) throw new Error(JSON.stringify(v.issues))
    const note = v.value.targets[0]?.reference
    expect(note?.method).toBe('stated')
    expect(note?.value).toBe(9.5)
    expect(note?.backcast?.value).toBeCloseTo(ref2020(0.1), 12)
    expect(note?.backcast?.met).toBe(true)
    expect(v.value.targets[0]?.met).toBe(false)
  })

  it('is refused, located, for a year not before the inventory year or a sector grown by an index series', () => {
    const late = optScenario((s) => {
      const t = s.targets[0]
      if (t?.kind === 'reduction_pct') t.reference = { year: 2023, backcast: 'growth' }
    })
    const a = runResolved(late.resolved, late.scenario, 'scenario.yaml')
    expect(a.ok).toBe(false)
    if (!a.ok) expect(a.issues[0]).toMatchObject({ code: 'target.backcast-year', path: ['targets', 0, 'reference', 'year'], file: 'scenario.yaml' })
    const index = optScenario((s) => {
      s.growth = [{ sector: 'transport', index: { '2025': 1.2 }, basis: 'fixture' }]
      const t = s.targets[0]
      if (t?.kind === 'reduction_pct') t.reference = { year: 2020, backcast: 'growth' }
    })
    const b = runResolved(index.resolved, index.scenario, 'scenario.yaml')
    expect(b.ok).toBe(false)
    if (!b.ok) expect(b.issues[0]).toMatchObject({ code: 'growth.backcast-index', path: ['growth', 0] })
  })
})
