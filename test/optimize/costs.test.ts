import { describe, expect, it } from 'vitest'
import { loadLibrary, macCurve, measureCosts, optimizeLevels, resolveScenario, runResolved } from '../../src/core'
import { highsSolver } from '../../src/cli/highs-solver'
import { readTextFiles } from '../../src/cli/files'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { inventoryFromCsv } from '../helpers'
import { OPT_FIXTURE, optLibrary, optScenario } from './fixture'

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

  it('splits a two-pollutant cost by the share of its credited tonnes: CNY/t per pollutant, each yuan counted once', () => {
    // c2g at 0.5: 600 CNY/t × 1,000 t × 0.5 = 300,000 CNY/yr; it alone credits B2: NOx 3 − 1.875 = 1.125 t, VOCs
    // 0.5 − 0.275 = 0.225 t. NOx takes 1.125 / 1.35 of the cost (250,000), VOCs 0.225 / 1.35 (50,000): both 222,222 CNY/t.
    const c2g = byId('c2g')
    expect(c2g?.annualCost).toBeCloseTo(300_000, 6)
    expect(c2g?.allocatedCost.NOx).toBeCloseTo(250_000, 6)
    expect(c2g?.allocatedCost.VOCs).toBeCloseTo(50_000, 6)
    expect(c2g?.costPerTonne.NOx).toBeCloseTo(300_000 / 1.35, 6)
    expect(c2g?.costPerTonne.VOCs).toBeCloseTo(300_000 / 1.35, 6)
    // A NOx-only measure keeps its whole cost on NOx.
    expect(byId('lownox')?.allocatedCost).toEqual({ NOx: 7500, VOCs: 0 })
    // Both MAC curves together carry each measure's cost once.
    const both = [...macCurve(report, 'NOx'), ...macCurve(report, 'VOCs')].reduce((t, m) => t + m.annualCost, 0)
    expect(both).toBeCloseTo(report.totalCost, 6)
  })

  it('refuses a unit cost on an activity it does not count, naming the measure (costs and the optimiser)', async () => {
    // The treatment template's cost counts industry's activity only: the coating record S1 (t of coating) is not.
    const lib = optLibrary()
    const t = lib.templates.get('vocs-treat')
    if (!t?.spec.cost) throw new Error('fixture')
    t.spec.cost.sectors = ['industry']
    const inv = inventoryFromCsv(readFileSync(join(OPT_FIXTURE, 'inventory.csv'), 'utf8'))
    const r = resolveScenario(lib, scenario, inv, { scenario: 'scenario.yaml' })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const out = runResolved(r.value, scenario)
    if (!out.ok) throw new Error(JSON.stringify(out.issues))
    const rep = measureCosts(r.value, scenario, out.value.projection, 2025, 'scenario.yaml')
    expect(rep.issues).toEqual([
      expect.objectContaining({ code: 'cost.activity', file: 'scenario.yaml', path: ['measures', 6], en: expect.stringContaining('measure "treat"') }),
    ])
    expect(rep.issues[0]?.severity).toBeUndefined()
    expect(rep.issues[0]?.en).toContain('record S1')
    expect(rep.measures.find((m) => m.id === 'treat')?.annualCost).toBeUndefined()
    const opt = await optimizeLevels(r.value, scenario, highsSolver(), { file: 'scenario.yaml' })
    expect(opt.ok).toBe(false)
    if (!opt.ok) expect(opt.issues[0]?.code).toBe('cost.activity')
  })

  it('refuses a cost sector the library does not define', () => {
    const files = readTextFiles(join(OPT_FIXTURE, 'models')).map((f) =>
      f.path.endsWith('measures.yaml')
        ? { ...f, text: f.text.replace('cost: { value: 2000, unit: CNY/t,', 'cost: { value: 2000, unit: CNY/t, sectors: [nowhere],') }
        : f,
    )
    const lib = loadLibrary(files)
    expect(lib.ok).toBe(false)
    if (!lib.ok) expect(lib.issues[0]).toMatchObject({ code: 'library.unknown-sector', path: ['measures', 6, 'cost', 'sectors', 0] })
  })
})
