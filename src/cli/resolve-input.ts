import { formatIssue, ok, resolveScenario, type Issue, type ResolvedScenario, type Result, type Scenario } from '../core'
import { readLibrary, readScenarioBundle } from './files'

/** A scenario read from disk and resolved against the model library. */
export interface ResolvedInput {
  scenario: Scenario
  scenarioFile: string
  resolved: ResolvedScenario
  warnings: Issue[]
}

/** Read the model library and a scenario (seed directory or file) and resolve them. */
export function readResolved(arg: string, models?: string, inventory?: string): Result<ResolvedInput> {
  const lib = readLibrary(models)
  if (!lib.ok) return lib
  const b = readScenarioBundle(arg, inventory)
  if (!b.ok) return b
  const { scenario, scenarioFile, inventoryFile } = b.value
  const r = resolveScenario(lib.value, scenario, b.value.inventory, { scenario: scenarioFile, inventory: inventoryFile })
  if (!r.ok) return r
  return ok({ scenario, scenarioFile, resolved: r.value, warnings: [...b.value.warnings, ...r.value.warnings] })
}

/** Write issues as located bilingual lines. */
export function writeIssues(issues: readonly Issue[], writeErr: (s: string) => void): void {
  for (const i of issues) writeErr(`${formatIssue(i)}\n`)
}

/** Format a number with thousands separators and d decimals ("—" when not finite). */
export const fmt = (v: number, d = 1): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—')
