import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadLibrary, parseScenario, resolveScenario, type Library, type ResolvedScenario, type Scenario } from '../../src/core'
import { readTextFiles } from '../../src/cli/files'
import { inventoryFromCsv } from '../helpers'

/** The optimiser fixture: the basic fixture's technologies with EF ranges and templates with unit costs. */
export const OPT_FIXTURE = join(import.meta.dirname, '../fixtures/optimize')

/** Load the optimiser fixture library (throws on failure: a broken fixture is a bug in the test). */
export function optLibrary(): Library {
  const r = loadLibrary(readTextFiles(join(OPT_FIXTURE, 'models')))
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2))
  return r.value
}

/** Parse the optimiser fixture scenario, optionally edited, and resolve it. */
export function optScenario(edit?: (s: Scenario) => void): { scenario: Scenario; resolved: ResolvedScenario } {
  const s = parseScenario(readFileSync(join(OPT_FIXTURE, 'scenario.yaml'), 'utf8'), 'scenario.yaml')
  if (!s.ok) throw new Error(JSON.stringify(s.issues, null, 2))
  edit?.(s.value)
  const inv = inventoryFromCsv(readFileSync(join(OPT_FIXTURE, 'inventory.csv'), 'utf8'))
  const r = resolveScenario(optLibrary(), s.value, inv)
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2))
  return { scenario: s.value, resolved: r.value }
}

/** Set a measure's final level in a scenario. */
export function setLevel(s: Scenario, id: string, level: number): void {
  const m = s.measures.find((x) => x.id === id)
  if (!m) throw new Error(`no measure ${id}`)
  m.schedule.level = level
}
