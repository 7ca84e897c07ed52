import { availableParallelism } from 'node:os'
import { echo, PERCENTILES, toCsv, type MonteCarloResult, type Scenario, type TargetResult, type Tornado } from '../core'
import { argError, integerIn, notOneOf, parseCli, writeOutput } from './args'
import { drawThreads } from './draw-threads'
import { LIBRARY_OPTIONS } from './library'
import { parseShard } from './shard'
import { fmt, readResolvedAsync, writeIssues } from './resolve-input'

type Write = (s: string) => void

export const MC_HELP = `lantian mc <seed-dir|scenario.yaml> [--draws N] [--seed S] [--format table|json|csv] [--what percentiles|targets|tornado]
           [--min-prob P] [--chunk N] [--workers auto|N] [--models DIR]... [--library DIR] [--inventory FILE] [--out FILE]
           [--shard i/n]   draws of shard i of n only, written as a partial file for lantian merge
  Monte Carlo over EFs (library ranges, log-scale triangular), removal (±10 %), growth (±1 pp) and achieved adoption (0.8/1/1).
  --workers auto uses every core from 50,000 draws on (identical results: draw d depends only on seed and d).
  exit 1 when the probability of meeting all targets is below --min-prob (default 0.5)`

/** Return a one-line progress bar. */
export function progressBar(done: number, total: number, width = 30): string {
  const f = total > 0 ? done / total : 1
  const k = Math.round(f * width)
  return `[${'#'.repeat(k)}${'.'.repeat(width - k)}] ${Math.round(f * 100)
    .toString()
    .padStart(3)} % ${done}/${total} draws`
}

/** A Monte Carlo result as the outputs use it: of the deterministic run, only its target results. */
export type McReport = Omit<MonteCarloResult, 'deterministic'> & { deterministic: { targets: TargetResult[] } }

/** Render a Monte Carlo result and its tornadoes as a readable report. */
export function renderMonteCarlo(mc: McReport, tornadoes: Tornado[], s: Pick<Scenario, 'title'>, illustrative: boolean): string {
  const Y = mc.years.length
  const lines: string[] = []
  lines.push(`${s.title.zh} / ${s.title.en}${illustrative ? ' (illustrative inventory / 示意清单)' : ''}`)
  const count = (k: string) => mc.inputs.filter((u) => u.kind === k).length
  lines.push(
    `Monte Carlo 蒙特卡洛: ${mc.draws} draws, seed ${mc.seed}, ${mc.inputs.length} uncertain inputs (EF ${count('ef')}, removal ${count('removal')}, growth ${count('growth')}, adoption ${count('adoption')})`,
  )
  lines.push('')
  lines.push(`Scenario emissions, t/yr     ${'determ.'.padStart(10)} ${PERCENTILES.map((q) => `P${q}`.padStart(10)).join(' ')}`)
  mc.pollutants.forEach((p, k) => {
    mc.years.forEach((y, yi) => {
      const i = k * Y + yi
      lines.push(
        `  ${p.padEnd(5)} ${y}               ${fmt(mc.deterministicTotals[i] as number).padStart(10)} ${PERCENTILES.map((q) => fmt(mc.percentiles[`p${q}`][i] as number).padStart(10)).join(' ')}`,
      )
    })
  })
  if (mc.targets.length > 0) {
    lines.push('')
    lines.push('Probability of meeting targets 达标概率')
    for (const t of mc.targets)
      lines.push(
        `  ${t.id.padEnd(20)} ${t.pollutant} ${t.year} ${t.kind.padEnd(14)} P = ${fmt(t.probability * 100)} %   (deterministic: ${t.deterministicMet ? 'met' : 'missed'})`,
      )
    lines.push(`  ${'all targets 全部'.padEnd(20)} ${''.padEnd(24)} P = ${fmt(mc.allTargets * 100)} %`)
    lines.push('  P(met) includes 达标概率包含:')
    for (const k of mc.basis.included) lines.push(`    ${k.label.zh} / ${k.label.en}`)
    lines.push(`  ${mc.basis.excluded.zh} / ${mc.basis.excluded.en}`)
    for (const r of mc.basis.references) lines.push(`  ${r.label.zh} / ${r.label.en}`)
  }
  for (const t of tornadoes) {
    lines.push('')
    lines.push(
      `Sensitivity 敏感性 (one at a time), ${t.pollutant} ${t.year}: base ${fmt(t.base)} t; top ${Math.min(10, t.bars.length)} of ${t.bars.length} inputs`,
    )
    for (const b of t.bars.slice(0, 10))
      lines.push(`  ${b.input.padEnd(44)} low ${fmt(b.low).padStart(10)}  high ${fmt(b.high).padStart(10)}  swing ${fmt(b.swing).padStart(9)} t`)
  }
  return lines.join('\n')
}

