import '@vitest/web-worker'
import { wrap, type Endpoint } from 'comlink'
import { describe, expect, it } from 'vitest'
import type { SimulatorApi } from '../../src/protocol'
import { cliSession, comparable, must, SEEDS } from '../session/session-helpers'

// @vitest/web-worker installs a global Worker; this Node-typed project has no DOM `Worker` value type.
const WorkerCtor = (globalThis as unknown as { Worker: new (url: URL, options?: { type?: string }) => Endpoint & { terminate(): void } }).Worker

describe('simulator worker (Comlink, bundled models and seeds)', () => {
  it('runs every seed through the worker to the same numbers, to the bit, as the CLI’s synchronous session', async () => {
    const worker = new WorkerCtor(new URL('../../src/worker/simulator.worker.ts', import.meta.url), { type: 'module' })
    // Fail fast (instead of a silent Comlink hang) if the worker module itself cannot load.
    const crashed = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (e: unknown) => reject(new Error(`worker error: ${String((e as { message?: string }).message ?? e)}`))),
    )
    const api = wrap<SimulatorApi>(worker)
    const lib = await Promise.race([api.loadLibrary(), crashed])
    expect(lib.ok).toBe(true)
    expect((await api.listSeeds()).map((s) => s.id).sort()).toEqual([...SEEDS].sort())
    for (const id of SEEDS) {
      const seed = must(await api.loadSeed(id))
      const v = must(await api.run(seed.scenario))
      const cli = cliSession(id)
      // After a structured clone across the worker boundary, still equal to the bit (toEqual compares with Object.is).
      expect(comparable(v), id).toEqual(comparable(cli.view))
      const tables = must(await api.exportTables())
      expect(tables.emissions.csv, id).toBe(must(cli.session.exportTables()).emissions.csv)
    }
    worker.terminate()
  })
})
