import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/core'
import { createSimulatorApi } from '../../src/worker/simulator-api'

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

async function xiping() {
  const api = createSimulatorApi()
  const seed = must(await api.loadSeed('xiping'))
  must(await api.run(seed.scenario))
  return { api, scenario: seed.scenario }
}

const lowNox = (id: string): Scenario['measures'][number] => ({
  id,
  template: 'gas-boiler-low-nox',
  label: { zh: '燃气锅炉深度低氮', en: 'Deep low-NOx' },
  clause: '六（三）',
  enabled: true,
  params: { c_before: 150, c_after: 10 },
  schedule: { start: '2024-01', complete: '2024-12', level: 1, shape: 'linear' },
})

describe('detached runs: compare and import (bundled models and seeds)', () => {
  it('lists allowed switch targets with the default first, all convertible on useful output', async () => {
    const api = createSimulatorApi()
    const lib = must(await api.loadLibrary())
    const c2g = lib.templates['coal-to-gas']
    expect(c2g?.targets?.[0]).toBe(c2g?.to)
    expect(c2g?.targets).toContain('household-gas')
    expect(c2g?.targets).not.toContain('hdt-diesel-cn6')
    // Not a source of the template itself, and not another family of sectors.
    expect(c2g?.targets).not.toContain('boiler-coal')
    expect(c2g?.targets).not.toContain('forklift-electric')
    expect(lib.templates['clean-transport-share']?.targets).toEqual(expect.arrayContaining(['rail-freight', 'hdt-nev']))
    expect(lib.templates['clean-transport-share']?.targets).not.toContain('hdt-diesel-cn3')
    expect(lib.templates['gas-boiler-low-nox']?.targets).toBeUndefined()
  })

  it('runs every allowed target of every switch/share template without a target-technology issue', async () => {
    const { api, scenario } = await xiping()
    const lib = must(await api.loadLibrary())
    let n = 0
    for (const tpl of Object.values(lib.templates)) {
      for (const to of tpl.targets ?? []) {
        const m = { ...lowNox(`try-${tpl.id}`), template: tpl.id, params: {}, to }
        const r = await api.compare({ seed: 'xiping' }, { seed: 'xiping', scenario: { ...scenario, measures: [...scenario.measures, m] } })
        const bad = r.ok ? [] : r.issues.filter((i) => i.path?.includes('to') || i.code.includes('useful'))
        expect(bad, `${tpl.id} → ${to}`).toEqual([])
        n++
      }
    }
    console.log(`[targets] ${n} template/target pairs run on Xiping`)
    expect(n).toBeGreaterThan(30)
  })

  it('compares published vs edited: B − A per KPI, the added measure only in B, the current run untouched', async () => {
    const { api, scenario } = await xiping()
    const before = must(await api.exportTables())
    const edited: Scenario = { ...scenario, measures: [...scenario.measures, lowNox('deep-low-nox')] }
    const cv = must(await api.compare({ seed: 'xiping' }, { seed: 'xiping', scenario: edited }))
    expect(cv.sameInventory).toBe(true)
    expect(cv.focusYear).toBe(2025)
    const nox = cv.kpis.find((k) => k.pollutant === 'NOx')
    expect(nox && nox.diff).toBeLessThan(0)
    expect(nox?.diff).toBe((nox?.b ?? NaN) - (nox?.a ?? NaN))
    const added = cv.measures.find((m) => m.id === 'deep-low-nox')
    expect(added?.a).toBeUndefined()
    expect(added?.b?.NOx).toBeGreaterThan(0)
    expect(cv.measures.filter((m) => m.a && m.b).length).toBe(scenario.measures.length)
    // The current run (and so every export) is the one before the comparison.
    expect(must(await api.exportTables()).measures.csv).toBe(before.measures.csv)
    console.log(`[compare] Xiping 2025 NOx published ${nox?.a.toFixed(1)} t, with deep low-NOx ${nox?.b.toFixed(1)} t, diff ${nox?.diff.toFixed(1)} t`)
  })

  it('compares different seeds and says so', async () => {
    const { api } = await xiping()
    const cv = must(await api.compare({ seed: 'xiping' }, { seed: 'weidu' }))
    expect(cv.sameInventory).toBe(false)
    expect(cv.a.inventory.file).not.toBe(cv.b.inventory.file)
  })

  it('imports a scenario: matched by inventory path, by region, else the plan on screen', async () => {
    const { api, scenario } = await xiping()
    const yaml = (over: Record<string, unknown>) => JSON.stringify({ ...scenario, id: 'mine', ...over })
    const weidu = must(await createSimulatorApi().loadSeed('weidu')).scenario
    const byPath = must(await api.importScenario(JSON.stringify({ ...weidu, inventory: '../seeds/weidu/inventory.csv' }), 'mine.json', 'xiping'))
    expect([byPath.seed, byPath.seedBy]).toEqual(['weidu', 'inventory'])
    const byRegion = must(await api.importScenario(yaml({}), 'mine.json', 'weidu'))
    expect([byRegion.seed, byRegion.seedBy]).toEqual(['xiping', 'region'])
    const noMatch = must(await api.importScenario(yaml({ regions: ['不存在县'] }), 'mine.json', 'xiping'))
    expect([noMatch.seed, noMatch.seedBy]).toEqual(['xiping', 'current'])
  })

  it('refuses an invalid file with located bilingual issues and changes nothing', async () => {
    const { api } = await xiping()
    const before = must(await api.exportTables())
    const bad =
      'format: lantian-scenario/1\nid: bad\ntitle: { zh: 坏, en: Bad }\nregions: [西平县]\ninventory: inventory.csv\nyears: { start: 2022, end: 2030 }\ntargets:\n  - { id: t, pollutant: NOx, year: 2025, kind: reduction_pct, value: 500, reference: { year: 2022 }, source: "test source" }\n'
    const r = await api.importScenario(bad, 'bad.yaml', 'xiping')
    expect(r.ok).toBe(false)
    if (r.ok) return
    const i = r.issues[0]
    expect(i?.file).toBe('bad.yaml')
    expect(i?.line).toBe(8)
    expect(i?.path).toEqual(['targets', 0, 'value'])
    expect(i?.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(i?.en).toMatch(/[a-z]/)
    const scope =
      'format: lantian-scenario/1\nid: bad2\ntitle: { zh: 坏, en: Bad }\nregions: [西平县]\ninventory: inventory.csv\nyears: { start: 2022, end: 2030 }\nmeasures:\n  - { id: m, template: gas-boiler-low-nox, label: { zh: 甲, en: A }, clause: 一, scope: "technology ==", schedule: { start: 2024-01, complete: 2024-12 } }\n'
    const r2 = await api.importScenario(scope, 'scope.yaml', 'xiping')
    expect(r2.ok).toBe(false)
    if (!r2.ok) expect(r2.issues[0]?.path).toEqual(['measures', 0, 'scope'])
    expect(must(await api.exportTables()).measures.csv).toBe(before.measures.csv)
  })
})
