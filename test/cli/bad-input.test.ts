import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { FIXTURE } from '../helpers'

/** Copy the basic fixture, apply an edit, run the CLI; return exit code and output. */
function runEdited(edit: (dir: string) => void, command = 'validate'): { code: number; out: string; err: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-bad-'))
  cpSync(FIXTURE, dir, { recursive: true })
  edit(dir)
  let out = ''
  let err = ''
  const code = main(
    [command, dir, '--library', join(dir, 'models')],
    (s) => (out += s),
    (s) => (err += s),
  )
  return { code, out, err }
}
const replaceIn = (dir: string, file: string, from: string | RegExp, to: string) => {
  const p = join(dir, file)
  const before = readFileSync(p, 'utf8')
  const after = before.replace(from, to)
  if (after === before) throw new Error(`edit of ${file} changed nothing`)
  writeFileSync(p, after)
}

describe('lantian validate on bad input (exit 2, located bilingual message)', () => {
  it('accepts the good fixture', () => {
    const r = runEdited(() => {})
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
  })

  it('names the record and both units on a dimension mismatch', () => {
    const r = runEdited((d) => replaceIn(d, 'inventory.csv', 'B2,甲县,industry.boiler,boiler-coal,1000,t,', 'B2,甲县,industry.boiler,boiler-coal,1000,kWh,'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/inventory\.csv, row 7, column unit/)
    expect(r.err).toMatch(/unit "kWh" does not match "t"/)
    expect(r.err).toMatch(/量纲不一致/)
  })

  it('names an unknown unit', () => {
    const r = runEdited((d) =>
      replaceIn(d, 'inventory.csv', 'B2,甲县,industry.boiler,boiler-coal,1000,t,', 'B2,甲县,industry.boiler,boiler-coal,1000,furlongs,'),
    )
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/row 7, column unit.*unknown unit "furlongs"/)
  })

  it('names an unknown technology', () => {
    const r = runEdited((d) => replaceIn(d, 'inventory.csv', 'boiler-coal,1000', 'boiler-koal,1000'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/row 7, column technology.*未知技术 "boiler-koal".*unknown technology "boiler-koal"/)
  })

  it('names a negative activity', () => {
    const r = runEdited((d) => replaceIn(d, 'inventory.csv', 'boiler-coal,1000', 'boiler-coal,-5'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/row 7, column activity.*must not be negative: -5/)
  })

  it('names an adoption level of 1.3', () => {
    const r = runEdited((d) => replaceIn(d, 'scenario.yaml', 'level: 0.6', 'level: 1.3'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/scenario\.yaml, line \d+, at measures\.3\.schedule\.level/)
  })

  it('names an unparseable month', () => {
    const r = runEdited((d) => replaceIn(d, 'scenario.yaml', 'complete: 2023-12, level: 1, shape: linear', 'complete: 2023-13, level: 1, shape: linear'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/at measures\.0\.schedule\.complete.*YYYY-MM/)
  })

  it('rejects two switch measures that move 140 % of the same records', () => {
    const r = runEdited((d) =>
      replaceIn(
        d,
        'scenario.yaml',
        'targets:',
        `  - id: share
    template: freight-share
    label: { zh: 公转铁, en: Road to rail }
    clause: 二（二）
    params: { s0: 0, s1: 0.9 }
    schedule: { start: 2023-01, complete: 2023-12, level: 1, shape: step }
targets:`,
      ),
    )
    expect(r.code).toBe(2)
    // cn3-out moves 50 %, the share measure 90 %: 140 % in 2024 (the first full year of both).
    expect(r.err).toMatch(/measures cn3-out, share together move 140 % of the same records \(e\.g\. T1/)
  })

  it('rejects an expression that calls import', () => {
    const r = runEdited((d) => replaceIn(d, 'scenario.yaml', `scope: 'standard == "国三"'`, `scope: 'import({x: 1})'`))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/at measures\.2\.scope.*function import\(\) is not available/)
  })

  it('names a selector attribute that the inventory lacks', () => {
    const r = runEdited((d) => replaceIn(d, 'scenario.yaml', `scope: 'standard == "国三"'`, `scope: 'standrd == "国三"'`))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/"standrd"/)
  })
})

describe('lantian run and check', () => {
  it('prints per-measure reductions as CSV', () => {
    let out = ''
    const code = main(
      ['run', FIXTURE, '--library', join(FIXTURE, 'models'), '--format', 'csv', '--year', '2025'],
      (s) => (out += s),
      () => {},
    )
    expect(code).toBe(0)
    const lines = out.trim().split('\r\n')
    expect(lines[0]).toBe('measure,label_zh,label_en,clause,template,kind,pollutant,year,adoption,credited_t,share_of_credited_pct')
    const c2g = lines.find((l) => l.startsWith('c2g,') && l.includes(',NOx,2025,'))
    expect(Number(c2g?.split(',')[9])).toBeCloseTo(2.25, 12)
  })

  it('exits 1 when a target is missed', () => {
    const r = runEdited((d) => replaceIn(d, 'scenario.yaml', 'value: 4', 'value: 1'), 'check')
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/GAP {2}target vocs-2025/)
  })
})
