import {
  attributionIndex,
  type CostReport,
  type Library,
  macCurve,
  POLLUTANTS,
  type Pollutant,
  type MacStep,
  seriesIndex,
  shapeOf,
  type TargetResult,
} from '../core'
import type { CompareMeasureRow, CompareView, CostsView, MeasureView, PollutantSeries, RegionView, RunView, SectorView } from '../protocol'
import type { SessionRun } from './types'

const emptySeries = (n: number): PollutantSeries => ({ NOx: new Array<number>(n).fill(0), VOCs: new Array<number>(n).fill(0) })

/**
 * Sum a run's series over all its record groups, or over the groups of the given regions: emissions, each measure's
 * credit and each sector's emissions per pollutant and year. One pass over the projection's flat arrays (through the
 * core's `seriesIndex` and `attributionIndex`, which own the layout), adding group by group from
 * 0 in group order as the core's `total`, `measureCredit` and `bySector` do, so the numbers are the same to the bit
 * (the CLI's tables read those; `test/cli/region.test.ts` compares them).
 */
function sliceOf(run: SessionRun, lib: Library, regions?: readonly string[]) {
  const pr = run.out.projection
  const Y = pr.years.length
  const shape = shapeOf(pr)
  const M = run.out.resolved.measures.length
  const counterfactual = emptySeries(Y)
  const scenario = emptySeries(Y)
  const credited = Array.from({ length: M }, () => emptySeries(Y))
  const sectors: SectorView[] = pr.sectors.map((id) => ({
    id,
    label: lib.sectors.get(id)?.label ?? { zh: id, en: id },
    counterfactual: emptySeries(Y),
    scenario: emptySeries(Y),
  }))
  pr.groups.forEach((g, gi) => {
    if (regions && !regions.includes(pr.regions[g.region] ?? '')) return
    const sv = sectors[g.sector]
    POLLUTANTS.forEach((p, k) => {
      const cf = counterfactual[p]
      const sc = scenario[p]
      for (let y = 0; y < Y; y++) {
        const i = seriesIndex(shape, gi, k, y)
        cf[y] = (cf[y] as number) + (pr.counterfactual[i] as number)
        sc[y] = (sc[y] as number) + (pr.scenario[i] as number)
        if (sv) {
          sv.counterfactual[p][y] = (sv.counterfactual[p][y] as number) + (pr.counterfactual[i] as number)
          sv.scenario[p][y] = (sv.scenario[p][y] as number) + (pr.scenario[i] as number)
        }
      }
      for (let m = 0; m < M; m++) {
        const c = (credited[m] as PollutantSeries)[p]
        for (let y = 0; y < Y; y++) c[y] = (c[y] as number) + (pr.attribution[attributionIndex(shape, m, gi, k, y)] as number)
      }
    })
  })
  return { counterfactual, scenario, credited, sectors }
}

/** Name a region set in one cell: the names joined by " + " (e.g. `桐柏县 + 西峡县`). */
export const regionSetName = (regions: readonly string[]): string => regions.join(' + ')

/** Tell whether two region sets hold the same regions. */
const sameSet = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x))

/** Return whether a target is set for exactly this region set (a target without regions is set for every region of the scenario). */
export function targetApplies(t: TargetResult, regions: readonly string[], all: readonly string[]): boolean {
  return sameSet(t.regions ?? all, regions)
}

/**
 * Return a run's results for a set of the scenario's regions (the caller checks the names): emissions, sectors and
 * each measure's credit summed over those regions' record groups, and the targets set for exactly that set.
 */
export function regionView(run: SessionRun, lib: Library, regions: readonly string[]): RegionView {
  const all = run.scenario.regions
  const set = all.filter((r) => regions.includes(r))
  return {
    regions: set,
    ...sliceOf(run, lib, set),
    targets: run.out.targets.filter((t) => targetApplies(t, set, all)).map((t) => t.id),
  }
}

/** Turn a run into the plain data the app renders: totals, measures, sectors and targets per year (and per region), with its costs. */
export function runView(run: SessionRun, lib: Library, ms: number, costs: CostsView): RunView {
  const { out, scenario: s } = run
  const pr = out.projection
  const whole = sliceOf(run, lib)
  const measures: MeasureView[] = out.resolved.measures.map((m, mi) => {
    const inst = s.measures[m.index]
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
      credited: whole.credited[mi] ?? emptySeries(pr.years.length),
    }
  })
  return {
    scenarioId: s.id,
    title: s.title,
    years: [...pr.years],
    focusYear: run.focusYear,
    counterfactual: whole.counterfactual,
    scenario: whole.scenario,
    measures,
    sectors: whole.sectors,
    targets: out.targets,
    regionNames: [...s.regions],
    regions: s.regions.length > 1 ? s.regions.map((r) => regionView(run, lib, [r])) : [],
    costs,
    warnings: out.warnings,
    inventory: run.inventory,
    libraryVersion: lib.version,
    scenarioHash: run.hash,
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
