import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers'
import { cliSession } from '../session/session-helpers'

type Json = {
  provenance: { regions?: string[]; targetsLeftOut?: string[]; notes?: string[] }
  emissions: { region: string; pollutant: string; year: number; scenario_t: number }[]
  measures: { measure: string; pollutant: string; year: number; credited_t: number; regions?: string }[]
  targets: { target: string }[]
}

describe('lantian run --region', () => {
  it('restricts the JSON to one county: its emissions, its measure credits and the region set in the provenance', async () => {
    const r = await runCli(['run', 'seeds/nanyang', '--region', '桐柏县', '--format', 'json', '--year', '2025'])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out) as Json
    expect(j.provenance.regions).toEqual(['桐柏县'])
    // The plan's targets are set for the whole area: left out of a county's output, and the output says so.
    expect(j.provenance.targetsLeftOut).toEqual(['nox-2025', 'vocs-2025'])
    expect(j.targets).toEqual([])
    expect(r.err).toMatch(/nox-2025.*whole area.*适用于全市/)
    expect(new Set(j.emissions.map((e) => e.region))).toEqual(new Set(['桐柏县']))
    // The same numbers as the session's region view (what the app's picker shows).
    const { view } = cliSession('nanyang')
    const tongbai = view.regions.find((x) => x.regions[0] === '桐柏县')
    const yi = view.years.indexOf(2025)
    const nox = j.emissions.filter((e) => e.pollutant === 'NOx').reduce((a, e) => a + e.scenario_t, 0)
    expect(Math.abs(nox - (tongbai?.scenario.NOx[yi] as number))).toBeLessThan(1e-9 * nox)
    view.measures.forEach((m, mi) => {
      const row = j.measures.find((x) => x.measure === m.id && x.pollutant === 'NOx')
      expect(row?.credited_t, m.id).toBe(tongbai?.credited[mi]?.NOx[yi])
      expect(row?.regions).toBe('桐柏县')
    })
  })

  it('takes a set of regions by repeating the option, and the county figures add up to the whole area', async () => {
    const { view } = cliSession('nanyang')
    const yi = view.years.indexOf(2025)
    const table = await runCli(['run', 'seeds/nanyang', '--region', '西峡县', '--region', '桐柏县'])
    expect(table.code).toBe(0)
    // Named in the scenario's order, whatever the order on the command line.
    expect(table.out).toContain('regions / 地区: 桐柏县 + 西峡县')
    expect(table.out).toMatch(/note: targets nox-2025, vocs-2025 are set for the whole area/)
    const pair = (['桐柏县', '西峡县'] as const).map((c) => view.regions.find((x) => x.regions[0] === c)?.scenario.NOx[yi] as number)
    const shown = /\n {2}NOx\s+[\d,.]+\s+[\d,.]+\s+([\d,.]+)/.exec(table.out)?.[1]
    expect(Number(shown?.replace(/,/g, ''))).toBeCloseTo((pair[0] ?? 0) + (pair[1] ?? 0), 1)
  })

  it('refuses an unknown region with a bilingual error naming the scenario’s regions (exit 2), and --region outside run', async () => {
    const r = await runCli(['run', 'seeds/nanyang', '--region', '南阳县'])
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toContain('"南阳县" 不是本情景的地区')
    expect(r.err).toContain('is not a region of this scenario; its regions are 桐柏县, 西峡县, 淅川县, 南召县, 邓州市, 南阳市其余县区')
    const c = await runCli(['check', 'seeds/nanyang', '--region', '桐柏县'])
    expect(c.code).toBe(2)
    expect(c.err).toContain('--region is for run only')
    const x = await runCli(['run', 'seeds/nanyang', '--format', 'xlsx', '--out', '/tmp/never.xlsx', '--region', 'x'])
    expect(x.code).toBe(2)
    expect(x.err).toContain('is not a region of this scenario')
  })

  it('writes a county workbook: its rows, the region column and the region set in the provenance sheet', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lantian-region-')), 'tongbai.xlsx')
    const r = await runCli(['run', 'seeds/nanyang', '--format', 'xlsx', '--out', file, '--region', '桐柏县'])
    expect(r.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const prov: unknown[][] = []
    wb.getWorksheet('provenance')?.eachRow((row) => prov.push((row.values as unknown[]).slice(1)))
    expect(prov).toContainEqual(['regions', '桐柏县'])
    const regions = new Set<unknown>()
    wb.getWorksheet('emissions')?.eachRow((row, i) => void (i > 1 && regions.add((row.values as unknown[])[1])))
    expect(regions).toEqual(new Set(['桐柏县']))
  })
})
