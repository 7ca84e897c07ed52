import { credited, POLLUTANTS, total, type RunOutput, type Scenario } from '../core'
import { measureCredit } from '../core'
import type { RegionScope } from './run-regions'

const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—')

/** Render a run as a readable text report for one year: the whole area, or the region set of `scope` (`--region`). */
export function renderTable(out: RunOutput, s: Scenario, year: number, scope?: RegionScope): string {
  const pr = out.projection
  const lines: string[] = []
  const illustrative = out.resolved.inventory.illustrative ? ' (illustrative inventory / 示意清单)' : ''
  const regions = scope?.view.regions
  lines.push(`${s.title.zh} / ${s.title.en}${illustrative}`)
  lines.push(
    `inventory year ${pr.years[0]}, projection to ${pr.years[pr.years.length - 1]}, ${out.resolved.inventory.n} records in ${pr.stats.classes} classes`,
  )
  if (regions) lines.push(`regions / 地区: ${regions.join(' + ')} (of ${s.regions.join(', ')})`)
  lines.push('')
  lines.push(`Emissions, t/yr          ${pr.years[0]}        ${year} counterfactual  ${year} scenario  credited`)
  for (const p of POLLUTANTS) {
    lines.push(
      `  ${p.padEnd(22)} ${fmt(total(pr, 'scenario', p, pr.years[0] ?? year, regions)).padStart(10)}  ${fmt(total(pr, 'counterfactual', p, year, regions)).padStart(18)}  ${fmt(total(pr, 'scenario', p, year, regions)).padStart(14)}  ${fmt(credited(pr, p, year, regions)).padStart(8)}`,
    )
  }
  lines.push('')
  lines.push(`Credited reduction by measure in ${year} (exact Shapley), t`)
  lines.push(`  ${'measure'.padEnd(28)} ${'clause'.padEnd(14)} ${'NOx'.padStart(10)} ${'VOCs'.padStart(10)}`)
  out.resolved.measures.forEach((m, mi) => {
    const inst = s.measures[m.index]
    lines.push(
      `  ${m.id.padEnd(28)} ${(inst?.clause ?? '').padEnd(14)} ${fmt(measureCredit(pr, mi, 'NOx', year, regions), 2).padStart(10)} ${fmt(measureCredit(pr, mi, 'VOCs', year, regions), 2).padStart(10)}`,
    )
  })
  const targets = scope ? out.targets.filter((t) => scope.view.targets.includes(t.id)) : out.targets
  if (targets.length > 0) {
    lines.push('')
    lines.push('Targets')
    for (const t of targets) {
      const status = t.met ? 'MET 达标' : 'GAP 未达标'
      const pct = t.achievedPct !== undefined ? ` (achieved ${fmt(t.achievedPct, 1)} % vs required ${fmt(t.requiredPct ?? 0, 1)} %)` : ''
      lines.push(
        `  ${t.id.padEnd(20)} ${t.pollutant} ${t.year} ${t.kind}: projected ${fmt(t.projected)} t, required ${fmt(t.required)} t${pct} → ${status}${t.met ? '' : `, gap ${fmt(t.gapT)} t`}`,
      )
    }
  }
  if (scope && scope.notes.length > 0) lines.push('', ...scope.notes)
  return lines.join('\n')
}
