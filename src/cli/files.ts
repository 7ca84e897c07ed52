import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  fail,
  issue,
  loadLibrary,
  type Issue,
  MAX_INVENTORY_BYTES,
  ok,
  parseChecks,
  parseInventory,
  parseScenario,
  type InventoryTable,
  type Library,
  type Result,
  type Scenario,
  type TextFile,
} from '../core'

/** The model library shipped with Lantian. */
export const DEFAULT_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models')

/** Read every YAML/JSON file under a directory. */
export function readTextFiles(dir: string): TextFile[] {
  const out: TextFile[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.(ya?ml|json)$/i.test(name)) out.push({ path: relative(process.cwd(), p) || p, text: readFileSync(p, 'utf8') })
    }
  }
  walk(dir)
  return out
}

/** Load the model library from a directory. */
export function readLibrary(dir = DEFAULT_MODELS_DIR): Result<Library> {
  if (!existsSync(dir)) return fail([issue('file.missing', `找不到模型库目录 ${dir}`, `model directory ${dir} not found`, { file: dir })])
  return loadLibrary(readTextFiles(dir))
}

/** A scenario with its inventory and (optional) checks, read from disk. */
export interface ScenarioBundle {
  scenarioFile: string
  scenario: Scenario
  inventoryFile: string
  inventory: InventoryTable
  checksFile?: string
  warnings: Issue[]
}

/** Return the scenario path for a seed directory or a scenario file. */
export function scenarioPath(arg: string): string {
  return existsSync(arg) && statSync(arg).isDirectory() ? join(arg, 'scenario.yaml') : arg
}

function readText(file: string): Result<string> {
  if (!existsSync(file)) return fail([issue('file.missing', `找不到文件 ${file}`, `file ${file} not found`, { file })])
  const size = statSync(file).size
  if (size > MAX_INVENTORY_BYTES)
    return fail([
      issue('file.too-large', `文件超过 ${MAX_INVENTORY_BYTES / 1048576} MB 上限`, `file is larger than the ${MAX_INVENTORY_BYTES / 1048576} MB limit`, {
        file,
      }),
    ])
  return ok(readFileSync(file, 'utf8'))
}

/** Read a scenario (file or seed directory), its inventory and its checks file if present. */
export function readScenarioBundle(arg: string, inventoryOverride?: string): Result<ScenarioBundle> {
  const scenarioFile = scenarioPath(arg)
  const text = readText(scenarioFile)
  if (!text.ok) return text
  const s = parseScenario(text.value, scenarioFile)
  if (!s.ok) return s
  const inventoryFile = inventoryOverride ?? join(dirname(scenarioFile), s.value.inventory)
  if (!existsSync(inventoryFile))
    return fail([
      issue('file.missing', `找不到清单文件 ${inventoryFile}`, `inventory file ${inventoryFile} not found`, { file: scenarioFile, path: ['inventory'] }),
    ])
  if (statSync(inventoryFile).size > MAX_INVENTORY_BYTES)
    return fail([
      issue(
        'file.too-large',
        `清单文件超过 ${MAX_INVENTORY_BYTES / 1048576} MB 上限`,
        `inventory file is larger than the ${MAX_INVENTORY_BYTES / 1048576} MB limit`,
        { file: inventoryFile },
      ),
    ])
  const inv = parseInventory(new Uint8Array(readFileSync(inventoryFile)), inventoryFile)
  if (!inv.ok) return inv
  const checksFile = join(dirname(scenarioFile), 'checks.yaml')
  return ok({
    scenarioFile,
    scenario: s.value,
    inventoryFile,
    inventory: inv.value,
    ...(existsSync(checksFile) ? { checksFile } : {}),
    warnings: inv.warnings,
  })
}

/** Read and parse a checks file. */
export function readChecks(file: string) {
  const t = readText(file)
  if (!t.ok) return t
  return parseChecks(t.value, file)
}
