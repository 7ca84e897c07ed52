import { describe, expect, it } from 'vitest'
import { credited, measureCredit, total } from '../../src/core'
import { fixtureInventory, fixtureLibrary, fixtureScenario, runOk } from '../helpers'

// Fixture: test/fixtures/basic (inventory year 2022; transport grows 10 %/yr, everything else flat).
// Inventory emissions, 2022:
//   B1 gas boiler 100 wm3 × 15 kg/wm3 = 1.5 t NOx;  × 1 kg/wm3 = 0.1 t VOCs
//   B2 coal boiler 1000 t × 3 kg/t = 3 t NOx;       × 0.5 kg/t = 0.5 t VOCs
//   B3 gas boiler 50 wm3, observed NOx 1.2 t;       50 × 1 kg = 0.05 t VOCs
//   T1 China III truck 1e6 km × 8 g/km = 8 t NOx;   × 0.5 g/km = 0.5 t VOCs
//   S1 solvent coating 10 t × 400 kg/t = 4 t VOCs
const lib = fixtureLibrary()
const out = runOk(lib, fixtureScenario(), fixtureInventory())
const pr = out.projection
const id = (m: string) => out.resolved.measures.findIndex((x) => x.id === m)

describe('hand arithmetic on the basic fixture', () => {
  it('reproduces the inventory-year totals', () => {
    // NOx 1.5 + 3 + 1.2 + 8 = 13.7; VOCs 0.1 + 0.5 + 0.05 + 0.5 + 4 = 5.15
    expect(total(pr, 'scenario', 'NOx', 2022)).toBeCloseTo(13.7, 12)
    expect(total(pr, 'scenario', 'VOCs', 2022)).toBeCloseTo(5.15, 12)
  })

  it('grows transport activity in the counterfactual', () => {
    // 2025: T1 8 t × 1.1³ = 10.648; NOx 1.5 + 3 + 1.2 + 10.648 = 16.348
    expect(total(pr, 'counterfactual', 'NOx', 2025)).toBeCloseTo(16.348, 12)
  })

  it('credits the low-NOx retrofit with ρ = 1 − 30/150 = 0.8 on both gas boilers', () => {
    // Linear Jan–Dec 2023 → 2023 mean adoption 0.5, 2024 onwards 1.
    // 2023: (1.5 + 1.2) × 0.5 × 0.8 = 1.08 t; 2025: 2.7 × 0.8 = 2.16 t
    expect(measureCredit(pr, id('lownox'), 'NOx', 2023)).toBeCloseTo(1.08, 12)
    expect(measureCredit(pr, id('lownox'), 'NOx', 2025)).toBeCloseTo(2.16, 12)
  })

  it('converts coal to gas on useful heat', () => {
    // Step at the end of Dec 2024 → 2024 adoption 0, 2025 adoption 1.
    // A_gas = 1000 t × 14 GJ/t ÷ 280 GJ/wm3 = 50 wm3 → 50 × 15 kg = 0.75 t NOx; credit 3 − 0.75 = 2.25 t
    // VOCs: 0.5 − 50 × 1 kg = 0.45 t
    expect(measureCredit(pr, id('c2g'), 'NOx', 2024)).toBe(0)
    expect(measureCredit(pr, id('c2g'), 'NOx', 2025)).toBeCloseTo(2.25, 12)
    expect(measureCredit(pr, id('c2g'), 'VOCs', 2025)).toBeCloseTo(0.45, 12)
  })

  it('retires China III trucks with a half-level ramp across two years', () => {
    // Ramp Jul 2023 → Jun 2024 to 0.5: 2023 mean = 0.5 × 6²/(2 × 12) / 12 = 0.0625; 2025 = 0.5.
    // 2025: 8 t × 1.331 × 0.5 × (8 − 2)/8 = 3.993 t NOx; VOCs 1e6 km × 1.331 × 0.5 × 0.4 g = 0.2662 t
    expect(pr.measures[id('cn3-out')]?.adoption[1]).toBeCloseTo(0.0625, 15)
    expect(measureCredit(pr, id('cn3-out'), 'NOx', 2025)).toBeCloseTo(3.993, 12)
    expect(measureCredit(pr, id('cn3-out'), 'VOCs', 2025)).toBeCloseTo(0.2662, 12)
  })

  it('substitutes low-VOCs coating on solids', () => {
    // 60 % of 10 t → 6 t × 0.5/0.4 = 7.5 t waterborne × 100 kg = 0.75 t; 4 t × 0.4 = 1.6 t stays; credit 4 − 2.35 = 1.65 t
    expect(measureCredit(pr, id('lowvoc'), 'VOCs', 2025)).toBeCloseTo(1.65, 12)
  })

  it('sums measure credits to the credited reduction and evaluates targets', () => {
    const sum = out.resolved.measures.reduce((a, _, i) => a + measureCredit(pr, i, 'NOx', 2025), 0)
    expect(sum).toBeCloseTo(credited(pr, 'NOx', 2025), 12)
    // NOx target: ≤ 13.7 × 0.9 = 12.33 t; projected 16.348 − 2.16 − 2.25 − 3.993 = 7.945 t → met
    const nox = out.targets.find((t) => t.id === 'nox-2025')
    expect(nox?.required).toBeCloseTo(12.33, 12)
    expect(nox?.projected).toBeCloseTo(7.945, 12)
    expect(nox?.met).toBe(true)
  })
})

