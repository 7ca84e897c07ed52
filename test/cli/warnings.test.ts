import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { FIXTURE, runCli } from '../helpers'

// Issue 15 item 1: every output of `run` says what the engine ignored, located; --strict refuses it. Issue 18: a
// region that matches nothing is an error, never a result.
const MODELS = join(FIXTURE, 'models')
const temps: string[] = []
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })))

const INVENTORY = readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8')
// One more boiler in 乙县, a region the scenario does not list: 1000 t coal × 3 kg/t = 3 t NOx left out.
const WITH_OUTSIDE = `${INVENTORY}X1,乙县,industry.boiler,boiler-coal,1000,t,20,t/h,,\n`

/** Write the fixture scenario, edited, and an inventory into a fresh folder; return the folder. */
function folder(edit: (s: Record<string, unknown>) => void = () => {}, inventory = INVENTORY): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-warn-'))
  temps.push(dir)
  const s = parse(readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8')) as Record<string, unknown>
  edit(s)
  writeFileSync(join(dir, 'scenario.yaml'), stringify(s))
  writeFileSync(join(dir, 'inventory.csv'), inventory)
  return dir
}

type Measure = { id: string; scope?: string }
// The truck phase-out with a mistyped scope: record ids are T1…, so "R1" selects nothing and the measure is zero.
const mistyped = (s: Record<string, unknown>) => {
  const m = (s.measures as Measure[]).find((x) => x.id === 'cn3-out')
  if (m) m.scope = 'id == "R1"'
}

