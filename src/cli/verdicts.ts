import { toCsv, VERDICT_HEADER, verdictRows, verdictsJson, type Assumption, type Scenario, type VerdictReport } from '../core'
import { argError, notOneOf, parseCli, writeOutput } from './args'
import { LIBRARY_HELP, LIBRARY_OPTIONS } from './library'
import { fmt, readResolvedAsync, writeIssues } from './resolve-input'

type Write = (s: string) => void

export const VERDICTS_HELP = `lantian verdicts <seed-dir|scenario.yaml> [--format table|csv|json] [--top N] [--growth-pp PP]
                 [--models DIR|FILE]... [--library DIR] [--inventory FILE] [--out FILE]
  What each target's verdict rests on: for every input it depends on (measure levels and parameters, EFs with a
  library range, growth rates within ±PP percentage points (default 1), the target's own numbers), the value at which
  the verdict flips with everything else held, closest first, with its provenance. --top limits the table (default 15).
  exit 0 when the report is written (whatever the verdicts), 2 on invalid input.
${LIBRARY_HELP}`

const SIG = (v: number): string => {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '—'
  const a = Math.abs(v)
  return a !== 0 && (a >= 1e7 || a < 1e-3) ? v.toExponential(3) : Number(v.toPrecision(5)).toLocaleString('en-US', { maximumFractionDigits: 6 })
}

/** Return the input an assumption is about, as one short id (measure/param, technology EF, sector). */
function inputId(a: Assumption): string {
  if (a.kind === 'level') return `${a.measure} level`
  if (a.kind === 'param') return `${a.measure}.${a.param}`
  if (a.kind === 'ef') return `EF ${a.technology} ${a.pollutant}`
  if (a.kind === 'growth') return `growth ${a.sector}`
  return `target ${a.param}`
}

/** Render a verdict report as a readable, bilingual table per target. */
export function renderVerdicts(v: VerdictReport, s: Scenario, top = 15): string {
  const lines = [
    `${s.title.zh} / ${s.title.en}`,
    '结论取决于 / What each verdict rests on (flip points: the value at which the verdict changes, all else held)',
  ]
  for (const t of v.targets) {
    lines.push('')
    const verdict = t.met ? `MET 达标, margin 余量 ${fmt(-t.gapT)} t` : `MISSED 未达标, gap 缺口 ${fmt(t.gapT)} t`
    lines.push(`${t.id}  ${t.pollutant} ${t.year} ${t.kind}: projected 预测 ${fmt(t.projected)} t, required 要求 ${fmt(t.required)} t → ${verdict}`)
    if (t.reference) {
      const r = t.reference
      const how = { stated: 'stated tonnage 给定值', projected: 'projected year 预测年', backcast: 'growth back-cast 按增长倒推' }[r.method]
      const alt = r.backcast
        ? `; growth back-cast 按增长倒推 ${fmt(r.backcast.value)} t → ${r.backcast.met ? 'met 达标' : `missed 未达标 by ${fmt(r.backcast.gapT)} t`}`
        : ''
      lines.push(`  reference 基准 ${r.year}: ${fmt(r.value)} t (${how})${alt}`)
    }
    lines.push(
      `  ${'#'.padStart(3)}  ${'input 输入'.padEnd(44)} ${'value 现值'.padStart(12)} ${'flip 翻转点'.padStart(12)} ${'range 范围'.padStart(22)} ${'distance 距离'.padStart(13)}  ${'unit 单位'.padEnd(10)} provenance 出处`,
    )
    const shown = t.assumptions.slice(0, top)
    shown.forEach((a, i) => {
      const range = `[${SIG(a.range[0])}, ${SIG(a.range[1])}]`
      const dist = a.distance === null ? '—' : `${fmt(a.distance * 100, 2)} %`
      lines.push(
        `  ${String(i + 1).padStart(3)}  ${inputId(a).slice(0, 44).padEnd(44)} ${SIG(a.value).padStart(12)} ${(a.flip === null ? 'none 无' : SIG(a.flip)).padStart(12)} ${range.padStart(22)} ${dist.padStart(13)}  ${a.unit.padEnd(10)} ${a.provenance?.kind ?? '—'}`,
      )
    })
    const rest = t.assumptions.length - shown.length
    if (rest > 0) lines.push(`  … ${rest} more 另有 ${rest} 项 (--top ${t.assumptions.length}, or --format csv/json)`)
  }
  return lines.join('\n')
}

/** Run `lantian verdicts`; return the exit code. */
export async function verdictsCommand(argv: string[], write: Write, writeErr: Write): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      format: { type: 'string', default: 'table' },
      top: { type: 'string', default: '15' },
      'growth-pp': { type: 'string', default: '1' },
      ...LIBRARY_OPTIONS,
      inventory: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    } as const,
    VERDICTS_HELP,
  )
  if (!parsed.ok) return (writeErr(parsed.message), 2)
  const { values, positionals } = parsed
  if (values.help) {
    write(`${VERDICTS_HELP}\n`)
    return 0
  }
  const bad = (zh: string, en: string) => (writeErr(argError(zh, en, VERDICTS_HELP)), 2)
  if (positionals.length !== 1) return bad('verdicts 需要一个情景目录或情景文件', 'verdicts needs one seed directory or scenario file')
  const badFormat = notOneOf('--format', values.format, ['table', 'csv', 'json'], VERDICTS_HELP)
  if (badFormat) return (writeErr(badFormat), 2)
  const top = Number(values.top)
  if (!Number.isInteger(top) || top < 1) return bad('--top 须为正整数', '--top must be a positive integer')
  const pp = Number(values['growth-pp'])
  if (!(pp >= 0 && pp <= 50)) return bad('--growth-pp 须在 0 到 50 之间', '--growth-pp must be between 0 and 50')
  const input = await readResolvedAsync(positionals[0] as string, { library: values.library, models: values.models }, values.inventory)
  if (!input.ok) return (writeIssues(input.issues, writeErr), 2)
  const { scenario, session, prepared } = input.value
  const v = session.verdicts(prepared, { growthSpreadPp: pp })
  if (!v.ok) return (writeIssues(v.issues, writeErr), 2)
  // Whatever was left out or guessed goes to stderr in every format, and into the JSON.
  writeIssues([...input.value.warnings, ...v.value.warnings], writeErr)
  const report = { ...v.value, warnings: [...input.value.warnings, ...v.value.warnings] }
  const text =
    values.format === 'json'
      ? `${JSON.stringify(verdictsJson(report), null, 2)}\n`
      : values.format === 'csv'
        ? toCsv(VERDICT_HEADER, verdictRows(report))
        : `${renderVerdicts(report, scenario, top)}\n`
  if (values.out) {
    const w = writeOutput(values.out, text)
    if (w) return (writeIssues([w], writeErr), 2)
  } else write(text)
  return 0
}
