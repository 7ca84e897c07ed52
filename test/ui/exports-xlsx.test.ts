import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { buildXlsx } from '../../src/ui/exports'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'
import { createSimulatorApi } from '../../src/worker/simulator-api'

const FIXTURE = 'test/fixtures/basic'

describe('XLSX export', () => {
  it('neutralises formula-like text (CSV injection) and keeps numbers as numbers', async () => {
    const models = () => readdirSync(join(FIXTURE, 'models')).map((f) => ({ path: `models/${f}`, text: readFileSync(join(FIXTURE, 'models', f), 'utf8') }))
    const seeds = () =>
      groupSeedFiles({
        '/seeds/basic/scenario.yaml': readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8'),
        '/seeds/basic/inventory.csv': readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8'),
      })
    const api = createSimulatorApi({ models, seeds })
    const seed = await api.loadSeed('basic')
    if (!seed.ok) throw new Error('seed')
    const s = seed.value.scenario
    const hostile = { ...s, measures: s.measures.map((m, i) => (i === 0 ? { ...m, label: { zh: '@SUM(A1)', en: '=HYPERLINK("http://x","y")' } } : m)) }
    const run = await api.run(hostile)
    if (!run.ok) throw new Error(JSON.stringify(run.issues))
    const tables = await api.exportTables()
    if (!tables.ok) throw new Error('tables')
    const buf = await buildXlsx(tables.value, { seed: 'basic', view: run.value, appVersion: 'test', date: new Date(0) })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buf)
    const ws = wb.getWorksheet('measures')
    const header = (ws?.getRow(1).values as unknown[]).slice(1)
    const row = ws?.getRow(2)
    const col = (name: string) => header.indexOf(name) + 1
    expect(row?.getCell(col('label_zh')).value).toBe("'@SUM(A1)")
    expect(row?.getCell(col('label_en')).value).toBe(`'=HYPERLINK("http://x","y")`)
    expect(row?.getCell(col('label_en')).formula).toBeUndefined()
    expect(typeof row?.getCell(col('credited_t')).value).toBe('number')
  })
})
