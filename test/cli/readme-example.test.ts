import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

// The README's "Your first scenario" must stay true: its CSV and YAML blocks are run here with the real library.
const ROOT = join(import.meta.dirname, '../..')
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const block = (lang: string, marker: string) => {
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g')
  for (const m of readme.matchAll(re)) if (m[1]?.includes(marker)) return m[1]
  throw new Error(`README has no ${lang} block containing ${marker}`)
}

describe('README example', () => {
  it('is a six-row inventory and a scenario with a technology of its own that run, as written, with the built command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-readme-'))
    const csv = block('csv', 'lantian-inventory/1')
    const yaml = block('yaml', 'lantian-scenario/1')
    expect(
      csv
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('#')).length,
    ).toBe(7)
    expect(yaml.trim().split('\n').length).toBeLessThanOrEqual(26)
    writeFileSync(join(dir, 'inventory.csv'), csv)
    writeFileSync(join(dir, 'scenario.yaml'), yaml)
    // `npx lantian run my --format csv --year 2025`, as the README says (bin/lantian.mjs is what npx runs).
    const p = spawnSync(process.execPath, [join(ROOT, 'bin/lantian.mjs'), 'run', dir, '--format', 'csv', '--year', '2025'], { encoding: 'utf8' })
    expect(p.stderr).toBe('')
    expect(p.status).toBe(0)
    const rows = p.stdout
      .trim()
      .split('\r\n')
      .map((l) => l.split(','))
    const credit = (m: string, pl: string) => Number(rows.find((r) => r[0] === m && r[6] === pl)?.[9])
    // Every measure reduces its pollutant in 2025.
    expect(credit('lownox', 'NOx')).toBeGreaterThan(0)
    expect(credit('cn3', 'NOx')).toBeGreaterThan(0)
    expect(credit('lowvoc', 'VOCs')).toBeGreaterThan(0)
    // The scenario's own ring kiln: 40,000 t × 0.6 kg/t = 24 t NOx in 2022; half of it closed in 2024 → 12 t in 2025.
    expect(credit('ringkiln', 'NOx')).toBeCloseTo(12, 9)
    let out = ''
    let err = ''
    expect(
      main(
        ['run', dir, '--format', 'json'],
        (x) => (out += x),
        (x) => (err += x),
      ),
    ).toBe(0)
    const json = JSON.parse(out) as {
      provenance: { overlays: { source: string; technologies: string[]; overrides: unknown[] }[] }
      emissions: { sector: string; pollutant: string; year: number; scenario_t: number }[]
    }
    expect(json.provenance.overlays).toEqual([
      expect.objectContaining({ source: join(dir, 'scenario.yaml'), technologies: ['kiln-brick-ring'], overrides: [] }),
    ])
    const brick = json.emissions.filter((e) => e.sector === 'industry.brick' && e.pollutant === 'NOx' && e.year === 2022)
    expect(brick.reduce((t, e) => t + e.scenario_t, 0)).toBeCloseTo(24, 9)
  })
})
