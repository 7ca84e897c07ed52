import { describe, expect, it } from 'vitest'
import { defaultInputs, drawValues, overridesFor, prepareRun, RunScratch, simulate, simulatePrepared, type RunOverrides } from '../../src/core'
import { optScenario } from '../optimize/fixture'

const { scenario, resolved } = optScenario()

describe('prepared runs with reused buffers', () => {
  it('give, draw after draw, the same bits as a fresh simulate', () => {
    const inputs = defaultInputs(resolved, scenario)
    const prep = prepareRun(resolved, scenario)
    if (!prep.ok) throw new Error(JSON.stringify(prep.issues))
    const scratch = new RunScratch()
    const reused: RunOverrides = { attribution: false }
    for (let d = 0; d < 40; d++) {
      const values = drawValues(inputs, 7, d)
      const fresh = simulate(resolved, scenario, undefined, { ...overridesFor(resolved, inputs, values), attribution: false })
      const again = simulatePrepared(prep.value, overridesFor(resolved, inputs, values, reused), scratch)
      if (!fresh.ok || !again.ok) throw new Error('run failed')
      expect(Array.from(again.value.scenario)).toEqual(Array.from(fresh.value.scenario))
      expect(Array.from(again.value.counterfactual)).toEqual(Array.from(fresh.value.counterfactual))
      expect(again.value.measures.map((m) => [Array.from(m.adoption), Array.from(m.removal)])).toEqual(
        fresh.value.measures.map((m) => [Array.from(m.adoption), Array.from(m.removal)]),
      )
    }
  })

  it('reset reused overrides to neutral before a draw that sets fewer of them', () => {
    const inputs = defaultInputs(resolved, scenario)
    const o = overridesFor(
      resolved,
      inputs,
      inputs.map(() => 0.5),
    )
    const neutral = overridesFor(resolved, [], [], o)
    expect(neutral.efFactor && [...new Set(neutral.efFactor)]).toEqual([1])
    expect(neutral.adoptionFactor && [...new Set(neutral.adoptionFactor)]).toEqual([1])
    expect(neutral.growthRateDelta && [...new Set(neutral.growthRateDelta)]).toEqual([0])
  })
})
