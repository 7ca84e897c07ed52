import { join } from 'node:path'
import { bySector, runScenario, type Library, type Scenario } from '../../src/core'
import { readLibrary, readScenarioBundle } from '../../src/cli/files'

export const ROOT = join(import.meta.dirname, '../..')
export const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou'] as const

/**
 * Seeds not yet read under seeds/CONVENTIONS.md and not yet fully tagged, with who is on it. The tests require
 * every other seed to conform, and fail for a pending seed that already conforms (so the list only shrinks).
 */
export const PENDING: Record<string, string> = {}

/** The convention block of set 1 (seeds/CONVENTIONS.md, "The block each scenario carries"). */
export const CONVENTIONS_SET_1 = {
  set: 1,
  reference_method: 'growth-backcast',
  jiben_level: 0.9,
  gonggu: 'achieved',
  pre_retrofit: 'standard-in-force',
  undated_complete: 'plan-horizon',
  default_level: 0.5,
} as const

let cachedLib: Library | undefined
/** Load the model library once. */
export function library(): Library {
  if (cachedLib) return cachedLib
  const lib = readLibrary(join(ROOT, 'models'))
  if (!lib.ok) throw new Error(JSON.stringify(lib.issues))
  cachedLib = lib.value
  return cachedLib
}

/** Read a seed's scenario and inventory. */
export function seed(id: string) {
  const b = readScenarioBundle(join(ROOT, 'seeds', id))
  if (!b.ok) throw new Error(JSON.stringify(b.issues))
  return b.value
}

/** Return the growth rate (fraction per year) of a sector: its own entry or its longest prefix's, else 0. */
function rateOf(s: Scenario, sector: string): number {
  let best: { len: number; rate: number } = { len: -1, rate: 0 }
  for (const g of s.growth) {
    if (!(sector === g.sector || sector.startsWith(`${g.sector}.`))) continue
    if (!('rate_pct' in g)) throw new Error(`growth ${g.sector} is an index: the R1 back-cast needs a rate`)
    if (g.sector.length > best.len) best = { len: g.sector.length, rate: g.rate_pct / 100 }
  }
  return best.rate
}

/** Compute the R1 growth back-cast of a pollutant to a year before the inventory year (CONVENTIONS.md R1). */
export function backcast(id: string, pollutant: 'NOx' | 'VOCs', year: number): number {
  const b = seed(id)
  const out = runScenario(library(), b.scenario, b.inventory)
  if (!out.ok) throw new Error(JSON.stringify(out.issues))
  const y0 = b.scenario.years.start
  let sum = 0
  for (const [sector, e] of bySector(out.value.projection, 'scenario', pollutant, y0)) sum += e / (1 + rateOf(b.scenario, sector)) ** (y0 - year)
  return sum
}
