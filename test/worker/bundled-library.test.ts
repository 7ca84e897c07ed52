import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildLibrary, loadLibrary, parseScenario, readLibrarySpec, type Library } from '../../src/core'
import { readLibrary } from '../../src/cli/files'
import { readCliLibrary } from '../../src/cli/library'
import { readModelFiles, shippedLibrary, shippedSeedScenarios } from '../../scripts/library-plugin'
import { bundledLibrary } from '../../src/worker/bundled-models'
import { bundledSeeds, seedScenario } from '../../src/worker/bundled-seeds'
import { createSimulatorApi } from '../../src/worker/simulator-api'

const ROOT = process.cwd()

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

// Everything of a library but the mathjs instance and the compiled functions, which compare by reference.
const plain = (l: Library) => ({
  version: l.version,
  sectors: [...l.sectors],
  technologies: [...l.technologies],
  templates: [...l.templates].map(([id, t]) => [id, t.spec, t.appliesTo.source, [...t.appliesTo.symbols], t.removal.map((r) => r?.source)]),
})

describe('the model library shipped pre-parsed (virtual:lantian-library)', () => {
  const yaml = must(readLibrarySpec(readModelFiles(ROOT)))

  it('is exactly what readLibrarySpec makes of models/*.yaml, and survives JSON', async () => {
    // The worker reads the build's JSON: the same data, the same zod output, nothing lost or added in the round trip.
    expect(bundledLibrary()).toStrictEqual(yaml)
    expect(JSON.parse(JSON.stringify(yaml))).toStrictEqual(yaml)
    expect((await shippedLibrary(ROOT)).spec).toStrictEqual(yaml)
  })

  it('keeps the fingerprint of the YAML text, as the CLI computes it from the files on disk', () => {
    expect(bundledLibrary().version).toBe(must(readLibrary(join(ROOT, 'models'))).version)
    // The CLI's bundled library (from source: models/ read as YAML) has the same fingerprint.
    expect(bundledLibrary().version).toBe(must(readCliLibrary()).version)
    expect(bundledLibrary().files).toBe(readModelFiles(ROOT).length)
  })

  it('builds into the same library as loadLibrary of the YAML files', () => {
    const fromYaml = must(loadLibrary(readModelFiles(ROOT)))
    const shipped = must(buildLibrary(bundledLibrary()))
    expect(plain(shipped)).toStrictEqual(plain(fromYaml))
    for (const [u, v] of [
      ['万吨', 't'],
      ['kg/万立方米', 'kg/m^3'],
      ['蒸吨/小时', 't/h'],
    ] as const)
      expect(shipped.units.factor(u, v)).toEqual(fromYaml.units.factor(u, v))
  })

  it('is what the worker API loads by default', async () => {
    const lib = must(await createSimulatorApi().loadLibrary())
    expect(lib.version).toBe(yaml.version)
    expect(lib.files).toBe(readModelFiles(ROOT).length)
  })

  it('fails the build, with the issues, when the library does not load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-models-'))
    try {
      mkdirSync(join(dir, 'models'))
      writeFileSync(join(dir, 'models/units.yaml'), 'format: lantian-units/1\ncustom: 3\n')
      await expect(shippedLibrary(dir)).rejects.toThrow(/does not load:\nmodels\/units\.yaml/)
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})

describe('the seed scenarios shipped parsed (virtual:lantian-seeds)', () => {
  it('are, for every bundled seed, what parseScenario makes of its scenario.yaml, warnings included', async () => {
    const seeds = bundledSeeds()
    expect(seeds.map((b) => b.id)).toEqual(
      readdirSync(join(ROOT, 'seeds'))
        .filter((d) => !d.includes('.'))
        .sort(),
    )
    for (const b of seeds) {
      const file = `seeds/${b.id}/scenario.yaml`
      const fromYaml = parseScenario(readFileSync(join(ROOT, file), 'utf8'), file)
      expect(b.parsed).toStrictEqual(fromYaml)
      expect(JSON.parse(JSON.stringify(fromYaml))).toStrictEqual(fromYaml)
      // The text the app bundles is the same file, and each call hands out its own copy.
      expect(parseScenario(b.files['scenario.yaml'] ?? '', file)).toStrictEqual(fromYaml)
      expect(seedScenario(b)).toStrictEqual(fromYaml)
      expect(seedScenario(b)).not.toBe(b.parsed)
    }
    expect((await shippedSeedScenarios(ROOT)).parsed).toStrictEqual(Object.fromEntries(seeds.map((b) => [b.id, b.parsed])))
  })
})
