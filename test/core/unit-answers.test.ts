import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildLibrary, parseInventory, parseScenario, readLibrarySpec, recordUnitAnswers, runScenario, UnitSystem, type Library } from '../../src/core'
import { readModelFiles } from '../../src/cli/model-files'

// Unit answers recorded at build time (scripts/library-plugin.ts) must answer exactly as mathjs does, and spare
// creating mathjs's unit machinery for the seeds.
const ROOT = join(import.meta.dirname, '../..')
function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}
const spec = must(readLibrarySpec(readModelFiles(ROOT)))
const answers = must(recordUnitAnswers(spec))
const mathjsCreated = (lib: Library) => (lib.units as unknown as { mathjs: unknown }).mathjs !== undefined

describe('recorded unit answers', () => {
  it('hold every conversion between the library’s unit names, equal to mathjs’s to the bit', () => {
    const fresh = must(buildLibrary(spec))
    expect(Object.keys(answers.factors).length).toBeGreaterThan(100)
    for (const [key, f] of Object.entries(answers.factors)) {
      const [from, to] = key.split('\u0000') as [string, string]
      expect(Object.is(fresh.units.factor(from, to), f), key).toBe(true)
    }
    const answered = must(buildLibrary(spec, { unitAnswers: answers }))
    for (const [id, t] of answered.technologies) expect([...t.ef], id).toStrictEqual([...(fresh.technologies.get(id)?.ef ?? [])])
    expect(mathjsCreated(answered)).toBe(false)
  })

  it('run every seed to the same numbers without creating mathjs’s units', () => {
    const answered = must(buildLibrary(spec, { unitAnswers: answers }))
    const fresh = must(buildLibrary(spec))
    for (const id of readdirSync(join(ROOT, 'seeds')).filter((d) => !d.includes('.'))) {
      const s = must(parseScenario(readFileSync(join(ROOT, 'seeds', id, 'scenario.yaml'), 'utf8')))
      const inv = must(parseInventory(new Uint8Array(readFileSync(join(ROOT, 'seeds', id, s.inventory))), s.inventory))
      const a = must(runScenario(answered, s, inv))
      const b = must(runScenario(fresh, s, inv))
      expect([...a.projection.scenario], id).toStrictEqual([...b.projection.scenario])
      expect([...a.projection.counterfactual], id).toStrictEqual([...b.projection.counterfactual])
    }
    expect(mathjsCreated(answered)).toBe(false)
    // A unit the answers do not hold is still converted, by mathjs, created then.
    expect(answered.units.factor('kt', 't')).toBe(1000)
    expect(mathjsCreated(answered)).toBe(true)
  })

  it('are ignored for other units (an overlay that adds a unit), which are then checked at once', () => {
    const other = { ...spec.units, custom: [...(spec.units.custom ?? []), { name: 'kbrick', definition: '2.5 t' }] }
    const u = new UnitSystem(other, answers)
    expect((u as unknown as { mathjs: unknown }).mathjs).toBeDefined()
    expect(u.factor('kbrick', 't')).toBeCloseTo(2.5, 12)
    expect(() => new UnitSystem({ ...spec.units, custom: [{ name: 'bad', definition: '3 nonsense' }] }, answers)).toThrow()
  })
})
