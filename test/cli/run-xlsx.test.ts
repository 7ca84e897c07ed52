import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers'
import { createSimulatorApi } from '../../src/worker/simulator-api'

const cli = runCli

const cells = (ws: ExcelJS.Worksheet | undefined): unknown[][] => {
  const rows: unknown[][] = []
  ws?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
  return rows
}

describe('lantian run --format xlsx', () => {
  it('writes the sheets the app writes, with the numbers of --format json and the app’s scenario hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-xlsx-'))
    const file = join(dir, 'xiping.xlsx')
    const r = await cli(['run', 'seeds/xiping', '--format', 'xlsx', '--out', file])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['emissions', 'measures', 'targets', 'evidence', 'provenance'])

    const json = JSON.parse((await cli(['run', 'seeds/xiping', '--format', 'json'])).out) as {
      emissions: Record<string, number | string>[]
      evidence: Record<string, string>[]
    }
    // The evidence sheet carries the provenance tag of every number, as --format json does.
    const evidence = cells(wb.getWorksheet('evidence'))
    expect(evidence[0]).toEqual(['path', 'value', 'provenance', 'basis'])
    expect(evidence.slice(1).map((r) => [r[0], r[2]])).toEqual(json.evidence.map((e) => [e.path, e.provenance]))
    const emissions = cells(wb.getWorksheet('emissions'))
    expect(emissions[0]).toEqual(['region', 'sector', 'pollutant', 'year', 'counterfactual_t', 'scenario_t', 'credited_t'])
    expect(emissions.length - 1).toBe(json.emissions.length)
    json.emissions.forEach((row, i) => expect(emissions[i + 1]?.[5]).toBe(row.scenario_t))

    // The worker API (the app) computes the same scenario hash and inventory facts for the same seed.
    const api = createSimulatorApi()
    const seed = await api.loadSeed('xiping')
    if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
    const run = await api.run(seed.value.scenario)
    if (!run.ok) throw new Error(JSON.stringify(run.issues))
    const prov = new Map(cells(wb.getWorksheet('provenance')).map((row) => [String(row[0]), String(row[1])]))
    expect(prov.get('scenario_hash')).toBe(run.value.scenarioHash)
    expect(prov.get('library_version')).toBe(run.value.libraryVersion)
    expect(prov.get('seed')).toBe('xiping')
    expect(prov.get('inventory_records')).toBe(String(run.value.inventory.records))
    expect(prov.get('illustrative')).toContain('示意清单')
    expect(prov.get('app_version')).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })

  it('writes one workbook per scenario into a folder for a batch, and refuses a missing --out', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lantian-xlsx-')), 'batch')
    const r = await cli(['run', 'seeds/xiping', 'seeds/weidu', '--format', 'xlsx', '--out', dir, '--year', '2025'])
    expect(r.code).toBe(0)
    for (const id of ['xiping', 'weidu']) {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(join(dir, `lantian-${id}.xlsx`))
      const years = new Set(
        cells(wb.getWorksheet('emissions'))
          .slice(1)
          .map((row) => row[3]),
      )
      expect([...years]).toEqual([2025])
    }
    const bad = await cli(['run', 'seeds/xiping', '--format', 'xlsx'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--out/)
    expect(bad.err).toMatch(/[\u4e00-\u9fff]/)
  })
})
