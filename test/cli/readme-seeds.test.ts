import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/core'
import { readLibrary, readScenarioBundle } from '../../src/cli/files'

// The README's seed table must match what the seeds compute (rounded to whole tonnes).
const ROOT = join(import.meta.dirname, '../..')
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)`[^|]*\| [^|]+ \| ([\d,]+) \(([\d,]+)\) \| ([\d,]+) \(([\d,]+)\) \|/gm)]
const num = (s: string | undefined) => Number((s ?? '').replace(/,/g, ''))

describe('README seeds table', () => {
  it('lists all five seeds', () => {
    expect(rows.map((r) => r[1]).sort()).toEqual(['nanyang', 'weidu', 'xianyang-2023', 'xinzhou', 'xiping'])
  })
  const lib = readLibrary(join(ROOT, 'models'))
  for (const r of rows) {
    it(`matches seed ${r[1]}`, () => {
      if (!lib.ok) throw new Error('library')
      const b = readScenarioBundle(join(ROOT, 'seeds', r[1] ?? ''))
      if (!b.ok) throw new Error(JSON.stringify(b.issues))
      const out = runScenario(lib.value, b.value.scenario, b.value.inventory)
      if (!out.ok) throw new Error(JSON.stringify(out.issues))
      // Each seed's first total-emission target per pollutant: 2025, or 2023 for the one-year Xianyang plan.
      const t = (p: string) => out.value.targets.find((x) => x.pollutant === p && x.kind !== 'engineering_t')
      expect(Math.round(t('NOx')?.projected ?? NaN)).toBe(num(r[2]))
      expect(Math.round(t('NOx')?.required ?? NaN)).toBe(num(r[3]))
      expect(Math.round(t('VOCs')?.projected ?? NaN)).toBe(num(r[4]))
      expect(Math.round(t('VOCs')?.required ?? NaN)).toBe(num(r[5]))
    })
  }
})
