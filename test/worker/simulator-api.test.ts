import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { measureCredit, total } from '../../src/core'
import { fixtureInventory, fixtureLibrary, fixtureScenario, runOk } from '../helpers'
import type { RunView } from '../../src/protocol'
import { createSimulatorApi } from '../../src/worker/simulator-api'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'

const FIXTURE = 'test/fixtures/basic'

function fixtureApi() {
  const models = () => readdirSync(join(FIXTURE, 'models')).map((f) => ({ path: `models/${f}`, text: readFileSync(join(FIXTURE, 'models', f), 'utf8') }))
  const seeds = () =>
    groupSeedFiles({
      '/seeds/basic/scenario.yaml': readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8'),
      '/seeds/basic/inventory.csv': readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8'),
    })
  return createSimulatorApi({ models, seeds })
}

async function loaded() {
  const api = fixtureApi()
  const seed = await api.loadSeed('basic')
  if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
  return { api, scenario: seed.value.scenario }
}

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

const at = (v: RunView, series: 'counterfactual' | 'scenario', p: 'NOx' | 'VOCs', y: number) => v[series][p][v.years.indexOf(y)] as number

describe('simulator API (node, no worker)', () => {
  it('summarises the library and lists the seeds', async () => {
    const api = fixtureApi()
    const lib = must(await api.loadLibrary())
    expect(lib.templates['gas-low-nox']?.params.c_after).toMatchObject({ default: 30, min: 10, max: 150 })
    expect(await api.listSeeds()).toEqual([{ id: 'basic', title: { zh: '基础测试情景', en: 'Basic test scenario' } }])
  })

  it('runs the fixture with the same numbers as the CLI', async () => {
    const { api, scenario } = await loaded()
    const v = must(await api.run(scenario))
    expect(v.years).toEqual([2022, 2023, 2024, 2025, 2026])
    expect(v.focusYear).toBe(2025)
    expect(v.inventory.illustrative).toBe(true)
    // The CLI's path (the fixture's files, runScenario) gives the same numbers to the bit, in every year.
    const cli = runOk(fixtureLibrary(), fixtureScenario(), fixtureInventory())
    for (const p of ['NOx', 'VOCs'] as const)
      for (const y of v.years) {
        expect(at(v, 'counterfactual', p, y)).toBe(total(cli.projection, 'counterfactual', p, y))
        expect(at(v, 'scenario', p, y)).toBe(total(cli.projection, 'scenario', p, y))
        v.measures.forEach((m, mi) => expect(m.credited[p][v.years.indexOf(y)]).toBe(measureCredit(cli.projection, mi, p, y)))
      }
    // …and those are the hand-checked figures: NOx 2025 counterfactual 16.3, scenario 7.9; lownox credited 2.16 t.
    expect(at(v, 'counterfactual', 'NOx', 2025)).toBeCloseTo(16.3, 1)
    expect(at(v, 'scenario', 'NOx', 2025)).toBeCloseTo(7.9, 1)
    expect(v.measures.find((m) => m.id === 'lownox')?.credited.NOx[3]).toBeCloseTo(2.16, 2)
    // Shapley credits add up exactly to counterfactual − scenario.
    for (const p of ['NOx', 'VOCs'] as const) {
      const sum = v.measures.reduce((s, m) => s + (m.credited[p][3] ?? 0), 0)
      expect(sum).toBeCloseTo(at(v, 'counterfactual', p, 2025) - at(v, 'scenario', p, 2025), 9)
    }
    const sectorSum = v.sectors.reduce((s, x) => s + (x.scenario.NOx[3] ?? 0), 0)
    expect(sectorSum).toBeCloseTo(at(v, 'scenario', 'NOx', 2025), 9)
    expect(v.targets.map((t) => [t.id, t.met])).toEqual([
      ['nox-2025', true],
      ['vocs-2025', true],
    ])
  })

  it('re-resolves only when the structure changes', async () => {
    const { api, scenario } = await loaded()
    must(await api.run(scenario))
    expect(await api.resolveCount()).toBe(1)
    const edited = structuredClone(scenario)
    edited.measures[0]!.params = { c_after: 50 }
    edited.measures[1]!.enabled = false
    edited.measures[2]!.schedule = { ...edited.measures[2]!.schedule, level: 0.2, complete: '2025-06' }
    const v = must(await api.run(edited))
    expect(v.stats.resolved).toBe(false)
    expect(await api.resolveCount()).toBe(1)
    expect(v.measures[1]?.credited.NOx.every((x) => x === 0)).toBe(true)
    const rescoped = structuredClone(scenario)
    rescoped.measures[2]!.scope = 'standard == "国四"'
    const w = must(await api.run(rescoped))
    expect(w.stats.resolved).toBe(true)
    expect(w.warnings.some((i) => i.code === 'measure.no-records')).toBe(true)
  })

  it('returns expected failures as values and keeps the last good inventory', async () => {
    const { api, scenario } = await loaded()
    const bad = structuredClone(scenario) as unknown as { measures: { params: Record<string, number> }[] }
    bad.measures[0]!.params = { c_after: 999 }
    const r = await api.run(bad)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'scenario.param-range', path: ['measures', 0, 'params', 'c_after'] })
    const inv = await api.loadInventory(new TextEncoder().encode('id,region\n1,2\n'), 'broken.csv')
    expect(inv.ok).toBe(false)
    if (!inv.ok) expect(inv.issues[0]?.zh.length).toBeGreaterThan(0)
    // The fixture inventory is still there.
    expect(must(await api.run(scenario)).inventory.file).toBe('seeds/basic/inventory.csv')
    expect((await api.loadSeed('nope')).ok).toBe(false)
  })

  it('exports CSV tables of the last run', async () => {
    const { api, scenario } = await loaded()
    expect((await api.exportTables()).ok).toBe(false)
    must(await api.run(scenario))
    const t = must(await api.exportTables())
    expect(t.emissions.csv.split('\r\n')[0]).toBe('region,sector,pollutant,year,counterfactual_t,scenario_t,credited_t')
    expect(t.measures.rows.length).toBe(4 * 2 * 5)
    expect(t.targets.rows.length).toBe(2)
  })
})