describe('interacting measures', () => {
  it('attributes a reduce and a switch on the same records by exact Shapley values', () => {
    // Coal boiler B2 only: cut 50 % (closure) and coal→gas 100 %, both in force all 2025.
    // E0 = 3; E(cut) = 1.5; E(switch) = 0.75; E(both) = 0.375.
    // φ_cut = ½[(3 − 1.5) + (0.75 − 0.375)] = 0.9375; φ_switch = ½[(3 − 0.75) + (1.5 − 0.375)] = 1.6875; sum 2.625 = 3 − 0.375
    const s = fixtureScenario((x) => {
      x.measures = [
        {
          id: 'close',
          template: 'closure',
          label: { zh: '关停', en: 'Close' },
          clause: 'x',
          enabled: true,
          params: {},
          scope: 'id == "B2"',
          schedule: { start: '2024-01', complete: '2024-12', level: 0.5, shape: 'step' },
        },
        {
          id: 'sw',
          template: 'coal-to-gas',
          label: { zh: '煤改气', en: 'C2G' },
          clause: 'y',
          enabled: true,
          params: {},
          schedule: { start: '2024-01', complete: '2024-12', level: 1, shape: 'step' },
        },
      ]
      x.growth = []
    })
    const o = runOk(lib, s, fixtureInventory())
    expect(measureCredit(o.projection, 0, 'NOx', 2025)).toBeCloseTo(0.9375, 12)
    expect(measureCredit(o.projection, 1, 'NOx', 2025)).toBeCloseTo(1.6875, 12)
  })
})

describe('reusing a resolution', () => {
  it('needs no re-resolve for adoption, schedule or parameter changes, but does for a new scope', async () => {
    const { canReuse, resolveScenario } = await import('../../src/core')
    const inv = fixtureInventory()
    const s = fixtureScenario()
    const r = resolveScenario(lib, s, inv, {}, 'inv-1')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const edited = fixtureScenario((x) => {
      const m = x.measures[0]
      if (m) {
        m.schedule.level = 0.3
        m.params = { c_after: 50 }
      }
    })
    expect(canReuse(r.value, edited, 'inv-1')).toBe(true)
    expect(canReuse(r.value, edited, 'inv-2')).toBe(false)
    const rescoped = fixtureScenario((x) => {
      const m = x.measures[0]
      if (m) m.scope = 'capacity > 15'
    })
    expect(canReuse(r.value, rescoped, 'inv-1')).toBe(false)
  })
})
