import { fail, formatIssue, ok, resolveScenario, type Issue, type Library, type ResolvedScenario, type Result, type Scenario } from '../core'
import { readScenarioBundle, readScenarioBundleAsync, type ScenarioBundle } from './files'
import { readCliLibrary, type LibraryChoice } from './library'

/** A scenario read from disk and resolved against the model library. */
export interface ResolvedInput {
  scenario: Scenario
  scenarioFile: string
  resolved: ResolvedScenario
  warnings: Issue[]
}

/** Read the model library and a scenario (seed directory or file) and resolve them (CSV/JSON inventories only). */
export function readResolved(arg: string, library: LibraryChoice = {}, inventory?: string): Result<ResolvedInput> {
  const lib = readCliLibrary(library)
  if (!lib.ok) return lib
  const b = readScenarioBundle(arg, inventory)
  if (!b.ok) return b
  return resolveBundle(lib.value, b.value)
}

/** Read and resolve as readResolved, and also read an XLSX inventory (issues located by sheet and column letter). */
export async function readResolvedAsync(arg: string, library: LibraryChoice = {}, inventory?: string): Promise<Result<ResolvedInput>> {
  const lib = readCliLibrary(library)
  if (!lib.ok) return lib
  const b = await readScenarioBundleAsync(arg, inventory)
  if (!b.ok) return b
  return resolveBundle(lib.value, b.value)
}

function resolveBundle(lib: Library, b: ScenarioBundle): Result<ResolvedInput> {
  const { scenario, scenarioFile, inventoryFile } = b
  const r = resolveScenario(lib, scenario, b.inventory, { scenario: scenarioFile, inventory: inventoryFile })
  if (!r.ok) return fail(b.locate(r.issues))
  return ok({ scenario, scenarioFile, resolved: r.value, warnings: [...b.warnings, ...b.locate(r.value.warnings)] })
}

/** Write issues as located bilingual lines. */
export function writeIssues(issues: readonly Issue[], writeErr: (s: string) => void): void {
  for (const i of issues) writeErr(`${formatIssue(i)}\n`)
}

/** Format a number with thousands separators and d decimals ("—" when not finite). */
export const fmt = (v: number, d = 1): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—')
