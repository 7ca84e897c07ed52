import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

// The README's "Your first scenario" must stay true: its CSV and YAML blocks are run here with the real library.
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8')
const block = (lang: string, marker: string) => {
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g')
  for (const m of readme.matchAll(re)) if (m[1]?.includes(marker)) return m[1]
  throw new Error(`README has no ${lang} block containing ${marker}`)
}

describe('README example', () => {
  it('is a five-row inventory and a ten-line scenario that run and print per-measure reductions as CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-readme-'))
    const csv = block('csv', 'lantian-inventory/1')
    const yaml = block('yaml', 'lantian-scenario/1')
    expect(
      csv
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('#')).length,
    ).toBe(6)
    expect(yaml.trim().split('\n').length).toBeLessThanOrEqual(14)
    writeFileSync(join(dir, 'inventory.csv'), csv)
    writeFileSync(join(dir, 'scenario.yaml'), yaml)
    let out = ''
    let err = ''
    const code = main(
      ['run', dir, '--format', 'csv', '--year', '2025'],
      (s) => (out += s),
      (s) => (err += s),
    )
    expect(err).toBe('')
    expect(code).toBe(0)
    const rows = out
      .trim()
      .split('\r\n')
      .map((l) => l.split(','))
    const credit = (m: string, p: string) => Number(rows.find((r) => r[0] === m && r[6] === p)?.[9])
    // Every measure reduces its pollutant in 2025.
    expect(credit('lownox', 'NOx')).toBeGreaterThan(0)
    expect(credit('cn3', 'NOx')).toBeGreaterThan(0)
    expect(credit('lowvoc', 'VOCs')).toBeGreaterThan(0)
  })
})
