import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildLibrary,
  canReuse,
  fingerprint,
  layerLibrary,
  libraryForScenario,
  readLibraryParts,
  readLibrarySpec,
  resolveScenario,
  resolutionKey,
  total,
  type Library,
  type LibraryLayer,
  type TextFile,
} from '../../src/core'
import { readTextFiles } from '../../src/cli/files'
import { FIXTURE, fixtureInventory, fixtureScenario, runOk } from '../helpers'

// Overlays lay entries over a base library one by one (src/core/resolve/library-overlay.ts); the base here is the
// hand-computable fixture library (boiler-coal: NOx 3 kg/t; the fixture's B2 burns 1,000 t of coal).
function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2))
  return r.value
}
const BASE_FILES = readTextFiles(join(FIXTURE, 'models'))
const base = must(readLibrarySpec(BASE_FILES))
const TECH_FILE = BASE_FILES.find((f) => f.path.endsWith('technologies.yaml'))?.path as string

function layer(source: string, files: Record<string, string>): LibraryLayer {
  const text: TextFile[] = Object.entries(files).map(([name, t]) => ({ path: `${source}/${name}`, text: t }))
  return { source, version: fingerprint(text), files: text.map((f) => f.path), parts: must(readLibraryParts(text)) }
}

const tech = (id: string, nox: number, sector = 'industry.boiler') => `format: lantian-technologies/1
technologies:
  - id: ${id}
    label: { zh: 试验锅炉, en: Test boiler }
    sector: ${sector}
    activity_unit: t
    useful_output: { value: 14, unit: GJ, source: "test" }
    ef:
      NOx: { value: ${nox}, unit: kg/t, source: "test" }
      VOCs: { value: 0.5, unit: kg/t, source: "test" }
`

const nox2022 = (lib: Library) => total(runOk(lib, fixtureScenario(), fixtureInventory()).projection, 'scenario', 'NOx', 2022)

describe('layerLibrary: overlays over a base library, entry by entry', () => {
  it('adds new entries, replaces a base entry with a warning naming both files, and reports each overlay', () => {
    const a = layer('a', { 'tech.yaml': `${tech('boiler-coal', 2)}${tech('boiler-coal-b', 1).split('technologies:\n')[1]}` })
    const r = layerLibrary(base, [a])
    const spec = must(r)
    expect(r.ok && r.warnings).toEqual([
      expect.objectContaining({
        code: 'library.override',
        severity: 'warning',
        file: 'a/tech.yaml',
        path: ['technologies', 0],
        en: `technology "boiler-coal" in a/tech.yaml replaces the one in ${TECH_FILE}`,
      }),
    ])
    expect(spec.warnings).toEqual(r.ok ? r.warnings : [])
    expect(spec.overlays).toEqual([
      {
        source: 'a',
        version: a.version,
        files: ['a/tech.yaml'],
        technologies: ['boiler-coal', 'boiler-coal-b'],
        templates: [],
        sectors: [],
        units: [],
        aliases: [],
        overrides: [{ kind: 'technology', id: 'boiler-coal', file: 'a/tech.yaml', replaces: TECH_FILE }],
      },
    ])
    expect(spec.version).toMatch(new RegExp(`^${base.version}\\+[0-9a-f]{8}$`))
    expect(spec.technologies.length).toBe(base.technologies.length + 1)
    const lib = must(buildLibrary(spec))
    // The replaced EF is used: 1,000 t × (3 − 2) kg/t = 1 t less NOx in 2022; nothing else moves.
    expect(nox2022(must(buildLibrary(base))) - nox2022(lib)).toBeCloseTo(1, 12)
    expect(lib.technologies.get('boiler-coal-b')?.ef[0]).toBeCloseTo(0.001, 15)
  })

  it('refuses an id two overlays both define, naming both files; also two files of one overlay', () => {
    const r = layerLibrary(base, [layer('a', { 't.yaml': tech('boiler-x', 1) }), layer('b', { 't.yaml': tech('boiler-x', 2) })])
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.issues).toEqual([
        expect.objectContaining({
          code: 'library.conflict',
          file: 'b/t.yaml',
          en: 'technology "boiler-x" is defined both in a/t.yaml and in b/t.yaml: keep one',
        }),
      ])
    const d = layerLibrary(base, [layer('a', { '1.yaml': tech('boiler-x', 1), '2.yaml': tech('boiler-x', 2) })])
    expect(!d.ok && d.issues[0]).toMatchObject({ code: 'library.duplicate', en: 'technology "boiler-x" is defined both in a/1.yaml and in a/2.yaml: keep one' })
    // Replacing the same base entry from two overlays is a conflict too: which one counts would depend on their order.
    const twice = layerLibrary(base, [layer('a', { 't.yaml': tech('boiler-coal', 1) }), layer('b', { 't.yaml': tech('boiler-coal', 2) })])
    expect(!twice.ok && twice.issues[0]?.code).toBe('library.conflict')
  })

  it('lays units, aliases, sectors and templates the same way', () => {
    const units = `format: lantian-units/1\ncustom:\n  - { name: kbrick, definition: "2.5 t" }\naliases:\n  千标砖: kbrick\n  吨: t\n`
    const sectors = `format: lantian-sectors/1\nsectors:\n  - { id: industry.brick, label: { zh: 砖瓦, en: Brick } }\n`
    const measures = `format: lantian-measures/1
measures:
  - id: coal-to-gas
    label: { zh: 煤改气, en: Coal to gas }
    category: energy
    kind: switch
    to: boiler-gas
    applies_to: 'technology == "boiler-coal"'
    source: test
`
    const r = layerLibrary(base, [layer('u', { 'units.yaml': units, 'sectors.yaml': sectors, 'measures.yaml': measures })])
    const spec = must(r)
    expect(r.ok && r.warnings.map((w) => w.en)).toEqual([
      expect.stringMatching(/^measure template "coal-to-gas" in u\/measures\.yaml replaces the one in .*measures\.yaml$/),
      expect.stringMatching(/^unit alias "吨" in u\/units\.yaml replaces the one in .*units\.yaml$/),
    ])
    expect(spec.overlays?.[0]).toMatchObject({ units: ['kbrick'], aliases: ['千标砖', '吨'], sectors: ['industry.brick'], templates: ['coal-to-gas'] })
    const lib = must(buildLibrary(spec))
    expect(lib.units.factor('千标砖', 't')).toBeCloseTo(2.5, 12)
    expect(lib.sectors.has('industry.brick')).toBe(true)
  })
})

