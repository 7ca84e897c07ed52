import { bySector, type CostReport, type Library, macCurve, measureCredit, POLLUTANTS, type Pollutant, type MacStep, total } from '../core'
import type { CompareMeasureRow, CompareView, CostsView, MeasureView, PollutantSeries, RunView, SectorView } from '../protocol'
import type { SessionRun } from './types'

const emptySeries = (n: number): PollutantSeries => ({ NOx: new Array<number>(n).fill(0), VOCs: new Array<number>(n).fill(0) })

/** Turn a run into the plain data the app renders: totals, measures, sectors and targets per year, with its costs. */
export function runView(run: SessionRun, lib: Library, ms: number, costs: CostsView): RunView {
  const { out, scenario: s } = run
  const pr = out.projection
  const Y = pr.years.length
  const series = (kind: 'counterfactual' | 'scenario'): PollutantSeries => {
    const o = emptySeries(Y)
    for (const p of POLLUTANTS) pr.years.forEach((y, yi) => (o[p][yi] = total(pr, kind, p, y)))
    return o
  }
  const measures: MeasureView[] = out.resolved.measures.map((m, mi) => {
    const inst = s.measures[m.index]
    const c = emptySeries(Y)
    for (const p of POLLUTANTS) pr.years.forEach((y, yi) => (c[p][yi] = measureCredit(pr, mi, p, y)))
    return {
      id: m.id,
      index: m.index,
      label: inst?.label ?? m.template.spec.label,
      clause: inst?.clause ?? '',
      template: m.template.spec.id,
      kind: m.kind,
      category: m.template.spec.category,
      enabled: inst?.enabled ?? true,
      selected: m.selected,
      adoption: Array.from(pr.measures[mi]?.adoption ?? []),
      credited: c,
    }
  })
  const sectors: SectorView[] = pr.sectors.map((id) => ({
    id,
    label: lib.sectors.get(id)?.label ?? { zh: id, en: id },
    counterfactual: emptySeries(Y),
    scenario: emptySeries(Y),
  }))
  for (const p of POLLUTANTS)
    pr.years.forEach((y, yi) => {
      for (const kind of ['counterfactual', 'scenario'] as const) {
        const m = bySector(pr, kind, p, y)
        sectors.forEach((sv) => (sv[kind][p][yi] = m.get(sv.id) ?? 0))
      }
    })
  return {
    scenarioId: s.id,
    title: s.title,
    years: [...pr.years],
    focusYear: run.focusYear,
    counterfactual: series('counterfactual'),
    scenario: series('scenario'),
    measures,
    sectors,
    targets: out.targets,
    costs,
    warnings: out.warnings,
    inventory: run.inventory,
    libraryVersion: lib.version,
    scenarioHash: run.hash,
    sampledAttribution: pr.sampledAttribution,
    stats: { records: pr.stats.records, classes: pr.stats.classes, resolved: run.fresh, ms },
  }
}

/** Turn a cost report into plain data: each measure's annualised cost and CNY/t, and the MAC curve per pollutant. */
export function costsView(report: CostReport, hash: string): CostsView {
  return {
    scenarioHash: hash,
    year: report.year,
    totalCost: report.totalCost,
    measures: report.measures.map((m) => ({
      id: m.id,
      label: m.label,
      ...(m.unitCost ? { unitCost: m.unitCost } : {}),
      activity: m.activity,
      activityUnit: m.activityUnit,
      ...(m.annualCost !== undefined ? { annualCost: m.annualCost } : {}),
      reduction: m.reduction,
      costPerTonne: m.costPerTonne,
    })),
    mac: Object.fromEntries(POLLUTANTS.map((p) => [p, macCurve(report, p)])) as Record<Pollutant, MacStep[]>,
    issues: report.issues,
  }
}

/** Tabulate two runs at A's focus year: KPI per pollutant with B − A, and credited reduction per measure (by id). */
export function compareViews(a: RunView, b: RunView, sameInventory: boolean): CompareView {
  const focusYear = a.focusYear
  const ia = a.years.indexOf(focusYear)
  const ib = b.years.indexOf(focusYear)
  const at = (series: number[], i: number) => (i >= 0 ? (series[i] ?? NaN) : NaN)
  const kpis = POLLUTANTS.map((p) => {
    const va = at(a.scenario[p], ia)
    const vb = at(b.scenario[p], ib)
    return { pollutant: p, a: va, b: vb, diff: vb - va }
  })
  const credit = (m: MeasureView, i: number) => Object.fromEntries(POLLUTANTS.map((p) => [p, at(m.credited[p], i)])) as Record<Pollutant, number>
  const rows = new Map<string, CompareMeasureRow>()
  for (const m of a.measures) rows.set(m.id, { id: m.id, label: m.label, clause: m.clause, a: credit(m, ia), diff: { NOx: 0, VOCs: 0 } })
  for (const m of b.measures) {
    const row = rows.get(m.id) ?? { id: m.id, label: m.label, clause: m.clause, diff: { NOx: 0, VOCs: 0 } }
    row.b = credit(m, ib)
    rows.set(m.id, row)
  }
  for (const row of rows.values()) for (const p of POLLUTANTS) row.diff[p] = (row.b?.[p] ?? 0) - (row.a?.[p] ?? 0)
  return { a, b, focusYear, sameInventory, kpis, measures: [...rows.values()] }
}
