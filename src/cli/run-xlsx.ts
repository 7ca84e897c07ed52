import { statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { echo, provenanceRows, scenarioHash } from '../core'
import { writeWorkbook } from '../xlsx/workbook'
import { argError, makeFolder, parseCli, writeOutput } from './args'
import { APP_VERSION } from './bundled'
import { readScenarioBundleAsync } from './files'
import { LIBRARY_OPTIONS, readCliLibrary } from './library'
import { sessionOf, writeIssues } from './resolve-input'
import { regionScope } from './run-regions'

type Write = (s: string) => void

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/**
 * Run `lantian run … --format xlsx --out FILE|DIR`: the same emissions, measures, targets and provenance sheets as the
 * app's XLSX export. One scenario writes FILE; several write `DIR/lantian-<id>.xlsx` each (a batch for analysts).
 */
export async function runXlsxCommand(argv: string[], write: Write, writeErr: Write): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      format: { type: 'string' },
      year: { type: 'string' },
      ...LIBRARY_OPTIONS,
      inventory: { type: 'string' },
      out: { type: 'string' },
      what: { type: 'string' },
      strict: { type: 'boolean', default: false },
      region: { type: 'string', multiple: true },
    },
    '',
  )
  if (!parsed.ok) return (writeErr(parsed.message), 2)
  const { values, positionals } = parsed
  if (!values.out) {
    writeErr(
      argError('--format xlsx 需要 --out 文件（一个情景）或 --out 文件夹（多个情景）', '--format xlsx needs --out FILE (one scenario) or --out DIR (several)'),
    )
    return 2
  }
  if (positionals.length === 0) {
    writeErr(argError('run 需要情景目录或情景文件', 'run needs a seed directory or scenario file'))
    return 2
  }
  // Several scenarios, or an existing folder, mean one workbook per scenario inside that folder.
  const intoDir = positionals.length > 1 || isDir(values.out)
  const folder = intoDir ? makeFolder(values.out) : undefined
  if (folder) return (writeIssues([folder], writeErr), 2)
  const lib = readCliLibrary(values)
  if (!lib.ok) {
    writeIssues(lib.issues, writeErr)
    return 2
  }
  let code = 0
  for (const arg of positionals) {
    const b = await readScenarioBundleAsync(arg, values.inventory)
    if (!b.ok) {
      writeIssues(b.issues, writeErr)
      code = 2
      continue
    }
    const { scenario, scenarioFile, inventoryFile, inventory } = b.value
    const session = sessionOf(lib.value, b.value)
    const out = session.run(scenario, scenarioFile)
    if (!out.ok) {
      writeIssues(b.value.locate(out.issues), writeErr)
      code = 2
      continue
    }
    const o = out.value.out
    // Warnings go to stderr and into the provenance sheet; --strict refuses them.
    const warnings = [...b.value.warnings, ...b.value.locate(out.warnings)]
    writeIssues(warnings, writeErr)
    if (values.strict && warnings.length > 0) {
      writeErr(
        `error: --strict: ${scenarioFile} has ${warnings.length} warning${warnings.length === 1 ? '' : 's'} / 严格模式：${scenarioFile} 有 ${warnings.length} 条警告\n`,
      )
      code = 2
      continue
    }
    const years = values.year ? [Number(values.year)] : undefined
    if (years && !o.projection.years.includes(years[0] ?? NaN)) {
      const span = `${o.projection.years[0]}–${o.projection.years.at(-1)}`
      writeErr(argError(`--year ${echo(values.year)} 不在预测范围内（${span}）`, `--year ${echo(values.year)} is not projected (${span})`))
      return 2
    }
    const scope = regionScope(out.value, lib.value, values.region)
    if (scope && 'error' in scope) return (writeErr(scope.error), 2)
    for (const n of scope?.notes ?? []) writeErr(`${n}\n`)
    const tables = session.exportTables(years, scope?.view.regions)
    if (!tables.ok) {
      writeIssues(tables.issues, writeErr)
      return 2
    }
    const date = new Date()
    const t = tables.value
    // A regional workbook names its region set and what it left out in the provenance sheet.
    const regionRows: [string, string][] = scope ? [['regions', scope.view.regions.join(' + ')], ...scope.notes.map((n): [string, string] => ['note', n])] : []
    const buf = await writeWorkbook(
      [
        { name: 'emissions', header: t.emissions.header, rows: t.emissions.rows },
        { name: 'measures', header: t.measures.header, rows: t.measures.rows },
        { name: 'targets', header: t.targets.header, rows: t.targets.rows },
        { name: 'evidence', header: t.evidence.header, rows: t.evidence.rows },
      ],
      provenanceRows({
        appVersion: APP_VERSION,
        libraryVersion: o.resolved.library.version,
        overlays: o.resolved.library.spec.overlays ?? [],
        scenario: { id: scenario.id, title: scenario.title, hash: scenarioHash(scenario) },
        ...(isDir(arg) ? { seed: basename(dirname(scenarioFile)) } : {}),
        inventory: {
          file: inventoryFile,
          year: inventory.year,
          records: inventory.n,
          illustrative: inventory.illustrative,
          ...(inventory.name ? { name: inventory.name } : {}),
        },
        warnings,
        date,
      }).concat(regionRows),
      date,
    )
    const file = intoDir ? join(values.out, `lantian-${scenario.id}.xlsx`) : values.out
    const w = writeOutput(file, new Uint8Array(buf))
    if (w) return (writeIssues([w], writeErr), 2)
    write(`wrote ${file} (${scenario.id}: emissions, measures, targets, evidence, provenance)\n`)
  }
  return code
}