describe('a scenario’s own technologies and templates', () => {
  const lib = must(buildLibrary(base))

  it('are laid over its library: a replaced entry warns with the scenario file and path, and the numbers follow', () => {
    const s = fixtureScenario((x) => {
      x.technologies = [
        {
          id: 'boiler-coal',
          label: { zh: '本地燃煤锅炉', en: 'Local coal boiler' },
          sector: 'industry.boiler',
          activity_unit: 't',
          ef: { NOx: { value: 2, unit: 'kg/t', source: 'local test' } },
          useful_output: { value: 14, unit: 'GJ', source: 'test' },
        },
      ]
    })
    const r = resolveScenario(lib, s, fixtureInventory(), { scenario: 'my/scenario.yaml' })
    const resolved = must(r)
    expect(resolved.warnings).toContainEqual(
      expect.objectContaining({
        code: 'library.override',
        file: 'my/scenario.yaml',
        path: ['technologies', 0],
        en: `technology "boiler-coal" in my/scenario.yaml replaces the one in ${TECH_FILE}`,
      }),
    )
    expect(resolved.library.spec.overlays?.[0]).toMatchObject({ source: 'my/scenario.yaml', technologies: ['boiler-coal'] })
    // The same entries give the same library back (a slider step does not rebuild it).
    expect(must(libraryForScenario(lib, s, 'my/scenario.yaml'))).toBe(resolved.library)
    expect(nox2022(lib) - total(runOk(lib, s, fixtureInventory()).projection, 'scenario', 'NOx', 2022)).toBeCloseTo(1, 12)
  })

  it('are checked like model files, their issues located in the scenario', () => {
    const bad = fixtureScenario((x) => {
      x.technologies = [{ id: 'kiln-x', label: { zh: '窑', en: 'Kiln' }, sector: 'industry.nowhere', activity_unit: 't', ef: {} }]
      x.templates = [{ id: 't-x', label: { zh: '模板', en: 'Template' }, category: 'industry', kind: 'cut', applies_to: 'a ==', params: {}, source: 'test' }]
    })
    const r = resolveScenario(lib, bad, fixtureInventory(), { scenario: 'my/scenario.yaml' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.issues).toContainEqual(
        expect.objectContaining({ code: 'library.unknown-sector', file: 'my/scenario.yaml', path: ['technologies', 0, 'sector'] }),
      )
      expect(r.issues).toContainEqual(expect.objectContaining({ code: 'expr.syntax', file: 'my/scenario.yaml', path: ['templates', 0, 'applies_to'] }))
    }
  })

  it('conflict with an overlay’s entry of the same id, naming both', () => {
    const layered = must(buildLibrary(must(layerLibrary(base, [layer('a', { 't.yaml': tech('boiler-x', 1) })]))))
    const s = fixtureScenario((x) => {
      x.technologies = [{ id: 'boiler-x', label: { zh: '锅炉', en: 'Boiler' }, sector: 'industry.boiler', activity_unit: 't', ef: {} }]
    })
    const r = resolveScenario(layered, s, fixtureInventory(), { scenario: 'my/scenario.yaml' })
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'library.conflict', en: 'technology "boiler-x" is defined both in a and in my/scenario.yaml: keep one' })
  })

  it('are part of the reuse key: an edited EF re-resolves, the same entries reuse', () => {
    const withEf = (nox: number) =>
      fixtureScenario((x) => {
        x.technologies = [
          {
            id: 'boiler-y',
            label: { zh: '锅炉', en: 'Boiler' },
            sector: 'industry.boiler',
            activity_unit: 't',
            ef: { NOx: { value: nox, unit: 'kg/t', source: 't' } },
          },
        ]
      })
    const r = must(resolveScenario(lib, withEf(1), fixtureInventory()))
    expect(canReuse(r, withEf(1), '')).toBe(true)
    expect(canReuse(r, withEf(2), '')).toBe(false)
    expect(resolutionKey(withEf(1), lib, '')).not.toBe(resolutionKey(withEf(2), lib, ''))
  })
})
