import { describe, expect, it } from 'vitest'
import { optimizeLevels, runResolved, withLevels, type ResolvedScenario, type Scenario } from '../../src/core'
import { highsSolver } from '../../src/cli/highs-solver'
import { optScenario, setLevel } from './fixture'

const solver = highsSolver()

/** Fix the given measures at level 0 and keep only the NOx target, at `pct` % below 2022. */
function noxOnly(pct: number, off: string[]) {
  return optScenario((s) => {
    for (const id of off) setLevel(s, id, 0)
    s.targets = s.targets.filter((t) => t.id === 'nox-2025')
    const t = s.targets[0]
    if (t?.kind === 'reduction_pct') t.value = pct
  })
}

/** Return the cheapest grid point (step 1/k) of the free measures that meets every target in a full simulation. */
function bruteForce(r: ResolvedScenario, s: Scenario, free: string[], k: number, unitCost: Record<string, number>) {
  const idx = free.map((id) => r.measures.findIndex((m) => m.id === id))
  const base = Float64Array.from(r.measures, (m) => s.measures[m.index]?.schedule.level ?? 0)
  let best = { cost: Infinity, levels: [] as number[] }
  const n = free.length
  const total = (k + 1) ** n
  for (let code = 0; code < total; code++) {
    const lv = Float64Array.from(base)
    let c = code
    let cost = 0
    const levels: number[] = []
    for (let j = 0; j < n; j++) {
      const x = (c % (k + 1)) / k
      c = Math.floor(c / (k + 1))
      lv[idx[j] as number] = x
      levels.push(x)
      cost += x * (unitCost[free[j] as string] as number)
    }
    if (cost >= best.cost) continue
    const out = runResolved(r, withLevels(s, r, lv))
    if (!out.ok) continue // a stage over 100 %
    if (out.value.targets.every((t) => t.met)) best = { cost, levels }
  }
  return best
}

// Annualised 2025 cost at level 1 (CNY/yr): lownox 150 × 100 wm3, fgr 60 × 100, cn3-out 0.3 × 1e6 km,
// share 1 × 1e6 km × 0.6 moved, c2g 600 × 1000 t, lowvoc 3000 × 10 t, treat 2000 × 10 t.
const UNIT = { lownox: 15_000, fgr: 6_000, 'cn3-out': 300_000, share: 600_000, c2g: 600_000, lowvoc: 30_000, treat: 20_000 }

describe('least-cost optimisation', () => {
  it('meets both targets of the fixture at least cost, checked by a full simulation', async () => {
    const { scenario, resolved } = optScenario()
    const r = await optimizeLevels(resolved, scenario, solver)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.status).toBe('optimal')
    const check = runResolved(resolved, r.value.scenario)
    if (!check.ok) throw new Error('re-simulation failed')
    expect(check.value.targets.every((t) => t.met)).toBe(true)
    // Hand optimum: both gas-boiler measures fully (1.35 t at 21,000), China III trucks for the rest of the 5 t NOx
    // (3.65 / 6 = 0.6083 → 182,500), and low-VOCs coatings for the VOCs cap: S1 ≤ 3 − 0.1 − 0.5 − (0.5 − 0.4 × 0.6083)
    // = 2.1433 → (4 − 2.1433) / 2.75 = 0.6752 → 20,255. Total 223,755 CNY/yr.
    const lv = Object.fromEntries(r.value.measures.map((m) => [m.id, m.level]))
    expect(lv.lownox).toBeCloseTo(1, 6)
    expect(lv.fgr).toBeCloseTo(1, 6)
    expect(lv['cn3-out']).toBeCloseTo(3.65 / 6, 5)
    expect(lv.lowvoc).toBeCloseTo((4 - (3 - 0.1 - 0.5 - (0.5 - (0.4 * 3.65) / 6))) / 2.75, 5)
    expect(r.value.totalCost).toBeCloseTo(21_000 + 182_500 + 30_000 * lv.lowvoc!, 0)
    expect(r.value.totalCost).toBeLessThan(r.value.currentCost)
  })

  it('matches a brute-force grid search (reduce measures in series: a bilinear effect)', async () => {
    const { scenario, resolved } = noxOnly(40, ['c2g', 'share', 'lowvoc', 'treat'])
    const r = await optimizeLevels(resolved, scenario, solver, { fixed: ['c2g', 'share', 'lowvoc', 'treat'] })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.status).toBe('optimal')
    const free = ['lownox', 'fgr', 'cn3-out']
    const k = 20
    const grid = bruteForce(resolved, scenario, free, k, UNIT)
    const slack = free.reduce((c, id) => c + UNIT[id as keyof typeof UNIT], 0) / k
    expect(r.value.totalCost).toBeLessThanOrEqual(grid.cost + 1e-6)
    expect(r.value.totalCost).toBeGreaterThanOrEqual(grid.cost - slack)
    // The continuous optimum by hand: 21,000 + 300,000 × 3.65 / 6 = 203,500.
    expect(r.value.totalCost).toBeCloseTo(203_500, 0)
  })

  it('keeps overlapping switch/share measures within 100 % and matches the grid', async () => {
    // 61 %: NOx ≤ 4.875 t. Trucks must cut 6.275 t but China III retirement alone gives 6 t; with
    // cn3 + 0.6 share ≤ 1 the cheapest mix is share ≥ 0.4583, cn3 = (6.275 − 4.2 × 0.4583) / 6 = 0.725.
    const { scenario, resolved } = noxOnly(61, ['c2g', 'lowvoc', 'treat'])
    const r = await optimizeLevels(resolved, scenario, solver, { fixed: ['c2g', 'lowvoc', 'treat'] })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.status).toBe('optimal')
    const lv = Object.fromEntries(r.value.measures.map((m) => [m.id, m.level]))
    expect(lv['cn3-out']! + 0.6 * lv.share!).toBeLessThanOrEqual(1)
    expect(lv.share).toBeCloseTo(0.275 / 0.6, 4)
    expect(lv['cn3-out']).toBeCloseTo(0.725, 4)
    const free = ['lownox', 'fgr', 'cn3-out', 'share']
    const k = 10
    const grid = bruteForce(resolved, scenario, free, k, UNIT)
    const slack = free.reduce((c, id) => c + UNIT[id as keyof typeof UNIT], 0) / k
    expect(r.value.totalCost).toBeLessThanOrEqual(grid.cost + 1e-6)
    expect(r.value.totalCost).toBeGreaterThanOrEqual(grid.cost - slack)
  })

  it('reports the target that cannot be met and the most that can be achieved', async () => {
    const { scenario, resolved } = optScenario((s) => {
      const t = s.targets[0]
      if (t?.kind === 'reduction_pct') t.value = 90
    })
    const r = await optimizeLevels(resolved, scenario, solver)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.status).toBe('infeasible')
    const nox = r.value.limits.find((l) => l.id === 'nox-2025')
    const vocs = r.value.limits.find((l) => l.id === 'vocs-2025')
    expect(nox?.achievable).toBe(false)
    expect(vocs?.achievable).toBe(true)
    // Most NOx can fall: gas boilers 1.35 t, coal to gas 2.25 t, trucks 6.6 t (share 1, cn3 0.4) → 12.5 − 10.2 = 2.3 t vs 1.25 required.
    expect(nox?.best).toBeCloseTo(2.3, 4)
    expect(nox?.required).toBeCloseTo(1.25, 12)
  })
})
