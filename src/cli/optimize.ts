import { echo, macCurve, POLLUTANTS, type CostReport, type LpSolver, type OptimizeResult, type Scenario } from '../core'
import { argError, integerIn, notOneOf, parseCli, writeOutput } from './args'
import { highsSolver } from './highs-solver'
import { LIBRARY_OPTIONS } from './library'
import { fmt, readResolvedAsync, writeIssues } from './resolve-input'

type Write = (s: string) => void

export const OPTIMIZE_HELP = `lantian optimize <seed-dir|scenario.yaml> [--format table|json] [--cost-year Y] [--max-iterations N]
                 [--fix id,id] [--models DIR]... [--library DIR] [--inventory FILE] [--out FILE]
  Least-cost final adoption levels (0–1) of the measures that have a unit cost, meeting every target (LP by HiGHS,
  checked by full simulation). Measures without a cost keep their level. exit 1 when the targets cannot be met.`

/** Render an optimisation result and the current marginal-abatement-cost curve as a readable report. */
export function renderOptimize(o: OptimizeResult, costs: CostReport, s: Scenario): string {
  const lines: string[] = []
  lines.push(`${s.title.zh} / ${s.title.en}`)
  const status = { optimal: 'OPTIMAL 最优', infeasible: 'INFEASIBLE 不可行', 'not-converged': 'NOT CONVERGED 未收敛' }[o.status]
  lines.push(`Least-cost adoption levels 最低成本方案: ${status} after ${o.iterations} LP solve(s); annualised cost in ${o.costYear}, CNY/yr`)
  lines.push('')
  lines.push(
    `  ${'measure'.padEnd(28)} ${'level now'.padStart(9)} ${'proposed'.padStart(9)} ${'cost now'.padStart(14)} ${'cost proposed'.padStart(14)}  mandate 规定`,
  )
  for (const m of o.measures) {
    const mandate = m.mandate
      ? `${m.mandate.bound === 'fixed' ? '=' : '≥'} ${fmt(m.mandate.level, 2)} ${m.mandate.clause}${m.heldByMandate ? ' — held by the mandate 由规定保持' : ''}${m.reason === 'disabled' ? ' — mandated but switched off 规定措施已关闭' : ''}`
      : ''
    const note = m.free ? '' : `  (fixed: ${m.reason})`
    lines.push(
      `  ${m.id.padEnd(28)} ${fmt(m.current, 3).padStart(9)} ${fmt(m.level, 3).padStart(9)} ${fmt(m.currentCost, 0).padStart(14)} ${fmt(m.cost, 0).padStart(14)}  ${mandate}${note}`,
    )
  }
  lines.push(`  ${'total'.padEnd(28)} ${''.padStart(9)} ${''.padStart(9)} ${fmt(o.currentCost, 0).padStart(14)} ${fmt(o.totalCost, 0).padStart(14)}`)
  lines.push('')
  lines.push(o.status === 'optimal' ? 'Targets at the proposed levels (full simulation)' : 'Targets at the last point tried')
  for (const t of o.targets)
    lines.push(
      `  ${t.id.padEnd(20)} ${t.pollutant} ${t.year} ${t.kind}: projected ${fmt(t.projected)} t, required ${fmt(t.required)} t → ${t.met ? 'MET 达标' : `GAP 未达标 ${fmt(t.gapT)} t`}`,
    )
  if (o.limits.length > 0) {
    lines.push('')
    lines.push('Most each target can get with the measures at their best (full simulation)')
    for (const l of o.limits)
      lines.push(
        `  ${l.id.padEnd(20)} ${l.pollutant} ${l.year} ${l.kind}: best ${fmt(l.best)} t vs required ${fmt(l.required)} t → ${l.achievable ? 'achievable' : `CANNOT BE MET 无法达到, short by ${fmt(l.gapT)} t`}`,
      )
  }
  for (const p of POLLUTANTS) {
    const mac = macCurve(costs, p)
    if (mac.length === 0) continue
    lines.push('')
    lines.push(`Marginal abatement cost 边际减排成本, ${p} ${costs.year}, scenario as written`)
    lines.push(`  ${'measure'.padEnd(28)} ${'CNY/t'.padStart(12)} ${'t/yr'.padStart(10)} ${'cumulative t'.padStart(13)}`)
    for (const m of mac)
      lines.push(`  ${m.id.padEnd(28)} ${fmt(m.costPerTonne, 0).padStart(12)} ${fmt(m.reduction).padStart(10)} ${fmt(m.cumulative).padStart(13)}`)
  }
  return lines.join('\n')
}

