import { readFileSync, realpathSync, statSync, type Stats } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import {
  decodeText,
  echo,
  fail,
  formatIssue,
  issue,
  loadLibrary,
  type Issue,
  MAX_INVENTORY_BYTES,
  MAX_TEXT_FILE_BYTES,
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
import { isXlsxName, locateInXlsx, MAX_XLSX_BYTES, readInventoryXlsx, xlsxTooLarge } from '../xlsx/inventory'
import { isInside, listModelFiles } from './walk'

/** Read every YAML/JSON file under a directory (bounded, link-safe walk; a refused folder is a bug in a test). */
export function readTextFiles(dir: string): TextFile[] {
  const list = listModelFiles(dir)
  if (!list.ok) throw new Error(list.issues.map(formatIssue).join('\n'))
  return list.value.map((p) => ({ path: relative(process.cwd(), p) || p, text: readFileSync(p, 'utf8') }))
}

/** Name a file for messages: relative to the working directory when inside it, else as the path goes. */
function nameOf(p: string): string {
  const rel = relative(process.cwd(), p)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? p : rel
}

/**
 * Read the YAML/JSON library files of a directory (a bounded, link-safe walk: see walk.ts), or one such file, named
 * relative to the working directory; oversized or unreadable files are refused before reading.
 */
export function readLibraryFiles(dirOrFile: string): Result<TextFile[]> {
  const st = statOf(dirOrFile)
  if (!st) return fail([issue('file.missing', `找不到模型库目录或文件 ${dirOrFile}`, `model directory or file ${dirOrFile} not found`, { file: dirOrFile })])
  let paths = [dirOrFile]
  if (st.isDirectory()) {
    const list = listModelFiles(dirOrFile)
    if (!list.ok) return list
    paths = list.value
  }
  const issues: Issue[] = []
  const files: TextFile[] = []
  for (const p of paths) {
    const path = nameOf(p)
    const t = readText(p, MAX_TEXT_FILE_BYTES, path)
    if (t.ok) files.push({ path, text: t.value })
    else issues.push(...t.issues)
  }
  return issues.length > 0 ? fail(issues) : ok(files)
}

/** Load a complete model library from a directory (see readCliLibrary for the bundled one and overlays). */
export function readLibrary(dir: string): Result<Library> {
  if (!statOf(dir)?.isDirectory()) return fail([issue('file.missing', `找不到模型库目录 ${dir}`, `model directory ${dir} not found`, { file: dir })])
  const files = readLibraryFiles(dir)
  return files.ok ? loadLibrary(files.value) : files
}

/** A scenario with its inventory and (optional) checks, read from disk. */
export interface ScenarioBundle {
  scenarioFile: string
  scenario: Scenario
  inventoryFile: string
  inventory: InventoryTable
  checksFile?: string
  warnings: Issue[]
  /** Point issues found later (resolve, run) at the inventory's sheet and column letter (XLSX); identity for CSV. */
  locate: (issues: readonly Issue[]) => Issue[]
}

/** The names a scenario may have in a seed directory, and its checks file next to it (docs/formats.md). */
export const SCENARIO_NAMES = ['scenario.yaml', 'scenario.yml', 'scenario.json'] as const
export const CHECKS_NAMES = ['checks.yaml', 'checks.yml', 'checks.json'] as const

/** Return the one file of `names` present in `dir` (undefined if none); two or more is an error naming them. */
function oneOf(dir: string, names: readonly string[], what: { zh: string; en: string }): Result<string | undefined> {
  const found = names.map((n) => join(dir, n)).filter((p) => statOf(p)?.isFile())
  if (found.length > 1)
    return fail([
      issue(
        'file.ambiguous',
        `${dir} 中有多个${what.zh}：${found.join('、')}，请只保留一个`,
        `${dir} holds more than one ${what.en}: ${found.join(', ')}; keep one`,
        {
          file: found[1],
        },
      ),
    ])
  return ok(found[0])
}

/** Return the scenario file of a seed directory (scenario.yaml, .yml or .json) or the file given. */
export function scenarioFileOf(arg: string): Result<string> {
  if (!statOf(arg)?.isDirectory()) return ok(arg)
  const f = oneOf(arg, SCENARIO_NAMES, { zh: '情景文件', en: 'scenario file' })
  if (!f.ok) return f
  if (f.value === undefined)
    return fail([issue('file.missing', `目录 ${arg} 中没有 ${SCENARIO_NAMES.join('、')}`, `folder ${arg} has no ${SCENARIO_NAMES.join(', ')}`, { file: arg })])
  return ok(f.value)
}

/** Return the checks file of a scenario: `override` (it must exist), else checks.yaml, .yml or .json next to it, if any. */
export function checksFileOf(scenarioFile: string, override?: string): Result<string | undefined> {
  if (override !== undefined)
    return statOf(override)?.isFile()
      ? ok(override)
      : fail([issue('file.missing', `找不到检查文件 ${override}`, `checks file ${override} not found`, { file: override })])
  return oneOf(dirname(scenarioFile), CHECKS_NAMES, { zh: '检查文件', en: 'checks file' })
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}

/** The issue for a file the system would not read: its error code (EACCES, EISDIR…), not the engine's sentence. */
function readError(file: string, e: unknown): Issue {
  const code = (e as { code?: unknown } | null)?.code
  const why = typeof code === 'string' ? code : 'I/O error'
  return issue('file.unreadable', `无法读取 ${file}（${why}）`, `cannot read ${file} (${why})`, { file })
}

const tooLarge = (file: string, size: number, limit: number, what: { zh: string; en: string }) =>
  issue(
    'file.too-large',
    `${what.zh} ${(size / 1048576).toFixed(1)} MB，超过 ${limit / 1048576} MB 上限`,
    `${what.en} is ${(size / 1048576).toFixed(1)} MB, larger than the ${limit / 1048576} MB limit`,
    { file },
  )

/** Read a file's bytes after checking that it exists, is a file and is within `limit` (checked before reading). */
function readBytes(file: string, limit: number, what = { zh: '文件', en: 'file' }, where: Omit<Issue, 'code' | 'zh' | 'en'> = { file }): Result<Uint8Array> {
  const st = statOf(file)
  if (!st) return fail([issue('file.missing', `找不到文件 ${file}`, `file ${file} not found`, where)])
  if (!st.isFile()) return fail([issue('file.not-a-file', `${file} 不是普通文件（是目录？）`, `${file} is not a regular file (a directory?)`, where)])
  if (st.size > limit) return fail([tooLarge(file, st.size, limit, what)])
  try {
    return ok(new Uint8Array(readFileSync(file)))
  } catch (e) {
    return fail([readError(file, e)])
  }
}

/** Read a YAML/JSON text file: size checked first, then decoded (UTF-8, UTF-16 with BOM or GB18030). */
function readText(file: string, limit = MAX_TEXT_FILE_BYTES, name = file): Result<string> {
  const b = readBytes(file, limit)
  if (!b.ok) return b
  if (b.value.length === 0) return fail([issue('file.empty', '文件为空', 'file is empty', { file: name })])
  const d = decodeText(b.value, name)
  return d.ok ? ok(d.text) : fail([d.issue])
}

/**
 * Refuse an inventory path that leaves the scenario's folder: absolute, climbing out with `..`, or a symbolic link
 * (or a link on the way) whose real target is outside. Returns the refusal, or undefined when the path stays inside.
 */
function outsideFolder(scenarioFile: string, inventory: string): Issue | undefined {
  const refuse = (why: { zh: string; en: string }) =>
    issue(
      'scenario.inventory-outside',
      `清单路径 ${echo(inventory)} ${why.zh}；情景只能读取其所在文件夹内的文件（或用 --inventory 指定）`,
      `the inventory path ${echo(inventory)} ${why.en}; a scenario reads only files in its own folder (or name one with --inventory)`,
    )
  if (isAbsolute(inventory) || /^[A-Za-z]:[\\/]/.test(inventory) || inventory.startsWith('\\')) return refuse({ zh: '是绝对路径', en: 'is absolute' })
  const folder = resolve(dirname(scenarioFile))
  const target = resolve(folder, inventory)
  if (!isInside(folder, target)) return refuse({ zh: '指向文件夹之外（..）', en: 'leads outside the folder (..)' })
  let real: string
  try {
    real = realpathSync(target)
  } catch {
    return undefined // missing: reported as such by the caller
  }
  if (!isInside(realpathSync(folder), real)) return refuse({ zh: '经符号链接指向文件夹之外', en: 'leads outside the folder through a symbolic link' })
  return undefined
}

/** The scenario half of a bundle: the parsed scenario and where its inventory is. */
interface ScenarioPart {
  scenarioFile: string
  scenario: Scenario
  inventoryFile: string
  /** Where a missing or unreadable inventory is reported: the scenario's `inventory` field, or the --inventory file. */
  where: Omit<Issue, 'code' | 'zh' | 'en'>
}

function readScenarioPart(arg: string, inventoryOverride?: string): Result<ScenarioPart> {
  const found = scenarioFileOf(arg)
  if (!found.ok) return found
  const scenarioFile = found.value
  const text = readText(scenarioFile)
  if (!text.ok) return text
  const s = parseScenario(text.value, scenarioFile)
  if (!s.ok) return s
  const where = inventoryOverride === undefined ? { file: scenarioFile, path: ['inventory'] } : { file: inventoryOverride }
  // The scenario's own inventory must be inside its folder (a file from a stranger reads nothing else); --inventory is
  // the user's own choice and may be anywhere.
  if (inventoryOverride === undefined) {
    const outside = outsideFolder(scenarioFile, s.value.inventory)
    if (outside) return fail([{ ...outside, ...where }])
  }
  const inventoryFile = inventoryOverride ?? join(dirname(scenarioFile), s.value.inventory)
  if (!statOf(inventoryFile)) return fail([issue('file.missing', `找不到清单文件 ${inventoryFile}`, `inventory file ${inventoryFile} not found`, where)])
  return ok({ scenarioFile, scenario: s.value, inventoryFile, where })
}

function bundleOf(part: ScenarioPart, inventory: InventoryTable, warnings: Issue[], locate: ScenarioBundle['locate']): ScenarioBundle {
  // An ambiguous checks file is reported by `check`, which asks for it (checksFileOf); a run does not need it.
  const checks = checksFileOf(part.scenarioFile)
  const checksFile = checks.ok ? checks.value : undefined
  return {
    scenarioFile: part.scenarioFile,
    scenario: part.scenario,
    inventoryFile: part.inventoryFile,
    inventory,
    ...(checksFile ? { checksFile } : {}),
    warnings,
    locate,
  }
}

const unlocated = (issues: readonly Issue[]): Issue[] => [...issues]

/**
 * Read a scenario (file or seed directory), its inventory and its checks file if present. An XLSX inventory is read
 * asynchronously (exceljs): here it is refused with a message that says to use readScenarioBundleAsync / mainAsync.
 */
export function readScenarioBundle(arg: string, inventoryOverride?: string): Result<ScenarioBundle> {
  const part = readScenarioPart(arg, inventoryOverride)
  if (!part.ok) return part
  const { inventoryFile, where } = part.value
  if (isXlsxName(inventoryFile)) return fail([needsAsync(inventoryFile, where)])
  return textBundle(part.value)
}

// CSV, JSON or YAML inventory: read and parsed synchronously by the core.
function textBundle(part: ScenarioPart): Result<ScenarioBundle> {
  const { inventoryFile, where } = part
  const bytes = readBytes(inventoryFile, MAX_INVENTORY_BYTES, { zh: '清单文件', en: 'inventory file' }, where)
  if (!bytes.ok) return bytes
  const inv = parseInventory(bytes.value, inventoryFile)
  if (!inv.ok) return inv
  return ok(bundleOf(part, inv.value, inv.warnings, unlocated))
}

/** The refusal of an XLSX inventory on the synchronous path. */
export function needsAsync(file: string, where: Omit<Issue, 'code' | 'zh' | 'en'> = { file }): Issue {
  return issue(
    'cli.xlsx-needs-async',
    `XLSX 清单 ${file} 须异步读取：请使用 mainAsync / readScenarioBundleAsync（lantian 命令本身已如此）`,
    `the XLSX inventory ${file} is read asynchronously: call mainAsync / readScenarioBundleAsync (the lantian command does)`,
    where,
  )
}

/**
 * Read a scenario, its inventory and its checks file, as readScenarioBundle, and also an XLSX inventory: read by the
 * app's reader (src/xlsx/inventory.ts), size checked before the file is read, issues located as the app locates them
 * (file, sheet, row, column letter), including issues found later by resolve (through the bundle's `locate`).
 */
export async function readScenarioBundleAsync(arg: string, inventoryOverride?: string): Promise<Result<ScenarioBundle>> {
  const part = readScenarioPart(arg, inventoryOverride)
  if (!part.ok) return part
  const { inventoryFile, where } = part.value
  if (!isXlsxName(inventoryFile)) return textBundle(part.value)
  const st = statOf(inventoryFile)
  if (st?.isFile()) {
    const big = xlsxTooLarge(st.size, inventoryFile)
    if (big) return fail([big])
  }
  const bytes = readBytes(inventoryFile, MAX_XLSX_BYTES, { zh: 'XLSX 清单文件', en: 'XLSX inventory' }, where)
  if (!bytes.ok) return bytes
  const inv = await readInventoryXlsx(bytes.value, inventoryFile)
  if (!inv.ok) return inv
  const located = inv.value
  return ok(bundleOf(part.value, inv.value, inv.warnings, (issues) => locateInXlsx(issues, inventoryFile, located)))
}

/** Read and parse a checks file. */
export function readChecks(file: string) {
  const t = readText(file)
  if (!t.ok) return t
  return parseChecks(t.value, file)
}
