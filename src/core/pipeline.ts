import { evaluateTargets, type TargetResult } from './evaluate/targets'
import { fail, issue, ok, type Issue, type Result } from './issues'
import { decodeText } from './parse/decode'
import { MAX_INVENTORY_BYTES, parseInventoryCsv } from './parse/inventory-csv'
import { parseInventoryJson } from './parse/inventory-json'
import type { InventoryTable } from './parse/inventory-table'
import { MAX_TEXT_FILE_BYTES, parseWithSchema } from './parse/yaml'
import type { Library } from './resolve/library'
import { checkRunInputs, nonFiniteIssue } from './resolve/run-checks'
import { resolveScenario, type ResolvedScenario } from './resolve/scenario'
import { ChecksFileSchema, ScenarioSchema, type Scenario } from './schema'
import type { Projection } from './simulate/projection'
import { simulate } from './simulate/run'

/** Parse a scenario file (YAML or JSON text). */
export function parseScenario(text: string, file = 'scenario.yaml'): Result<Scenario> {
  return parseWithSchema(text, file, ScenarioSchema)
}

/** Parse a checks file. */
export function parseChecks(text: string, file = 'checks.yaml') {
  return parseWithSchema(text, file, ChecksFileSchema)
}

/** Parse an inventory from file bytes; the format follows the file name (.csv, .json, .yaml). */
export function parseInventory(bytes: Uint8Array, file: string): Result<InventoryTable> {
  if (bytes.length === 0) return fail([issue('file.empty', '文件为空', 'file is empty', { file })])
  const json = /\.(json|ya?ml)$/i.test(file)
  // Sizes are checked before any decoding, so an oversized file costs nothing.
  const limit = json ? MAX_TEXT_FILE_BYTES : MAX_INVENTORY_BYTES
  if (bytes.length > limit)
    return fail([
      issue(
        'file.too-large',
        `${json ? 'JSON/YAML ' : ''}清单文件 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${limit / 1048576} MB 上限`,
        `${json ? 'JSON/YAML ' : ''}inventory file is ${(bytes.length / 1048576).toFixed(1)} MB, larger than the ${limit / 1048576} MB limit`,
        { file },
      ),
    ])
  const d = decodeText(bytes, file)
  if (!d.ok) return fail([d.issue])
  if (json) return parseInventoryJson(d.text, file)
  if (/\.(csv|txt)$/i.test(file)) return parseInventoryCsv(d.text, file)
  return fail([
    issue('inventory.extension', '不支持的清单文件类型（支持 .csv、.json、.yaml）', 'unsupported inventory file type (.csv, .json, .yaml are accepted)', {
      file,
    }),
  ])
}

/** Everything one run produces. */
export interface RunOutput {
  resolved: ResolvedScenario
  projection: Projection
  targets: TargetResult[]
  warnings: Issue[]
}

/** Resolve, simulate and evaluate a scenario in one go (CLI and tests; the worker caches the resolution). */
export function runScenario(
  library: Library,
  scenario: Scenario,
  inventory: InventoryTable,
  files: { scenario?: string; inventory?: string } = {},
): Result<RunOutput> {
  const resolved = resolveScenario(library, scenario, inventory, files)
  if (!resolved.ok) return resolved
  return runResolved(resolved.value, scenario, files.scenario, files.inventory)
}

/**
 * Simulate and evaluate an already resolved scenario with (possibly changed) parameters and schedules. The parts a
 * resolution does not cover (targets, growth, schedules) are checked on every run; the warnings are the resolution's
 * and the run's, located.
 */
export function runResolved(resolved: ResolvedScenario, scenario: Scenario, file?: string, inventoryFile?: string): Result<RunOutput> {
  const checked = checkRunInputs(resolved, scenario, file)
  if (checked.issues.length > 0) return fail(checked.issues)
  const projection = simulate(resolved, scenario, file)
  if (!projection.ok) return projection
  const overflow = nonFiniteIssue(projection.value, scenario, file, inventoryFile)
  if (overflow) return fail([overflow])
  const t = evaluateTargets(projection.value, scenario, file)
  if (t.issues.length > 0) return fail(t.issues)
  const warnings = [...resolved.warnings, ...checked.warnings]
  return ok({ resolved, projection: projection.value, targets: t.results, warnings }, warnings)
}
