import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/core'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'
import { createSimulatorApi } from '../../src/worker/simulator-api'
import { buildXlsx } from '../../src/ui/exports'

// The warnings the CLI prints reach the app: the worker's run returns them, located, with the result (the app lists
// them by path: measure cards, the growth and targets editors, the notices).
const FIXTURE = 'test/fixtures/basic'

async function loaded() {
  const models = () => readdirSync(join(FIXTURE, 'models')).map((f) => ({ path: `models/${f}`, text: readFileSync(join(FIXTURE, 'models', f), 'utf8') }))
  const seeds = () =>
    groupSeedFiles({
      '/seeds/basic/scenario.yaml': readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8'),
      '/seeds/basic/inventory.csv': `${readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8')}X1,乙县,industry.boiler,boiler-coal,1000,t,20,t/h,,\n`,
    })
  const api = createSimulatorApi({ models, seeds })
  const seed = await api.loadSeed('basic')
  if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
  return { api, scenario: seed.value.scenario }
}

describe('warnings of a run in the app', () => {
  it('come with the result and in the view: a scope that selects nothing, unused growth, a record outside the regions', async () => {
    const { api, scenario } = await loaded()
    const edited: Scenario = {
      ...scenario,
      growth: [...scenario.growth, { sector: 'transport.rail', rate_pct: 5, basis: 'no record is in rail' }],
      measures: scenario.measures.map((m) => (m.id === 'cn3-out' ? { ...m, scope: 'id == "R1"' } : m)),
    }
    const r = await api.run(edited)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const where = (w: { code: string; path?: (string | number)[]; row?: number }) => [w.code, w.path?.join('.') ?? `row ${w.row}`]
    const expected = [
      ['inventory.outside-regions', 'row 11'],
      ['measure.no-records', 'measures.2.scope'],
      ['growth.unused', 'growth.1.sector'],
    ]
    expect(r.warnings.map(where)).toEqual(expect.arrayContaining(expected))
    expect(r.value.warnings.map(where)).toEqual(expect.arrayContaining(expected))
    for (const w of r.warnings) expect(w.severity).toBe('warning')
    // A resolution reused for a slider step still reports what it ignored.
    const step = await api.run({ ...edited, measures: edited.measures.map((m, i) => (i === 0 ? { ...m, schedule: { ...m.schedule, level: 0.5 } } : m)) })
    expect(step.ok && step.value.stats.resolved).toBe(false)
    expect(step.ok ? step.warnings.map(where) : []).toEqual(expect.arrayContaining(expected))
  })

  it('refuses a run whose target names a region outside the scenario, located, and keeps the last result', async () => {
    const { api, scenario } = await loaded()
    const good = await api.run(scenario)
    expect(good.ok).toBe(true)
    const tables = await api.exportTables()
    const bad = await api.run({ ...scenario, targets: scenario.targets.map((t, i) => (i === 0 ? { ...t, regions: ['乙县'] } : t)) })
    expect(bad.ok ? [] : bad.issues.map((i) => [i.code, i.path?.join('.')])).toEqual([['target.unknown-region', 'targets.0.regions.0']])
    // The last good run is still the one exported.
    expect(await api.exportTables()).toEqual(tables)
  })

  it("the app's XLSX export lists them on the provenance sheet, as the CLI's does", async () => {
    const { api, scenario } = await loaded()
    const run = await api.run(scenario)
    const tables = await api.exportTables()
    if (!run.ok || !tables.ok) throw new Error('run')
    expect(run.value.warnings.map((w) => w.code)).toEqual(['inventory.outside-regions'])
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await buildXlsx(tables.value, { seed: 'basic', view: run.value, appVersion: 'test', date: new Date(0) }))
    const rows = new Map<string, string>()
    wb.getWorksheet('provenance')?.eachRow((row) => rows.set(String(row.getCell(1).value), String(row.getCell(2).value)))
    expect(rows.get('warnings')).toBe('1')
    expect(rows.get('warning_1')).toMatch(/^warning \[inventory\.outside-regions\] .*row 11, column region: .* \/ 1 record in region "乙县"/)
  })
})
