import type { Scenario } from '../core'

/** Return the indices of the measures the presenter switches on, in the plan's order (the enabled ones). */
export function presenterSteps(s: Scenario): number[] {
  return s.measures.flatMap((m, i) => (m.enabled ? [i] : []))
}

/** Return the scenario with only the first `step` presenter measures switched on (step 0 = none, N = all). */
export function presenterScenario(s: Scenario, steps: readonly number[], step: number): Scenario {
  const on = new Set(steps.slice(0, Math.max(0, step)))
  return { ...s, measures: s.measures.map((m, i) => (m.enabled === on.has(i) ? m : { ...m, enabled: on.has(i) })) }
}
