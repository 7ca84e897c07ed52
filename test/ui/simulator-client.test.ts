import { describe, expect, it } from 'vitest'
import type { SimulatorApi } from '../../src/protocol'
import { LONG, REPLAYED, type MethodList } from '../../src/ui/simulator-client'
import { createSimulatorApi } from '../../src/worker/simulator-api'

// The API with `loadSeed` renamed, as a refactoring of the contract would leave it.
type Renamed = Omit<SimulatorApi, 'loadSeed'> & { loadPlan: SimulatorApi['loadSeed'] }

describe('the typed bridge to the worker (src/ui/simulator-client.ts)', () => {
  it('names only methods the contract has: a rename fails to compile (checked by tsc -b)', () => {
    // @ts-expect-error the crash replay list names loadSeed, which the renamed API no longer has
    const replayed: readonly (keyof Renamed)[] = REPLAYED
    // @ts-expect-error a method list with a name the API does not have does not compile
    const misspelt = ['loadSeeds'] as const satisfies MethodList
    expect([replayed, misspelt]).toHaveLength(2)
  })

  it('replays and proxies methods the worker API object really has', () => {
    const api = createSimulatorApi()
    for (const name of [...REPLAYED, ...LONG]) expect(typeof api[name]).toBe('function')
  })
})