/** Return the percentiles as long-format CSV rows. */
function percentileCsv(mc: McReport): string {
  const Y = mc.years.length
  const header = ['pollutant', 'year', 'deterministic_t', ...PERCENTILES.map((q) => `p${q}_t`), 'mean_t', 'draws', 'seed']
  const rows = mc.pollutants.flatMap((p, k) =>
    mc.years.map((y, yi) => {
      const i = k * Y + yi
      return [
        p,
        y,
        mc.deterministicTotals[i] as number,
        ...PERCENTILES.map((q) => mc.percentiles[`p${q}`][i] as number),
        mc.mean[i] as number,
        mc.draws,
        mc.seed,
      ]
    }),
  )
  return toCsv(header, rows)
}

/** Return a plain-JSON view of a Monte Carlo result (typed arrays as nested per-pollutant lists). */
export function monteCarloJson(mc: McReport, tornadoes: Tornado[]) {
  const Y = mc.years.length
  const series = (a: Float64Array) => Object.fromEntries(mc.pollutants.map((p, k) => [p, Array.from(a.subarray(k * Y, (k + 1) * Y))]))
  return {
    draws: mc.draws,
    seed: mc.seed,
    years: mc.years,
    inputs: mc.inputs,
    deterministic: series(mc.deterministicTotals),
    percentiles: Object.fromEntries(PERCENTILES.map((q) => [`p${q}`, series(mc.percentiles[`p${q}`])])),
    mean: series(mc.mean),
    targets: mc.targets,
    allTargets: mc.allTargets,
    basis: mc.basis,
    deterministicTargets: mc.deterministic.targets,
    tornado: tornadoes,
  }
}

/** The output formats of `lantian mc` and of `lantian merge` of its shards. */
export interface McOutput {
  format: string
  what: string
}

/** Render a Monte Carlo result as `lantian mc` prints it (`lantian merge` of its shards prints the same). */
export function mcText(m: McReport, tornadoes: Tornado[], s: Pick<Scenario, 'title'>, illustrative: boolean, o: McOutput): string {
  if (o.format === 'json') return `${JSON.stringify(monteCarloJson(m, tornadoes), null, 2)}\n`
  if (o.format !== 'csv') return `${renderMonteCarlo(m, tornadoes, s, illustrative)}\n`
  if (o.what === 'targets')
    return toCsv(
      ['target', 'pollutant', 'year', 'kind', 'probability', 'deterministic_met', 'reference', 'reference_moves', 'draws', 'seed'],
      [
        ...m.targets.map((t) => [
          t.id,
          t.pollutant,
          t.year,
          t.kind,
          t.probability,
          t.deterministicMet ? 'true' : 'false',
          t.reference ?? '',
          t.reference === undefined ? '' : t.reference === 'stated' ? 'false' : 'true',
          m.draws,
          m.seed,
        ]),
        ['(all)', '', '', '', m.allTargets, m.deterministic.targets.every((t) => t.met) ? 'true' : 'false', '', '', m.draws, m.seed],
      ],
    )
  if (o.what === 'tornado')
    return toCsv(
      ['pollutant', 'year', 'input', 'kind', 'low_value', 'high_value', 'low_t', 'high_t', 'swing_t'],
      tornadoes.flatMap((t) => t.bars.map((b) => [t.pollutant, t.year, b.input, b.kind, b.lowValue, b.highValue, b.low, b.high, b.swing])),
    )
  return percentileCsv(m)
}

/** Check `--format` and `--what` of mc or merge; return a bilingual error line, or undefined when they are valid. */
export function badMcOutput(o: McOutput, help: string): string | undefined {
  return notOneOf('--format', o.format, ['table', 'json', 'csv'], help) ?? notOneOf('--what', o.what, ['percentiles', 'targets', 'tornado'], help)
}

