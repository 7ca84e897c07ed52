import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FIXTURE, runCli } from '../helpers'

// --models DIR|FILE (repeatable) lays entries over the bundled library; --library DIR replaces it (README, "Your
// first scenario"; docs/formats.md, "Library overlays").
const ROOT = join(import.meta.dirname, '../..')
const tmp = mkdtempSync(join(tmpdir(), 'lantian-overlays-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Write an overlay folder with one technologies file; return its path. */
function overlay(name: string, technologies: string): string {
  const dir = join(tmp, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'technologies.yaml'), `format: lantian-technologies/1\ntechnologies:\n${technologies}`)
  return dir
}

// Cement kilns at ULE-level NOx: 100 mg/m3 instead of the library's 200, so 0.24 kg/t instead of 0.48; and VOCs
// tested at 0.1 kg/t instead of 0.05 (Xiping's kiln reports its NOx, so the VOCs EF is the one its numbers use).
const CEMENT = `  - id: kiln-cement
    label: { zh: 水泥熟料窑（本地实测）, en: Cement clinker kiln (local tests) }
    sector: industry.cement
    activity_unit: t
    ef:
      NOx: { value: 0.24, unit: kg/t, source: "local CEMS 2022 (test)" }
      VOCs: { value: 0.1, unit: kg/t, source: "local tests 2022 (test)" }
`
const NEW_KILN = `  - id: kiln-x
    label: { zh: 试验窑, en: Test kiln }
    sector: industry.other
    activity_unit: t
    ef:
      NOx: { value: 1, unit: kg/t, source: "test" }
`

type RunJson = {
  provenance: { library: string; overlays: { source: string; technologies: string[]; overrides: { id: string; replaces: string }[] }[] }
  emissions: { sector: string; pollutant: string; year: number; scenario_t: number }[]
}

describe('lantian --models (library overlays)', () => {
  it('replaces a bundled technology entry by entry, warns naming both files, and names the overlay in the JSON', async () => {
    const dir = overlay('cement', CEMENT)
    const plain = JSON.parse((await runCli(['run', 'seeds/xiping', '--format', 'json'])).out) as RunJson
    const r = await runCli(['run', 'seeds/xiping', '--format', 'json', '--models', dir])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out) as RunJson
    expect(j.provenance.library).toMatch(new RegExp(`^${plain.provenance.library}\\+[0-9a-f]{8}$`))
    expect(j.provenance.overlays).toEqual([
      expect.objectContaining({
        source: dir,
        technologies: ['kiln-cement'],
        overrides: [expect.objectContaining({ id: 'kiln-cement', replaces: 'models/technologies/process.yaml' })],
      }),
    ])
    expect(plain.provenance.overlays).toEqual([])
    // The overlay gives exactly the numbers of a copy of the library whose kiln-cement entry was edited in place
    // (the range and verify flags the overlay drops do not enter a deterministic run).
    const edited = join(tmp, 'models-edited')
    cpSync(join(ROOT, 'models'), edited, { recursive: true })
    const process = readFileSync(join(edited, 'technologies/process.yaml'), 'utf8')
    const at = process.indexOf('id: kiln-cement')
    writeFileSync(
      join(edited, 'technologies/process.yaml'),
      process.slice(0, at) + process.slice(at).replace('value: 0.48', 'value: 0.24').replace('value: 0.05', 'value: 0.1'),
    )
    const same = JSON.parse((await runCli(['run', 'seeds/xiping', '--format', 'json', '--library', edited])).out) as RunJson
    expect(j.emissions).toEqual(same.emissions)
    expect(j.emissions).not.toEqual(plain.emissions)
    const table = await runCli(['run', 'seeds/xiping', '--models', dir])
    expect(table.err).toContain(
      `warning [library.override] ${dir}/technologies.yaml, at technologies.0: ${dir}/technologies.yaml 中的技术 "kiln-cement" 取代了 models/technologies/process.yaml 中的同名条目 / technology "kiln-cement" in ${dir}/technologies.yaml replaces the one in models/technologies/process.yaml`,
    )
  })

  it('takes several overlays, folders or single files, in order, and refuses an id two of them define', async () => {
    const a = overlay('a', NEW_KILN)
    const file = join(tmp, 'cement.yaml')
    writeFileSync(file, `format: lantian-technologies/1\ntechnologies:\n${CEMENT}`)
    const r = await runCli(['run', 'seeds/weidu', '--format', 'json', '--models', a, '--models', file])
    expect(r.code).toBe(0)
    expect((JSON.parse(r.out) as RunJson).provenance.overlays.map((o) => [o.source, o.technologies])).toEqual([
      [a, ['kiln-x']],
      [file, ['kiln-cement']],
    ])
    const b = overlay('b', NEW_KILN)
    const clash = await runCli(['check', 'seeds/weidu', '--models', a, '--models', b])
    expect(clash.code).toBe(2)
    expect(clash.err).toBe(
      `error [library.conflict] ${b}/technologies.yaml, at technologies.0: 技术 "kiln-x" 在 ${a}/technologies.yaml 与 ${b}/technologies.yaml 中均有定义：请只保留一处 / technology "kiln-x" is defined both in ${a}/technologies.yaml and in ${b}/technologies.yaml: keep one\n`,
    )
    const missing = await runCli(['validate', 'seeds/weidu', '--models', join(tmp, 'nope')])
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/file\.missing.*nope/)
  })

  it('--library replaces the bundled library, and overlays lay over it; every command takes both', async () => {
    const models = join(FIXTURE, 'models')
    const base = await runCli(['run', FIXTURE, '--library', models, '--format', 'json'])
    expect(base.code).toBe(0)
    const fixtureKiln = overlay('fixture-kiln', NEW_KILN.replace('industry.other', 'industry.boiler'))
    const over = await runCli(['run', FIXTURE, '--library', models, '--models', fixtureKiln, '--format', 'json'])
    expect((JSON.parse(over.out) as RunJson).provenance.overlays[0]?.technologies).toEqual(['kiln-x'])
    for (const c of [
      ['validate', FIXTURE],
      ['check', FIXTURE],
      ['mc', FIXTURE, '--draws', '20', '--quiet'],
      ['optimize', FIXTURE],
    ])
      expect((await runCli([...c, '--library', models, '--models', fixtureKiln])).err, c.join(' ')).not.toMatch(/error/)
  })
})
