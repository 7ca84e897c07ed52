import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emissionRows, measureRows, runChecks, runScenario, targetRows, type Cell } from '../../src/core'
import { readChecks, readLibrary, readScenarioBundle } from '../../src/cli/files'

// Every seed runs its own checks (the same as `lantian check seeds/<id>`) and matches its reviewed golden
// projection. Regenerate goldens only after reviewing the change: LANTIAN_UPDATE_GOLDEN=1 npm run test:golden:update.
const ROOT = join(import.meta.dirname, '../..')
const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou'] as const
const lib = readLibrary(join(ROOT, 'models'))

/** Round like plot's snapshot tests: numbers to 3 decimals so goldens survive harmless rounding. */
const round = (rows: Cell[][]) => rows.map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v)))

describe.each(SEEDS)('seed %s', (id) => {
  const dir = join(ROOT, 'seeds', id)
  it('loads the model library', () => {
    expect(lib.ok ? [] : lib.issues).toEqual([])
  })

  it('validates, runs and passes its checks', () => {
    if (!lib.ok) return
    const b = readScenarioBundle(dir)
    expect(b.ok ? [] : b.issues).toEqual([])
    if (!b.ok) return
    expect(b.value.inventory.illustrative).toBe(true)
    const out = runScenario(lib.value, b.value.scenario, b.value.inventory, { scenario: b.value.scenarioFile, inventory: b.value.inventoryFile })
    expect(out.ok ? [] : out.issues).toEqual([])
    if (!out.ok) return
    expect(b.value.checksFile, 'checks.yaml').toBeDefined()
    const checks = readChecks(b.value.checksFile ?? '')
    expect(checks.ok ? [] : checks.issues).toEqual([])
    if (!checks.ok) return
    const results = runChecks(
      checks.value.checks,
      out.value.projection,
      out.value.targets,
      out.value.resolved.measures.map((m) => m.id),
    )
    expect(results.filter((r) => !r.pass)).toEqual([])
    // Every modelled measure names the clause it implements.
    for (const m of b.value.scenario.measures) expect(m.clause.trim().length).toBeGreaterThan(0)

    // Every projected year is pinned, not only the target year: a change in how 2023 or 2030 is computed shows here.
    const golden = {
      targets: round(targetRows(out.value.targets)),
      emissions: round(emissionRows(out.value.projection)),
      measures: round(measureRows(out.value.projection, out.value.resolved, b.value.scenario)),
    }
    expect(new Set(golden.emissions.map((r) => r[3]))).toEqual(new Set(out.value.projection.years))
    const file = join(ROOT, 'test/golden', `${id}.projection.json`)
    // One row per line, so a reviewer reads a golden diff row by row.
    const text = `{\n${Object.entries(golden)
      .map(([k, rows]) => `"${k}": [\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]`)
      .join(',\n')}\n}\n`
    if (process.env.LANTIAN_UPDATE_GOLDEN || !existsSync(file)) {
      writeFileSync(file, text)
      if (!process.env.LANTIAN_UPDATE_GOLDEN) throw new Error(`wrote missing golden ${file}; review it and commit`)
      return
    }
    if (readFileSync(file, 'utf8') !== text) {
      writeFileSync(file.replace(/\.json$/, '-changed.json'), text)
      expect(JSON.parse(text), `golden ${id} changed; see ${id}.projection-changed.json`).toEqual(JSON.parse(readFileSync(file, 'utf8')))
    }
  })

  it('has SOURCES.md and README.md', () => {
    expect(existsSync(join(dir, 'SOURCES.md'))).toBe(true)
    expect(existsSync(join(dir, 'README.md'))).toBe(true)
  })
})
