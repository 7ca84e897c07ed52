import { join } from 'node:path'
import {
  echo,
  evidenceCounts,
  formatIssue,
  inventoryEvidenceItems,
  runChecks,
  scenarioEvidence,
  type Cell,
  type EvidenceCounts,
  type EvidenceItem,
  type Issue,
  type Result,
} from '../core'
import { isXlsxName } from '../xlsx/inventory'
import { argError, makeFolder, notOneOf, parseCli, writeOutput } from './args'
import { guardEntry } from './entry'
import { readChecks, readScenarioBundle, readScenarioBundleAsync, type ScenarioBundle } from './files'
import { renderTable } from './format'
import { jsonSchemas } from './json-schema'
import { LIBRARY_HELP, LIBRARY_OPTIONS, readCliLibrary } from './library'
import { sessionOf } from './resolve-input'

/** Exit codes (README "Command line"): 70 is an internal error (a bug), as in BSD's sysexits EX_SOFTWARE. */
export const EXIT = { ok: 0, checksFailed: 1, invalid: 2, internal: 70 } as const

const HELP = `lantian — emissions-reduction scenario simulator / 蓝天减排情景模拟

usage:
  lantian run <seed-dir|scenario.yaml>... [--format table|csv|json|xlsx] [--what measures|emissions|targets|evidence] [--year Y]
                                                 xlsx: all sheets + provenance into --out FILE (one) or DIR (several)
  lantian check <seed-dir|scenario.yaml>...      targets and the seed's checks.yaml; exit 1 on failure
  lantian validate <seed-dir|scenario.yaml>...   every error, located; exit 2 if any; counts plan / source / assumed
  lantian schema [--out schema]                  write the JSON Schemas
  lantian mc <seed-dir|scenario.yaml> [--draws N] [--seed S] [--format table|json|csv]
                                                 Monte Carlo: P5–P95, P(target met), tornado; exit 1 if P(all) < --min-prob
  lantian optimize <seed-dir|scenario.yaml> [--format table|json]
                                                 least-cost adoption levels (HiGHS); exit 1 if infeasible
  lantian run|mc … --shard i/n --out PART.json   one shard of a batch or of the draws (docs/scale-out.md)
  lantian merge PART.json...                     the shards' partial files → the whole job's output, to the bit

options:
${LIBRARY_HELP}
  --inventory FILE  use this inventory instead of the scenario's (CSV, JSON or XLSX, as in the app)
  --out FILE        write output to FILE instead of stdout

exit codes: 0 ok · 1 checks or targets failed (mc: probability too low; optimize: infeasible) · 2 invalid input or arguments\n            · 70 internal error (a bug: please report it) · a closed output pipe (| head) ends quietly`

type Write = (s: string) => void

const OPTIONS = {
  format: { type: 'string', default: 'table' },
  what: { type: 'string', default: 'measures' },
  year: { type: 'string' },
  ...LIBRARY_OPTIONS,
  inventory: { type: 'string' },
  out: { type: 'string' },
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
  if (command === 'mc' || command === 'optimize' || values.format === 'xlsx') {
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
    notOneOf('--what', values.what, ['measures', 'emissions', 'targets', 'evidence'], HELP)
  if (badChoice) {
    writeErr(badChoice)
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
    for (const i of [...b.value.warnings, ...b.value.locate(out.warnings)].filter(() => command !== 'run' || values.format === 'table'))
      writeErr(`${formatIssue(i)}\n`)
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
      let text: string
      const tables = session.exportTables(years)
      if (!tables.ok) return fail(tables.issues)
      const objects = (t: { header: string[]; rows: Cell[][] }) => t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]])))
      if (values.format === 'json') {
        text = `${JSON.stringify(
          {
            provenance: {
              scenario: scenario.id,
              title: scenario.title,
              inventory: inventoryFile,
              inventoryName: inventory.name,
              illustrative: inventory.illustrative,
              library: o.resolved.library.version,
              overlays: o.resolved.library.spec.overlays ?? [],
            },
            emissions: objects(tables.value.emissions),
            measures: objects(tables.value.measures),
            targets: objects(tables.value.targets),
            evidence: objects(tables.value.evidence),
          },
          null,
          2,
        )}\n`
      } else if (values.format === 'csv') {
        // The same tables, and CSV text, as the app's export of the same run (--what was checked above).
        text = tables.value[values.what as 'measures' | 'emissions' | 'targets' | 'evidence'].csv
      } else {
        const year = years?.[0] ?? out.value.focusYear
        text = `${renderTable(o, scenario, year)}\n`
      }
      if (values.out) {
        const w = writeOutput(values.out, text)
        if (w) return fail([w])
      } else write(text)
      continue
    }
    // check
    let failed = 0
    for (const t of o.targets) {
      write(`${t.met ? 'met ' : 'GAP '} target ${t.id}: ${t.pollutant} ${t.year} projected ${t.projected.toFixed(2)} t, required ${t.required.toFixed(2)} t\n`)
    }
    if (b.value.checksFile) {
      const c = readChecks(b.value.checksFile)
      if (!c.ok) {
        fail(c.issues)
        code = EXIT.invalid
        continue
      }
      const results = runChecks(
        c.value.checks,
        o.projection,
        o.targets,
        o.resolved.measures.map((m) => m.id),
      )
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