/** Run `lantian optimize`; return the exit code. `solver` defaults to HiGHS. */
export async function optimizeCommand(argv: string[], write: Write, writeErr: Write, solver: LpSolver = highsSolver()): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      format: { type: 'string', default: 'table' },
      'cost-year': { type: 'string' },
      'max-iterations': { type: 'string', default: '10' },
      fix: { type: 'string' },
      ...LIBRARY_OPTIONS,
      inventory: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    OPTIMIZE_HELP,
  )
  if (!parsed.ok) return (writeErr(parsed.message), 2)
  const { values, positionals } = parsed
  if (values.help) {
    write(`${OPTIMIZE_HELP}\n`)
    return 0
  }
  const say = (line: string) => (writeErr(line), 2)
  if (positionals.length !== 1) return say(argError('optimize 需要一个情景目录或情景文件', 'optimize needs one seed directory or scenario file', OPTIMIZE_HELP))
  const choice = notOneOf('--format', values.format, ['table', 'json'], OPTIMIZE_HELP)
  if (choice) return say(choice)
  const maxIterations = integerIn('--max-iterations', values['max-iterations'], 1, 1000, OPTIMIZE_HELP)
  if (typeof maxIterations === 'string') return say(maxIterations)
  const costYear = values['cost-year'] !== undefined ? integerIn('--cost-year', values['cost-year'], 1990, 2100, OPTIMIZE_HELP) : undefined
  if (typeof costYear === 'string') return say(costYear)
  const input = await readResolvedAsync(positionals[0] as string, { library: values.library, models: values.models }, values.inventory)
  if (!input.ok) return (writeIssues(input.issues, writeErr), 2)
  const { scenario, resolved, scenarioFile, session, prepared } = input.value
  // Warnings go to stderr in every format.
  writeIssues(input.value.warnings, writeErr)
  const fixed = values.fix ? values.fix.split(',').map((x) => x.trim()) : []
  const unknown = fixed.filter((id) => !resolved.measures.some((m) => m.id === id))
  if (unknown.length > 0)
    return say(
      argError(
        `--fix：情景中没有措施 ${unknown.map((u) => echo(u)).join('、')}`,
        `--fix: no measure ${unknown.map((u) => echo(u)).join(', ')} in the scenario`,
        OPTIMIZE_HELP,
      ),
    )
  const res = await session.optimize(prepared, solver, { maxIterations, fixed, ...(costYear !== undefined ? { costYear } : {}) })
  if (!res.ok) return (writeIssues(res.issues, writeErr), 2)
  const o = res.value
  const base = session.run(scenario, scenarioFile)
  if (!base.ok) return (writeIssues(base.issues, writeErr), 2)
  const costs = session.costs(base.value, o.costYear)
  writeIssues(costs.issues, writeErr)
  const text =
    values.format === 'json'
      ? `${JSON.stringify(
          {
            ...o,
            scenario: undefined,
            levels: Object.fromEntries(o.measures.map((m) => [m.id, m.level])),
            costs: costs.measures,
            mac: Object.fromEntries(POLLUTANTS.map((p) => [p, macCurve(costs, p)])),
          },
          null,
          2,
        )}\n`
      : `${renderOptimize(o, costs, scenario)}\n`
  if (values.out) {
    const w = writeOutput(values.out, text)
    if (w) return (writeIssues([w], writeErr), 2)
  } else write(text)
  return o.status === 'optimal' ? 0 : 1
}
