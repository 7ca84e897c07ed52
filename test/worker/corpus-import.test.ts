import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createSimulatorApi } from '../../src/worker/simulator-api'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'

// Every inventory of the bad-input corpus, imported through the worker API the app uses: a bilingual, located
// refusal within a bounded time, and the previous inventory still answers. Valid variants are accepted.
const FIXTURE = 'test/fixtures/basic'
const BAD = 'test/fixtures/bad'
interface Entry {
  file: string
  as: string
  exit: number
  code?: string
  worker?: boolean
  location?: { path?: string }
}
const index = parse(readFileSync(join(BAD, 'index.yaml'), 'utf8')) as { entries: Entry[] }
const entries = index.entries.filter((e) => e.as === 'inventory')
const scenarios = index.entries.filter((e) => e.as === 'scenario' && e.worker)

async function loaded() {
  const models = () => readdirSync(join(FIXTURE, 'models')).map((f) => ({ path: `models/${f}`, text: readFileSync(join(FIXTURE, 'models', f), 'utf8') }))
  const seeds = () =>
    groupSeedFiles({
      '/seeds/basic/scenario.yaml': readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8'),
      '/seeds/basic/inventory.csv': readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8'),
    })
  const api = createSimulatorApi({ models, seeds })
  const seed = await api.loadSeed('basic')
  if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
  return { api, scenario: seed.value.scenario }
}

describe('importing the bad-input corpus in the app', () => {
  it('covers the corpus', () => {
    expect(entries.length).toBeGreaterThan(40)
  })
  for (const e of entries) {
    it(`${e.exit === 0 ? 'accepts' : 'refuses'} ${e.file}`, async () => {
      const { api, scenario } = await loaded()
      const before = await api.run(scenario)
      expect(before.ok).toBe(true)
      const t0 = performance.now()
      const r = await api.loadInventory(new Uint8Array(readFileSync(join(BAD, e.file))), e.file, scenario)
      expect(performance.now() - t0).toBeLessThan(5000)
      if (e.exit === 0) {
        expect(r.ok ? [] : r.issues).toEqual([])
        return
      }
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.issues[0]?.code).toBe(e.code)
      for (const i of r.issues) {
        expect(i.zh).toMatch(/[\u4e00-\u9fff]/)
        expect(i.en).toMatch(/[A-Za-z]/)
      }
      // The last good inventory stays: the same run gives the same numbers.
      const after = await api.run(scenario)
      expect(after.ok && before.ok && after.value.scenario.NOx).toEqual(before.ok && before.value.scenario.NOx)
    })
  }
})

// Scenarios whose names resolve to nothing, imported as the app imports a scenario file: refused with the issue at
// the scenario's path, and the plan on screen still answers with the same numbers.
describe('importing the bad scenarios of the corpus in the app', () => {
  it('covers the name classes of issue 18', () => {
    expect(scenarios.map((e) => e.code)).toEqual(
      expect.arrayContaining([
        'scenario.unknown-region',
        'target.unknown-region',
        'scenario.duplicate-target',
        'growth.unknown-sector',
        'scenario.incompatible-target',
      ]),
    )
  })
  for (const e of scenarios) {
    it(`refuses ${e.file} at ${e.location?.path}`, async () => {
      const { api, scenario } = await loaded()
      const before = await api.run(scenario)
      expect(before.ok).toBe(true)
      const r = await api.importScenario(readFileSync(join(BAD, e.file), 'utf8'), e.file, 'basic')
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.issues[0]?.code).toBe(e.code)
      expect(r.issues[0]?.file).toBe(e.file)
      expect(r.issues[0]?.path?.join('.')).toBe(e.location?.path)
      for (const i of r.issues) {
        expect(i.zh).toMatch(/[\u4e00-\u9fff]/)
        expect(i.en).toMatch(/[A-Za-z]/)
      }
      const after = await api.run(scenario)
      expect(after.ok && before.ok && after.value.scenario.NOx).toEqual(before.ok && before.value.scenario.NOx)
    })
  }
})
