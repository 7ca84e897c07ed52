import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { canReuse, focusYear, loadLibrary, resolutionKey, resolveScenario, type Scenario } from '../../src/core'
import { readTextFiles } from '../../src/cli/files'
import { FIXTURE, fixtureInventory, fixtureLibrary, fixtureScenario } from '../helpers'

// One reuse key (src/core/resolve/reuse-key.ts) covering every field the resolution depends on, and one focus-year rule.
const lib = fixtureLibrary()
const base = fixtureScenario()
const key = (s: Scenario, tag = 'inv-1') => resolutionKey(s, lib, tag)
const edit = (f: (s: Scenario) => void) => fixtureScenario(f)
const m0 = (s: Scenario) => {
  const m = s.measures[0]
  if (!m) throw new Error('fixture has measures')
  return m
}

describe('resolutionKey', () => {
  // Every field that changes the resolution (records selected, classes, regions, years, switch factors) changes the key.
  const changes: [string, () => string][] = [
    ['inventory', () => key(base, 'inv-2')],
    ['library version', () => resolutionKey(base, { ...lib, version: 'other' }, 'inv-1')],
    ['regions', () => key(edit((s) => (s.regions = ['甲县', '乙县'])))],
    ['years.start', () => key(edit((s) => (s.years.start = 2021)))],
    ['years.end', () => key(edit((s) => (s.years.end = 2030)))],
    ['a measure id', () => key(edit((s) => (m0(s).id = 'renamed')))],
    ['a measure template', () => key(edit((s) => (m0(s).template = 'closure')))],
    ['a measure scope', () => key(edit((s) => (m0(s).scope = 'capacity > 15')))],
    ['a measure target technology', () => key(edit((s) => ((s.measures[1] ?? m0(s)).to = 'boiler-gas-lownox30')))],
    ['the measures order', () => key(edit((s) => s.measures.reverse()))],
    ['a measure removed', () => key(edit((s) => s.measures.pop()))],
    [
      'a parameter a scope reads',
      () =>
        key(
          edit((s) => {
            m0(s).scope = 'capacity > c_after'
            m0(s).params = { c_after: 20 }
          }),
        ),
    ],
  ]
  for (const [what, changed] of changes) it(`changes with ${what}`, () => expect(changed()).not.toBe(key(base)))

  it('changes with a parameter the scope reads, but not with one it does not read', () => {
    const scoped = (c: number, before: number) =>
      key(
        edit((s) => {
          m0(s).scope = 'capacity > c_after'
          m0(s).params = { c_after: c, c_before: before }
        }),
      )
    expect(scoped(20, 150)).not.toBe(scoped(25, 150))
    expect(scoped(20, 150)).toBe(scoped(20, 200))
  })

  // What each run reads anew keeps the key: no re-resolve for a slider step or a target edit.
  const keeps: [string, (s: Scenario) => void][] = [
    ['an adoption level', (s) => (m0(s).schedule.level = 0.3)],
    ['a schedule', (s) => (m0(s).schedule = { start: '2024-01', complete: '2025-06', level: 1, shape: 'step' })],
    ['a parameter no selector reads', (s) => (m0(s).params = { c_after: 50 })],
    ['an enabled flag', (s) => (m0(s).enabled = false)],
    ['a label and clause', (s) => (m0(s).label = { zh: '改', en: 'renamed' })],
    ['growth', (s) => (s.growth = [{ sector: 'industry', rate_pct: 3, basis: 'test basis' }])],
    ['targets', (s) => (s.targets = [])],
    ['the title', (s) => (s.title = { zh: '新', en: 'New' })],
  ]
  for (const [what, f] of keeps) it(`keeps with ${what}`, () => expect(key(edit(f))).toBe(key(base)))

  it('is the key a resolution carries, so canReuse follows it', () => {
    const r = resolveScenario(lib, base, fixtureInventory(), {}, 'inv-1')
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.structureKey).toBe(key(base))
    expect(
      canReuse(
        r.value,
        edit((s) => (m0(s).schedule.level = 0.2)),
        'inv-1',
      ),
    ).toBe(true)
    expect(
      canReuse(
        r.value,
        edit((s) => (s.years.end = 2030)),
        'inv-1',
      ),
    ).toBe(false)
    expect(canReuse(r.value, base, 'inv-2')).toBe(false)
  })

  it('differs between two libraries that differ in one technology', () => {
    const files = readTextFiles(join(FIXTURE, 'models'))
    const other = loadLibrary(
      files.map((f) => (f.path.endsWith('technologies.yaml') ? { ...f, text: f.text.replace('value: 3, unit: kg/t', 'value: 4, unit: kg/t') } : f)),
    )
    if (!other.ok) throw new Error(JSON.stringify(other.issues))
    expect(resolutionKey(base, other.value, 'inv-1')).not.toBe(key(base))
  })
})

describe('focusYear', () => {
  const years = [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]
  it('is the latest target year within the projection', () => {
    expect(focusYear(years, [{ year: 2025 }, { year: 2027 }, { year: 2026 }])).toBe(2027)
  })
  it('ignores target years outside the projection', () => {
    expect(focusYear(years, [{ year: 2025 }, { year: 2035 }])).toBe(2025)
  })
  it('is the last projected year without targets (not 2025)', () => {
    expect(focusYear(years, [])).toBe(2030)
    expect(focusYear([2022, 2023], [])).toBe(2023)
  })
})
