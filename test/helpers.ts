import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadLibrary, parseInventory, parseScenario, runScenario, type Library, type RunOutput, type Scenario, type InventoryTable } from '../src/core'
import { readTextFiles } from '../src/cli/files'
import { mainAsync } from '../src/cli/main'

export const FIXTURE = join(import.meta.dirname, 'fixtures/basic')

/** Load the fixture model library (throws on failure: a broken fixture is a bug in the test). */
export function fixtureLibrary(): Library {
  const r = loadLibrary(readTextFiles(join(FIXTURE, 'models')))
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2))
  return r.value
}

/** Parse the fixture scenario, optionally edited. */
export function fixtureScenario(edit?: (s: Scenario) => void): Scenario {
  const r = parseScenario(readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8'), 'scenario.yaml')
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2))
  edit?.(r.value)
  return r.value
}

/** Parse an inventory CSV given as text. */
export function inventoryFromCsv(text: string, file = 'inventory.csv'): InventoryTable {
  const r = parseInventory(new TextEncoder().encode(text), file)
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2))
  return r.value
}

export const fixtureInventory = (): InventoryTable => inventoryFromCsv(readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8'))

/** Run a scenario and fail the test on issues. */
export function runOk(lib: Library, s: Scenario, inv: InventoryTable): RunOutput {
  const r = runScenario(lib, s, inv)
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2))
  return r.value
}

/** Run the CLI in-process through its asynchronous entry point; return the exit code and what it wrote. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await mainAsync(
    args,
    (x) => (out += x),
    (x) => (err += x),
  )
  return { code, out, err }
}
