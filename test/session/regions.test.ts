import { describe, expect, it } from 'vitest'
import { POLLUTANTS, type Scenario } from '../../src/core'
import type { PollutantSeries, RegionView, RunView } from '../../src/protocol'
import { regionView } from '../../src/session/views'
import { cliSession, must, SEEDS } from './session-helpers'

/** Expect a sum of parts to equal a total: to the bit when `exact`, else within 1e-9 relative (summation order differs). */
function expectSum(parts: number[], whole: number, exact: boolean, what: string) {
  const sum = parts.reduce((a, b) => a + b, 0)
  if (exact) expect(sum, what).toBe(whole)
  else expect(Math.abs(sum - whole), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(whole)))
}

/** Check every series of a run against the sum of its regions' series. */
function expectRegionsSumToTotal(view: RunView, parts: RegionView[], exact: boolean) {
  const each = (f: (x: { counterfactual: PollutantSeries; scenario: PollutantSeries }) => PollutantSeries, whole: PollutantSeries, name: string) => {
    for (const p of POLLUTANTS)
      view.years.forEach((y, yi) =>
        expectSum(
          parts.map((r) => f(r)[p][yi] as number),
          whole[p][yi] as number,
          exact,
          `${name} ${p} ${y}`,
        ),
      )
  }
  each((r) => r.counterfactual, view.counterfactual, 'counterfactual')
  each((r) => r.scenario, view.scenario, 'scenario')
  view.measures.forEach((m, mi) => {
    for (const p of POLLUTANTS)
      view.years.forEach((y, yi) =>
        expectSum(
          parts.map((r) => r.credited[mi]?.[p][yi] as number),
          m.credited[p][yi] as number,
          exact,
          `${m.id} ${p} ${y}`,
        ),
      )
  })
  view.sectors.forEach((s, si) => {
    for (const kind of ['counterfactual', 'scenario'] as const)
      for (const p of POLLUTANTS)
        view.years.forEach((y, yi) =>
          expectSum(
            parts.map((r) => r.sectors[si]?.[kind][p][yi] as number),
            s[kind][p][yi] as number,
            exact,
            `${s.id} ${kind} ${p} ${y}`,
          ),
        )
  })
}

describe.each(SEEDS)('seed %s per region', (id) => {
  it('sums its regions to the total: emissions, sector emissions and every measure credit, every year and pollutant', () => {
    const { session, run, view, scenario } = cliSession(id)
    const parts = scenario.regions.map((r) => regionView(run, session.library, [r]))
    // One region sums the same groups in the same order as the total: the same to the bit.
    expectRegionsSumToTotal(view, parts, scenario.regions.length === 1)
    // The run carries the per-region results the app's picker switches among (only when there is a choice).
    if (scenario.regions.length > 1) expect(view.regions).toEqual(parts)
    else expect(view.regions).toEqual([])
    expect(view.regionNames).toEqual(scenario.regions)
    // The whole area as a region set is the total, with every plan-wide target.
    const all = regionView(run, session.library, scenario.regions)
    expect(all.scenario).toEqual(view.scenario)
    expect(all.targets).toEqual(view.targets.map((t) => t.id))
  })
})

describe('nanyang per county', () => {
  it('splits into six counties with emissions of their own; the plan-wide targets apply to none of them', () => {
    const { view } = cliSession('nanyang')
    expect(view.regions.map((r) => r.regions[0])).toEqual(['桐柏县', '西峡县', '淅川县', '南召县', '邓州市', '南阳市其余县区'])
    const yi = view.years.indexOf(view.focusYear)
    for (const r of view.regions) {
      expect(r.scenario.NOx[yi], r.regions[0]).toBeGreaterThan(0)
      expect(r.scenario.NOx[yi]).toBeLessThan(view.scenario.NOx[yi] as number)
      expect(r.targets).toEqual([])
    }
  })

  it('judges a county target on that county alone and lists it for that county only', () => {
    const base = cliSession('nanyang')
    const s: Scenario = {
      ...base.scenario,
      targets: [...base.scenario.targets, { id: 'tongbai-cap', pollutant: 'NOx', year: 2025, kind: 'cap_t', value: 1, regions: ['桐柏县'], source: 'test' }],
    }
    const run = must(base.session.run(s))
    const view = base.session.view(run, 0)
    const tongbai = view.regions.find((r) => r.regions[0] === '桐柏县')
    expect(tongbai?.targets).toEqual(['tongbai-cap'])
    expect(view.regions.filter((r) => r.targets.length > 0).length).toBe(1)
    const t = view.targets.find((x) => x.id === 'tongbai-cap')
    expect(t?.regions).toEqual(['桐柏县'])
    // Its projected emission is the county's own, as the region view shows it.
    expect(t?.projected).toBe(tongbai?.scenario.NOx[view.years.indexOf(2025)])
    expect(t?.met).toBe(false)
  })

  it('exports a county: its emission rows, each measure credit there, the targets set for it, and the region set named', () => {
    const { session, run } = cliSession('nanyang')
    const tables = must(session.exportTables([2025], ['桐柏县']))
    const view = regionView(run, session.library, ['桐柏县'])
    expect(new Set(tables.emissions.rows.map((r) => r[0]))).toEqual(new Set(['桐柏县']))
    expect(tables.measures.header.at(-1)).toBe('regions')
    expect(tables.targets.rows).toEqual([])
    const yi = run.out.projection.years.indexOf(2025)
    run.out.resolved.measures.forEach((m, mi) => {
      const row = tables.measures.rows.find((r) => r[0] === m.id && r[6] === 'NOx')
      expect(row?.[9], m.id).toBe(view.credited[mi]?.NOx[yi])
      expect(row?.at(-1)).toBe('桐柏县')
    })
    // Not vacuous: the county has some NOx credit in 2025.
    expect(view.credited.some((c) => (c.NOx[yi] as number) > 0)).toBe(true)
  })
})
