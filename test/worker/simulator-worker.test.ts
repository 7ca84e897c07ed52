import '@vitest/web-worker'
import { wrap, type Endpoint } from 'comlink'
import { describe, expect, it } from 'vitest'
import type { SimulatorApi } from '../../src/protocol'

// @vitest/web-worker installs a global Worker; this Node-typed project has no DOM `Worker` value type.
const WorkerCtor = (globalThis as unknown as { Worker: new (url: URL, options?: { type?: string }) => Endpoint & { terminate(): void } }).Worker

describe('simulator worker (Comlink, bundled models and seeds)', () => {
  it('loads the bundled library, lists the seeds and runs one through the worker', async () => {
    const worker = new WorkerCtor(new URL('../../src/worker/simulator.worker.ts', import.meta.url), { type: 'module' })
    // Fail fast (instead of a silent Comlink hang) if the worker module itself cannot load.
    const crashed = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (e: unknown) => reject(new Error(`worker error: ${String((e as { message?: string }).message ?? e)}`))),
    )
    const api = wrap<SimulatorApi>(worker)
    const lib = await Promise.race([api.loadLibrary(), crashed])
    expect(lib.ok).toBe(true)
    const seeds = await api.listSeeds()
    expect(seeds.length).toBeGreaterThan(0)
    const id = seeds.some((s) => s.id === 'xiping') ? 'xiping' : (seeds[0]?.id ?? '')
    const seed = await api.loadSeed(id)
    if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
    const r = await api.run(seed.value.scenario)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.years[0]).toBe(seed.value.scenario.years.start)
    expect(r.value.counterfactual.NOx.every((x) => Number.isFinite(x))).toBe(true)
    worker.terminate()
  })
})
