import { checkRunInputs, fail, formatIssue, ok, type Issue, type Library, type ResolvedScenario, type Result, type Scenario } from '../core'
import { inventoryInfoOf, PlanSession, type SessionOptions } from '../session/plan-session'
import type { Prepared } from '../session/types'
import { readScenarioBundle, readScenarioBundleAsync, type ScenarioBundle } from './files'
import { readCliLibrary, type LibraryChoice } from './library'

/** A scenario read from disk and prepared by a plan session on its inventory (the app's worker runs the same session). */
export interface ResolvedInput {
  scenario: Scenario
  scenarioFile: string
  resolved: ResolvedScenario
  warnings: Issue[]
  session: PlanSession
  prepared: Prepared
}

/** Read the model library and a scenario (seed directory or file) and prepare it in a session (CSV/JSON inventories only). */
export function readResolved(arg: string, library: LibraryChoice = {}, inventory?: string, o: SessionOptions = {}): Result<ResolvedInput> {
  const lib = readCliLibrary(library)
  if (!lib.ok) return lib
  const b = readScenarioBundle(arg, inventory)
  if (!b.ok) return b
  return prepareBundle(lib.value, b.value, o)
}

/** Read and prepare as readResolved, and also read an XLSX inventory (issues located by sheet and column letter). */
export async function readResolvedAsync(arg: string, library: LibraryChoice = {}, inventory?: string, o: SessionOptions = {}): Promise<Result<ResolvedInput>> {
  const lib = readCliLibrary(library)
  if (!lib.ok) return lib
  const b = await readScenarioBundleAsync(arg, inventory)
  if (!b.ok) return b
  return prepareBundle(lib.value, b.value, o)
}

/** Start a plan session on a bundle's inventory (what every CLI command runs its scenario through). */
export function sessionOf(lib: Library, b: ScenarioBundle, o: SessionOptions = {}): PlanSession {
  const session = new PlanSession(lib, o)
  session.setInventory(b.inventory, inventoryInfoOf(b.inventory, b.inventoryFile))
  return session
}

function prepareBundle(lib: Library, b: ScenarioBundle, o: SessionOptions): Result<ResolvedInput> {
  const { scenario, scenarioFile } = b
  const session = sessionOf(lib, b, o)
  const p = session.prepare(scenario, scenarioFile)
  if (!p.ok) return fail(b.locate(p.issues))
  const resolved = p.value.resolved
  // The checks every run makes (targets, growth, schedules), so that mc and optimize refuse and warn as run does.
  const checked = checkRunInputs(resolved, scenario, scenarioFile)
  if (checked.issues.length > 0) return fail(checked.issues)
  return ok({ scenario, scenarioFile, resolved, session, prepared: p.value, warnings: [...b.warnings, ...b.locate(resolved.warnings), ...checked.warnings] })
}

/** Write issues as located bilingual lines. */
export function writeIssues(issues: readonly Issue[], writeErr: (s: string) => void): void {
  for (const i of issues) writeErr(`${formatIssue(i)}\n`)
}

/** Format a number with thousands separators and d decimals ("—" when not finite). */
export const fmt = (v: number, d = 1): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—')
