import { join } from 'node:path'
import {
  echo,
  evidenceCounts,
  formatIssue,
  inventoryEvidenceItems,
  runChecks,
  scenarioEvidence,
  validateChecks,
  type EvidenceCounts,
  type EvidenceItem,
  type Issue,
  type Result,
} from '../core'
import { isXlsxName } from '../xlsx/inventory'
import { argError, makeFolder, notOneOf, parseCli, writeOutput } from './args'
import { guardEntry } from './entry'
import { checksFileOf, readChecks, readScenarioBundle, readScenarioBundleAsync, type ScenarioBundle } from './files'
import { jsonSchemas } from './json-schema'
import { LIBRARY_HELP, LIBRARY_OPTIONS, readCliLibrary } from './library'
import { sessionOf } from './resolve-input'
import { renderRun } from './run-output'
import { regionScope } from './run-regions'

/** Exit codes (README "Command line"): 70 is an internal error (a bug), as in BSD's sysexits EX_SOFTWARE. */
export const EXIT = { ok: 0, checksFailed: 1, invalid: 2, internal: 70 } as const

const HELP = `lantian — emissions-reduction scenario simulator / 蓝天减排情景模拟

usage:
  lantian run <seed-dir|scenario.yaml>... [--format table|csv|json|xlsx] [--what measures|emissions|totals|targets|evidence] [--year Y]
                                                 [--region R]... results of region R only (repeat for a set)
                                                 xlsx: all sheets + provenance into --out FILE (one) or DIR (several)
  lantian check <seed-dir|scenario.yaml>...      targets and the seed's checks.yaml (or --checks FILE); exit 1 on failure
  lantian validate <seed-dir|scenario.yaml>...   every error, located; exit 2 if any; counts plan / source / assumed
  lantian schema [--out schema]                  write the JSON Schemas
  lantian mc <seed-dir|scenario.yaml> [--draws N] [--seed S] [--format table|json|csv]
                                                 Monte Carlo: P5–P95, P(target met), tornado; exit 1 if P(all) < --min-prob
  lantian optimize <seed-dir|scenario.yaml> [--format table|json]
                                                 least-cost adoption levels (HiGHS); exit 1 if infeasible
  lantian verdicts <seed-dir|scenario.yaml> [--format table|csv|json]
                                                 what each verdict rests on: every input's flip point, closest first
  lantian run|mc … --shard i/n --out PART.json   one shard of a batch or of the draws (docs/scale-out.md)
  lantian merge PART.json...                     the shards' partial files → the whole job's output, to the bit

options:
${LIBRARY_HELP}
  --inventory FILE  use this inventory instead of the scenario's (CSV, JSON or XLSX, as in the app)
  --out FILE        write output to FILE instead of stdout
  --checks FILE     check: the checks file (default checks.yaml, .yml or .json next to the scenario)
  --strict          treat warnings (what the run ignored or assumed) as errors: exit 2, no output

exit codes: 0 ok · 1 checks or targets failed (mc: probability too low; optimize: infeasible) · 2 invalid input or arguments\n            · 70 internal error (a bug: please report it) · a closed output pipe (| head) ends quietly`

type Write = (s: string) => void