/** Run `lantian mc`; return the exit code. */
export async function mcCommand(argv: string[], write: Write, writeErr: Write): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      draws: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'table' },
      what: { type: 'string', default: 'percentiles' },
      'min-prob': { type: 'string', default: '0.5' },
      chunk: { type: 'string', default: '50' },
      workers: { type: 'string', default: 'auto' },
      ...LIBRARY_OPTIONS,
      inventory: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      shard: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    MC_HELP,
  )
  if (!parsed.ok) return (writeErr(parsed.message), 2)
  const { values, positionals } = parsed
  if (values.help) {
    write(`${MC_HELP}\n`)
    return 0
  }
  const say = (line: string) => (writeErr(line), 2)
  if (positionals.length !== 1) return say(argError('mc 需要一个情景目录或情景文件', 'mc needs one seed directory or scenario file', MC_HELP))
  const draws = integerIn('--draws', values.draws, 1, 1_000_000, MC_HELP)
  if (typeof draws === 'string') return say(draws)
  const seed = integerIn('--seed', values.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, MC_HELP)
  if (typeof seed === 'string') return say(seed)
  const minProb = Number(values['min-prob'])
  if (!(values['min-prob'].trim() !== '' && minProb >= 0 && minProb <= 1))
    return say(
      argError(
        `--min-prob 须在 0 与 1 之间（实际为 ${echo(values['min-prob'])}）`,
        `--min-prob must be between 0 and 1 (got ${echo(values['min-prob'])})`,
        MC_HELP,
      ),
    )
  const chunk = integerIn('--chunk', values.chunk, 1, 1_000_000, MC_HELP)
  if (typeof chunk === 'string') return say(chunk)
  const choice = badMcOutput(values, MC_HELP)
  if (choice) return say(choice)
  const library = { library: values.library, models: values.models }
  if (values.shard !== undefined) {
    // A shard writes its draws for `lantian merge`, which takes the output options (docs/scale-out.md).
    const shard = parseShard(values.shard, MC_HELP)
    if (typeof shard === 'string') return say(shard)
    const given = argv.find((a) => /^--(format|what|min-prob|workers)(=|$)/.test(a))?.split('=')[0]
    if (given)
      return say(
        argError(`分片不接受 ${given}：输出选项交给 lantian merge`, `${given} is given to lantian merge, not to a shard (a shard runs on one thread)`, MC_HELP),
      )
    let shown = false
    const progress = (done: number, total: number) => {
      shown = true
      writeErr(`\r${progressBar(done, total)} (shard ${shard.index}/${shard.count})`)
    }
    const o = { arg: positionals[0] as string, library, inventory: values.inventory, draws, seed, chunk, shard, out: values.out }
    const code = await (await import('./mc-shard')).mcShard({ ...o, ...(values.quiet ? {} : { onProgress: progress }) }, write, writeErr)
    if (shown) writeErr('\n')
    return code
  }
  // Very large runs use every core: draws are chunk-independent, so the result is the same either way. Each worker
  // thread pays the TypeScript loader's start-up (seconds), so below 50,000 draws one thread is faster.
  const workers =
    values.workers === 'auto' ? (draws >= 50_000 ? Math.min(4, availableParallelism()) : 1) : integerIn('--workers', values.workers, 1, 64, MC_HELP)
  if (typeof workers === 'string') return say(workers)
  // The app's plan session and draw pool: here the draw workers are worker threads with the same library.
  const input = await readResolvedAsync(positionals[0] as string, library, values.inventory, {
    spawnDrawWorker: drawThreads(library),
    maxWorkers: 64,
  })
  if (!input.ok) return (writeIssues(input.issues, writeErr), 2)
  const { scenario, resolved, session, prepared } = input.value
  // Warnings go to stderr in every format.
  writeIssues(input.value.warnings, writeErr)
  const progress = (done: number, total: number) => {
    if (!values.quiet) writeErr(`\r${progressBar(done, total)}`)
  }
  const mc = await session
    .monteCarlo(prepared, {
      draws,
      seed,
      chunkSize: workers > 1 ? Math.max(chunk, 250) : chunk,
      workers,
      onProgress: progress,
      pause: () => new Promise((r) => setImmediate(r)),
    })
    .finally(() => session.close())
  if (!values.quiet) writeErr('\n')
  if (!mc.ok) return (writeIssues(mc.issues, writeErr), 2)
  const tor = session.sensitivity(prepared)
  if (!tor.ok) return (writeIssues(tor.issues, writeErr), 2)
  const m = mc.value.mc
  const text = mcText(m, tor.value, scenario, resolved.inventory.illustrative, values)
  if (values.out) {
    const w = writeOutput(values.out, text)
    if (w) return (writeIssues([w], writeErr), 2)
  } else write(text)
  return m.targets.length > 0 && m.allTargets < minProb ? 1 : 0
}
