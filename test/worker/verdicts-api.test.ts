import { describe, expect, it } from 'vitest'
import { readResolved } from '../../src/cli/resolve-input'
import { createSimulatorApi } from '../../src/worker/simulator-api'

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

describe('the worker’s flip points (verdicts)', () => {
  it('answer for the run on screen with the CLI’s numbers, the closest first', async () => {
    const api = createSimulatorApi()
    const seed = must(await api.loadSeed('weidu'))
    const view = must(await api.run(seed.scenario))
    const v = must(await api.verdicts(view.scenarioHash, 5))
    expect(v.scenarioHash).toBe(view.scenarioHash)
    const input = must(readResolved('seeds/weidu'))
    const cli = must(input.session.verdicts(input.prepared))
    for (const t of v.targets) {
      const c = cli.targets.find((x) => x.id === t.id)
      const flipping = c?.assumptions.filter((a) => a.flip !== null) ?? []
      expect(t.assumptions).toEqual(flipping.slice(0, 5))
      expect(t.flipping).toBe(flipping.length)
      expect(t.inputs).toBe(c?.assumptions.length)
      expect(t.met).toBe(c?.met)
    }
  })

  it('stop when a newer run arrives, and refuse a run that is no longer the last', async () => {
    const api = createSimulatorApi()
    const seed = must(await api.loadSeed('xiping'))
    const first = must(await api.run(seed.scenario))
    // The flip points give way every few ms; the run asked meanwhile is taken, and the old computation stops.
    const pending = api.verdicts(first.scenarioHash)
    const edited = structuredClone(seed.scenario)
    const m = edited.measures.find((x) => x.enabled)
    if (m) m.schedule.level = m.schedule.level / 2
    const second = must(await api.run(edited))
    const old = await pending
    expect(old.ok).toBe(false)
    if (!old.ok) expect(old.issues[0]?.code).toBe('verdicts.stale')
    const again = await api.verdicts(first.scenarioHash)
    expect(again.ok).toBe(false)
    expect(must(await api.verdicts(second.scenarioHash)).scenarioHash).toBe(second.scenarioHash)
  })
})
