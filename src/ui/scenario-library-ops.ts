import type { Scenario } from '../core'

/** How a user scenario's seed inventory was chosen: a copy of that plan, or for an import, as the worker matched it. */
export type SeedOrigin = 'copy' | 'inventory' | 'region' | 'current'

/** One of the user's own scenarios: the scenario as edited, as first saved or imported, and the seed it runs on. */
export interface UserScenario {
  /** Key in the store and in the plan picker (`user:<key>`); independent of the scenario's own id. */
  key: string
  /** The seed whose inventory the scenario runs on. */
  seed: string
  seedBy: SeedOrigin
  scenario: Scenario
  /** The scenario as saved or imported, what "reset" goes back to. */
  original: Scenario
  createdAt: string
  savedAt: string
}

/** The plan picker's value of a user scenario. */
export const userPlanValue = (key: string): string => `user:${key}`

/** Return the user scenario key of a plan picker value, or undefined for a seed. */
export function userKeyOf(value: string): string | undefined {
  return value.startsWith('user:') ? value.slice('user:'.length) : undefined
}

/** Return `base` made unique among `taken` by a numeric suffix (`base`, `base-2`, `base-3`, …). */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const set = new Set(taken)
  const clean = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'x'
  if (!set.has(clean)) return clean
  for (let n = 2; ; n++) if (!set.has(`${clean}-${n}`)) return `${clean}-${n}`
}

/** Return a new user scenario: a copy of `scenario` with a new id and title, running on `seed`'s inventory. */
export function saveAsUserScenario(
  scenario: Scenario,
  seed: string,
  title: { zh: string; en: string },
  taken: readonly UserScenario[],
  now: Date,
  seedBy: SeedOrigin = 'copy',
): UserScenario {
  const key = uniqueId(
    `my-${scenario.id}`,
    taken.map((u) => u.key),
  )
  const copy: Scenario = { ...scenario, id: key, title }
  const at = now.toISOString()
  return { key, seed, seedBy, scenario: copy, original: copy, createdAt: at, savedAt: at }
}

/** Return an imported scenario as a user scenario under a fresh key (its own id kept when free). */
export function importedUserScenario(scenario: Scenario, seed: string, seedBy: SeedOrigin, taken: readonly UserScenario[], now: Date): UserScenario {
  const key = uniqueId(
    scenario.id,
    taken.map((u) => u.key),
  )
  const at = now.toISOString()
  return { key, seed, seedBy, scenario, original: scenario, createdAt: at, savedAt: at }
}