const OPTIONS = {
  format: { type: 'string', default: 'table' },
  what: { type: 'string', default: 'measures' },
  year: { type: 'string' },
  ...LIBRARY_OPTIONS,
  inventory: { type: 'string' },
  out: { type: 'string' },
  strict: { type: 'boolean', default: false },
  checks: { type: 'string' },
  region: { type: 'string', multiple: true },
  shard: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** The bundles of run/check/validate read ahead by mainAsync (an XLSX inventory is read asynchronously). */
type Preread = ReadonlyMap<string, Result<ScenarioBundle>>

/**
 * Run the CLI with the given arguments; return the exit code. Synchronous: `mc`, `optimize`, `--format xlsx` and an
 * XLSX inventory are refused with a message to use mainAsync (which the lantian command uses).
 */
export function main(argv: string[], write: Write = (s) => process.stdout.write(s), writeErr: Write = (s) => process.stderr.write(s)): number {
  return mainWith(argv, write, writeErr)
}

function mainWith(argv: string[], write: Write, writeErr: Write, preread?: Preread): number {
  const parsed = parseCli(argv, OPTIONS, HELP)
  if (!parsed.ok) {
    writeErr(parsed.message)
    return EXIT.invalid
  }
  const { values, positionals } = parsed
  const [command, ...args] = positionals
  const fail = (issues: readonly Issue[]) => {
    for (const i of issues) writeErr(`${formatIssue(i)}\n`)
    return EXIT.invalid
  }
  if (values.help || !command || command === 'help') {
    write(`${HELP}\n`)
    return command || values.help ? EXIT.ok : EXIT.invalid
  }
  if (command === 'schema') {
    const dir = values.out ?? 'schema'
    const bad = makeFolder(dir)
    if (bad) return fail([bad])
    for (const [name, s] of Object.entries(jsonSchemas())) {
      const w = writeOutput(join(dir, name), `${JSON.stringify(s, null, 2)}\n`)
      if (w) return fail([w])
    }
    write(`wrote ${Object.keys(jsonSchemas()).length} JSON Schemas to ${dir}/\n`)
    return EXIT.ok
  }
  if (command === 'mc' || command === 'optimize' || command === 'verdicts' || values.format === 'xlsx') {
    const what = `${command}${values.format === 'xlsx' ? ' --format xlsx' : ''}`
    writeErr(argError(`${what} 须异步运行：请调用 mainAsync`, `${what} runs asynchronously: call mainAsync`))
    return EXIT.invalid
  }
  if (!['run', 'check', 'validate'].includes(command)) {
    writeErr(argError(`未知命令 ${echo(command)}`, `unknown command ${echo(command)}`, HELP))
    return EXIT.invalid
  }
  const badChoice =
    notOneOf('--format', values.format, ['table', 'csv', 'json', 'xlsx'], HELP) ??
    notOneOf('--what', values.what, ['measures', 'emissions', 'totals', 'targets', 'evidence'], HELP)
  if (badChoice) {
    writeErr(badChoice)
    return EXIT.invalid
  }
  if (values.region && command !== 'run') {
    writeErr(argError(`--region 只用于 run（${command} 按全部地区评判）`, `--region is for run only (${command} judges the whole area)`, HELP))
    return EXIT.invalid
  }
  if (values.shard !== undefined && command !== 'run') {
    writeErr(argError('--shard 仅用于 run 与 mc', '--shard works with run and mc', HELP))
    return EXIT.invalid
  }
  if (!preread && values.inventory !== undefined && isXlsxName(values.inventory)) {
    writeErr(
      argError(
        `${command} --inventory ${values.inventory}：XLSX 清单须异步读取，请调用 mainAsync`,
        `${command} --inventory ${values.inventory}: an XLSX inventory is read asynchronously; call mainAsync`,
      ),
    )
    return EXIT.invalid
  }
  if (args.length === 0) {
    writeErr(argError(`${command} 需要情景目录或情景文件`, `${command} needs a seed directory or scenario file`, HELP))
    return EXIT.invalid
  }
  const lib = readCliLibrary(values)
  if (!lib.ok) return fail(lib.issues)
  let code: number = EXIT.ok
  for (const arg of args) {
    // `seeds/*` also expands to seeds/CONVENTIONS.md: a Markdown file is never a scenario, so say so and go on.
    if (/\.md$/i.test(arg)) {
      writeErr(`note: ${arg} is a document, not a scenario; skipped / 文档而非情景文件，已跳过\n`)
      continue
    }
    const b = preread?.get(arg) ?? readScenarioBundle(arg, values.inventory)
    if (!b.ok) {
      fail(b.issues)
      code = EXIT.invalid
      continue
    }
    const { scenario, scenarioFile, inventoryFile, inventory } = b.value
    // The app's plan session, run synchronously: the same resolution, defaults and focus year as in the app.
    const session = sessionOf(lib.value, b.value)
    const out = session.run(scenario, scenarioFile)
    if (!out.ok) {
      fail(b.value.locate(out.issues))
      code = EXIT.invalid
      continue
    }
    // Warnings go to stderr in every format (and into the JSON, CSV and XLSX outputs); --strict refuses them.
    const warnings = [...b.value.warnings, ...b.value.locate(out.warnings)]
    for (const w of warnings) writeErr(`${formatIssue(w)}\n`)
    if (values.strict && warnings.length > 0) {
      writeErr(
        `error: --strict: ${scenarioFile} has ${warnings.length} warning${warnings.length === 1 ? '' : 's'} / 严格模式：${scenarioFile} 有 ${warnings.length} 条警告\n`,
      )
      code = EXIT.invalid
      continue
    }
    if (command === 'validate') {
      write(`ok: ${scenarioFile} (${inventory.n} records, ${scenario.measures.length} measures, ${scenario.targets.length} targets)\n`)
      write(`${evidenceLine(scenarioEvidence(scenario, out.value.out.resolved.library), inventoryEvidenceItems(inventory))}\n`)
      continue
    }
    const o = out.value.out
    if (command === 'run') {
      const years = values.year ? [Number(values.year)] : undefined
      if (years && !o.projection.years.includes(years[0] ?? NaN)) {
        const span = `${o.projection.years[0]}–${o.projection.years.at(-1)}`
        writeErr(argError(`--year ${echo(values.year)} 不在预测范围内（${span}）`, `--year ${echo(values.year)} is not projected (${span})`))
        return EXIT.invalid
      }
      const scope = regionScope(out.value, lib.value, values.region)
      if (scope && 'error' in scope) return (writeErr(scope.error), EXIT.invalid)
      if (scope && values.format !== 'table') for (const n of scope.notes) writeErr(`${n}\n`)
      // The session's export tables: the same rows, and CSV text, as the app's export of the same run.
      const tables = session.exportTables(years, scope?.view.regions)
      if (!tables.ok) return fail(tables.issues)
      const context = {
        scenario,
        inventoryFile,
        inventory,
        libraryVersion: o.resolved.library.version,
        overlays: o.resolved.library.spec.overlays ?? [],
        warnings,
        focusYear: out.value.focusYear,
        ...(scope ? { scope } : {}),
      }
      const { text } = renderRun(o, tables.value, context, values.format, values.what, years)
      if (values.out) {
        const w = writeOutput(values.out, text)
        if (w) return fail([w])
      } else write(text)
      continue
    }
    // check: a checks file that names a missing measure or target, or a year outside the projection, is invalid input.
    const checksFile = checksFileOf(scenarioFile, values.checks)
    if (!checksFile.ok) {
      fail(checksFile.issues)
      code = EXIT.invalid
      continue
    }
    const file = checksFile.value
    const checks = file === undefined ? undefined : readChecks(file)
    if (checks && !checks.ok) {
      fail(checks.issues)
      code = EXIT.invalid
      continue
    }
    const measureIds = o.resolved.measures.map((m) => m.id)
    const targetIds = o.targets.map((t) => t.id)
    const bad = checks ? validateChecks(checks.value.checks, o.projection.years, targetIds, measureIds, file) : []
    if (bad.length > 0) {
      fail(bad)
      code = EXIT.invalid
      continue
    }
    let failed = 0
    for (const t of o.targets) {
      write(`${t.met ? 'met ' : 'GAP '} target ${t.id}: ${t.pollutant} ${t.year} projected ${t.projected.toFixed(2)} t, required ${t.required.toFixed(2)} t\n`)
    }
    if (checks) {
      const results = runChecks(checks.value.checks, o.projection, o.targets, measureIds)
      for (const r of results) {
        if (!r.pass) failed++
        write(`${r.pass ? 'pass' : 'FAIL'} ${r.id}: ${r.message}\n`)
      }
      write(`${scenarioFile}: ${results.length - failed} passed, ${failed} failed\n`)
    } else {
      failed = o.targets.filter((t) => !t.met).length
      write(`${scenarioFile}: ${o.targets.length - failed} targets met, ${failed} missed\n`)
    }
    if (failed > 0 && code === EXIT.ok) code = EXIT.checksFailed
  }
  return code
}

/** Return the one-line count of where a scenario's numbers and its inventory's activity levels come from. */
function evidenceLine(numbers: readonly EvidenceItem[], activity: readonly EvidenceItem[]): string {
  const f = (c: EvidenceCounts) => `plan ${c.plan} · source ${c.source} · assumed ${c.assumed} · untagged ${c.missing}`
  return `  provenance / 出处: scenario numbers ${f(evidenceCounts(numbers))}; inventory activity ${f(evidenceCounts(activity))}`
}

/** Run the CLI, including the asynchronous commands (`mc`, `optimize`, `run --format xlsx`) and XLSX inventories; return the exit code. */
export async function mainAsync(
  argv: string[],
  write: Write = (s) => process.stdout.write(s),
  writeErr: Write = (s) => process.stderr.write(s),
): Promise<number> {
  // Loaded on demand: a run's start-up does not pay for HiGHS, exceljs or the Monte Carlo code.
  if (argv[0] === 'merge') return (await import('./merge')).mergeCommand(argv.slice(1), write, writeErr)
  if (argv[0] === 'run' && argv.some((a) => a === '--shard' || a.startsWith('--shard=')))
    return (await import('./run-shard')).runShard(argv, OPTIONS, mainAsync, write, writeErr)
  if (argv[0] === 'mc') return (await import('./mc')).mcCommand(argv.slice(1), write, writeErr)
  if (argv[0] === 'optimize') return (await import('./optimize')).optimizeCommand(argv.slice(1), write, writeErr)
  if (argv[0] === 'verdicts') return (await import('./verdicts')).verdictsCommand(argv.slice(1), write, writeErr)
  if (argv[0] === 'run' && wantsXlsx(argv)) return (await import('./run-xlsx')).runXlsxCommand(argv.slice(1), write, writeErr)
  // run/check/validate: read each scenario's inventory ahead (an XLSX one needs exceljs, which is asynchronous), then
  // run the synchronous command on what was read, so CSV and XLSX go through the same code.
  const parsed = parseCli(argv, OPTIONS, HELP)
  if (!parsed.ok) return main(argv, write, writeErr)
  const [command, ...args] = parsed.positionals
  if (parsed.values.help || !command || !['run', 'check', 'validate'].includes(command)) return main(argv, write, writeErr)
  const preread = new Map<string, Result<ScenarioBundle>>()
  for (const arg of args) if (!preread.has(arg) && !/\.md$/i.test(arg)) preread.set(arg, await readScenarioBundleAsync(arg, parsed.values.inventory))
  return mainWith(argv, write, writeErr, preread)
}

function wantsXlsx(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=xlsx' || (a === '--format' && argv[i + 1] === 'xlsx'))
}

const isEntry = process.argv[1] !== undefined && /main\.ts$|lantian(\.mjs)?$/.test(process.argv[1])
if (isEntry) await guardEntry(() => mainAsync(process.argv.slice(2)))
