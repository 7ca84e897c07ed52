import { credited, POLLUTANTS, total, type RunOutput, type Scenario } from '../core'
import { measureCredit } from '../core'

const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—')

/** Render a run as a readable text report for one year. */
export function renderTable(out: RunOutput, s: Scenario, year: number): string {
  const pr = out.projection
  const lines: string[] = []
  const illustrative = out.resolved.inventory.illustrative ? ' (illustrative inventory / 示意清单)' : ''
  lines.push(`${s.title.zh} / ${s.title.en}${illustrative}`)
  lines.push(
    `inventory year ${pr.years[0]}, projection to ${pr.years[pr.years.length - 1]}, ${out.resolved.inventory.n} records in ${pr.stats.classes} classes`,
  )
  lines.push('')
  lines.push(`Emissions, t/yr          ${pr.years[0]}        ${year} counterfactual  ${year} scenario  credited`)
  for (const p of POLLUTANTS) {
    lines.push(
      `  ${p.padEnd(22)} ${fmt(total(pr, 'scenario', p, pr.years[0] ?? year)).padStart(10)}  ${fmt(total(pr, 'counterfactual', p, year)).padStart(18)}  ${fmt(total(pr, 'scenario', p, year)).padStart(14)}  ${fmt(credited(pr, p, year)).padStart(8)}`,
    )
  }
  lines.push('')
  lines.push(`Credited reduction by measure in ${year} (exact Shapley), t`)
  lines.push(`  ${'measure'.padEnd(28)} ${'clause'.padEnd(14)} ${'NOx'.padStart(10)} ${'VOCs'.padStart(10)}`)
  out.resolved.measures.forEach((m, mi) => {
    const inst = s.measures[m.index]
    lines.push(
      `  ${m.id.padEnd(28)} ${(inst?.clause ?? '').padEnd(14)} ${fmt(measureCredit(pr, mi, 'NOx', year), 2).padStart(10)} ${fmt(measureCredit(pr, mi, 'VOCs', year), 2).padStart(10)}`,
    )
  })
  if (out.targets.length > 0) {
    lines.push('')
    lines.push('Targets')
    for (const t of out.targets) {
      const status = t.met ? 'MET 达标' : 'GAP 未达标'
      const pct = t.achievedPct !== undefined ? ` (achieved ${fmt(t.achievedPct, 1)} % vs required ${fmt(t.requiredPct ?? 0, 1)} %)` : ''
      lines.push(
        `  ${t.id.padEnd(20)} ${t.pollutant} ${t.year} ${t.kind}: projected ${fmt(t.projected)} t, required ${fmt(t.required)} t${pct} → ${status}${t.met ? '' : `, gap ${fmt(t.gapT)} t`}`,
      )
    }
  }
  return lines.join('\n')
}