describe('run with a mistyped scope and a record outside the regions', () => {
  const dir = folder(mistyped, WITH_OUTSIDE)
  const run = (...args: string[]) => runCli(['run', dir, '--library', MODELS, ...args])
  const warningLines = (err: string) => err.split('\n').filter((l) => l.startsWith('warning '))

  it('JSON carries both warnings, located, and stderr shows them (exit 0)', async () => {
    const r = await run('--format', 'json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as {
      warnings: { code: string; severity: string; file?: string; row?: number; column?: string; path?: unknown[]; zh: string; en: string }[]
    }
    const scope = json.warnings.find((w) => w.code === 'measure.no-records')
    expect(scope).toMatchObject({ severity: 'warning', file: join(dir, 'scenario.yaml'), path: ['measures', 2, 'scope'] })
    expect(scope?.en).toMatch(/its scope excludes the 1 record template "truck-phase-out" applies to/)
    expect(scope?.zh).toMatch(/[\u4e00-\u9fff]/)
    const outside = json.warnings.find((w) => w.code === 'inventory.outside-regions')
    expect(outside).toMatchObject({ severity: 'warning', file: join(dir, 'inventory.csv'), row: 11, column: 'region' })
    expect(outside?.en).toMatch(/1 record in region "乙县", outside the scenario's regions \(甲县\), left out \(e\.g\. X1\)/)
    expect(warningLines(r.err)).toHaveLength(2)
    expect(r.err).toMatch(/warning \[inventory\.outside-regions\] .*inventory\.csv, row 11, column region: .*乙县.* \/ 1 record in region "乙县"/)
  })

  it('stderr shows them for table and CSV as well', async () => {
    for (const format of ['table', 'csv']) expect(warningLines((await run('--format', format)).err), format).toHaveLength(2)
  })

  it('CSV heads the table with #-lines that a spreadsheet shows and a CSV reader skips', async () => {
    const r = await run('--format', 'csv', '--what', 'emissions')
    const lines = r.out.split('\r\n')
    expect(lines[0]).toMatch(/^#,"?2 条警告.* \/ 2 warnings: what the computation ignored or assumed"?$/)
    expect(
      lines
        .slice(1, 3)
        .map((l) => /^#,"warning \[([a-z.-]+)\] /.exec(l)?.[1])
        .sort(),
    ).toEqual(['inventory.outside-regions', 'measure.no-records'])
    expect(lines[3]).toBe('region,sector,pollutant,year,counterfactual_t,scenario_t,credited_t')
    const parsed = Papa.parse<Record<string, string>>(r.out.trim(), { header: true, comments: '#' })
    expect(parsed.errors).toEqual([])
    expect(parsed.meta.fields?.[0]).toBe('region')
    expect(parsed.data.every((row) => row.region === '甲县')).toBe(true)
  })

  it('--strict exits 2 and writes no result', async () => {
    for (const format of ['json', 'csv', 'table']) {
      const r = await run('--format', format, '--strict')
      expect(r.code).toBe(2)
      expect(r.out).toBe('')
      expect(r.err).toMatch(/error: --strict: .* has 2 warnings \/ 严格模式：.* 有 2 条警告/)
    }
    expect((await runCli(['validate', dir, '--library', MODELS, '--strict'])).code).toBe(2)
    expect((await runCli(['check', dir, '--library', MODELS, '--strict'])).code).toBe(2)
  })

  it('the XLSX provenance sheet lists the warnings', async () => {
    const out = join(dir, 'out.xlsx')
    const r = await run('--format', 'xlsx', '--out', out)
    expect(r.code).toBe(0)
    expect(warningLines(r.err)).toHaveLength(2)
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const rows: [string, string][] = []
    wb.getWorksheet('provenance')?.eachRow((row) => rows.push([String(row.getCell(1).value), String(row.getCell(2).value)]))
    const map = new Map(rows)
    expect(map.get('warnings')).toBe('2')
    expect([map.get('warning_1'), map.get('warning_2')].map((w) => /^warning \[([a-z.-]+)\]/.exec(w ?? '')?.[1]).sort()).toEqual([
      'inventory.outside-regions',
      'measure.no-records',
    ])
  })

  it('leaves out the record outside the regions: 2022 NOx as without it', async () => {
    const clean = JSON.parse((await runCli(['run', folder(mistyped), '--library', MODELS, '--format', 'json'])).out) as { totals: unknown[] }
    const withOutside = JSON.parse((await run('--format', 'json')).out) as { totals: unknown[] }
    expect(withOutside.totals).toEqual(clean.totals)
  })
})

describe('JSON totals', () => {
  it('gives counterfactual, scenario, credited and net change per pollutant and year, equal to the emissions summed', async () => {
    const r = await runCli(['run', FIXTURE, '--library', MODELS, '--format', 'json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as {
      totals: {
        pollutant: string
        year: number
        counterfactual_t: number
        scenario_t: number
        credited_t: number
        net_change_t: number
        net_change_pct: number
      }[]
      emissions: { pollutant: string; year: number; counterfactual_t: number; scenario_t: number }[]
      warnings: unknown[]
    }
    expect(json.warnings).toEqual([])
    expect(json.totals).toHaveLength(2 * 5)
    const base = new Map(json.totals.filter((t) => t.year === 2022).map((t) => [t.pollutant, t.scenario_t]))
    for (const t of json.totals) {
      const rows = json.emissions.filter((e) => e.pollutant === t.pollutant && e.year === t.year)
      expect(t.scenario_t).toBeCloseTo(
        rows.reduce((s, e) => s + e.scenario_t, 0),
        12,
      )
      expect(t.counterfactual_t).toBeCloseTo(
        rows.reduce((s, e) => s + e.counterfactual_t, 0),
        12,
      )
      expect(t.credited_t).toBe(t.counterfactual_t - t.scenario_t)
      expect(t.net_change_t).toBe(t.scenario_t - (base.get(t.pollutant) ?? NaN))
      expect(t.net_change_pct).toBeCloseTo((100 * t.net_change_t) / (base.get(t.pollutant) ?? NaN), 12)
    }
    // Hand check, NOx 2022: B1 100 × 15 kg + B2 1000 × 3 kg + B3 observed 1.2 t + T1 1e6 km × 8 g = 1.5 + 3 + 1.2 + 8 = 13.7 t.
    expect(base.get('NOx')).toBeCloseTo(13.7, 12)
  })
})

describe('regions that match nothing are errors, never a result (issue 18)', () => {
  const correct = async () => JSON.parse((await runCli(['run', FIXTURE, '--library', MODELS, '--format', 'json'])).out) as unknown
  const cases: [string, (s: Record<string, unknown>) => void, string, string][] = [
    ['a typo', (s) => (s.regions = ['乙县']), 'scenario.unknown-region', 'regions.0'],
    // Refused by the scenario schema (invisible characters in names), before the inventory is read.
    ['a BOM before the name', (s) => (s.regions = ['\uFEFF甲县']), 'name.invisible', 'regions.0'],
    ['a trailing space', (s) => (s.regions = ['甲县 ']), 'scenario.unknown-region', 'regions.0'],
    ['the traditional form', (s) => (s.regions = ['甲縣']), 'scenario.unknown-region', 'regions.0'],
    ['an extra region', (s) => (s.regions = ['甲县', '丙县']), 'scenario.unknown-region', 'regions.1'],
    ['a region twice', (s) => (s.regions = ['甲县', '甲县']), 'scenario.duplicate-region', 'regions.1'],
    [
      "a target's region typo",
      (s) => ((s.targets as { regions?: string[] }[])[0] = { ...(s.targets as object[])[0], regions: ['乙县'] }),
      'target.unknown-region',
      'targets.0.regions.0',
    ],
  ]
  for (const [what, edit, code, path] of cases)
    it(`${what}: exit 2 at ${path}, bilingual, no output`, async () => {
      const dir = folder(edit)
      for (const format of ['json', 'csv', 'table']) {
        const r = await runCli(['run', dir, '--library', MODELS, '--format', format])
        expect(r.code).toBe(2)
        expect(r.out).toBe('')
        expect(r.err).toMatch(
          new RegExp(
            `^error \\[${code.replace('.', '\\.')}\\] .*scenario\\.yaml, (line \\d+, )?at ${path.replace(/\./g, '\\.')}: .*[\\u4e00-\\u9fff].* / [a-z]`,
            'm',
          ),
        )
      }
      expect((await runCli(['check', dir, '--library', MODELS])).code).toBe(2)
    })

  it('exit 0 only with the correct numbers: every variant either fails or equals the correct run', async () => {
    const want = await correct()
    const variants: ((s: Record<string, unknown>) => void)[] = [() => {}, (s) => (s.regions = ['甲县']), ...cases.map((c) => c[1])]
    for (const v of variants) {
      const r = await runCli(['run', folder(v), '--library', MODELS, '--format', 'json'])
      if (r.code === 0) expect((JSON.parse(r.out) as { totals: unknown }).totals).toEqual((want as { totals: unknown }).totals)
      else expect(r.code).toBe(2)
    }
  })

  it('names an invisible character or a space in the region', async () => {
    const bom = await runCli(['run', folder((s) => (s.regions = ['\uFEFF甲县'])), '--library', MODELS])
    expect(bom.err).toMatch(/character 1 is the invisible U\+FEFF \(byte-order mark \(BOM\)\)/)
    const space = await runCli(['run', folder((s) => (s.regions = ['甲县 '])), '--library', MODELS])
    expect(space.err).toMatch(/region "甲县 " has no records.*surrounding spaces.*the inventory's regions: 甲县/)
  })
})
