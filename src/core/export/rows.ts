import type { TargetResult } from '../evaluate/targets'
import { credited, measureCredit, netChange, total } from '../evaluate/totals'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Scenario } from '../schema'
import { seriesAt, type Projection } from '../simulate/projection'
import type { Cell } from './csv'

/** Long-format emissions: one row per region, sector, pollutant and year. */
export const EMISSION_HEADER = ['region', 'sector', 'pollutant', 'year', 'counterfactual_t', 'scenario_t', 'credited_t'] as const

/** Return the emission rows of a projection, optionally for some years or some regions only. */
export function emissionRows(pr: Projection, years?: readonly number[], regions?: readonly string[]): Cell[][] {
  const rows: Cell[][] = []
  pr.groups.forEach((g, gi) => {
    if (regions && !regions.includes(pr.regions[g.region] ?? '')) return
    POLLUTANTS.forEach((p, k) => {
      pr.years.forEach((y, yi) => {
        if (years && !years.includes(y)) return
        const cf = seriesAt(pr, 'counterfactual', gi, k, yi)
        const sc = seriesAt(pr, 'scenario', gi, k, yi)
        rows.push([pr.regions[g.region], pr.sectors[g.sector], p, y, cf, sc, cf - sc])
      })
    })
  })
  return rows
}

/** Return `v`, or 0 when it is within a microgram of zero (Shapley sums of differences leave float noise). */
const snapZero = (v: number): number => (Math.abs(v) < 1e-9 ? 0 : v)

/** Per-measure credited reductions (Shapley), one row per measure, pollutant and year. */
export const MEASURE_HEADER = [
  'measure',
  'label_zh',
  'label_en',
  'clause',
  'template',
  'kind',
  'pollutant',
  'year',
  'adoption',
  'credited_t',
  'share_of_credited_pct',
] as const

/** Return the measure rows of a projection: credits summed over all regions, or over the given ones (shares of their credit). */
export function measureRows(pr: Projection, r: ResolvedScenario, s: Scenario, years?: readonly number[], regions?: readonly string[]): Cell[][] {
  const rows: Cell[][] = []
  r.measures.forEach((m, mi) => {
    const inst = s.measures[m.index]
    POLLUTANTS.forEach((p) => {
      pr.years.forEach((y, yi) => {
        if (years && !years.includes(y)) return
        // A credit that is zero up to rounding (a NOx measure's VOCs share) is written 0, not −0 or ±1e-13.
        const c = snapZero(measureCredit(pr, mi, p, y, regions))
        const tot = credited(pr, p, y, regions)
        rows.push([
          m.id,
          inst?.label.zh,
          inst?.label.en,
          inst?.clause,
          m.template.spec.id,
          m.kind,
          p,
          y,
          pr.measures[mi]?.adoption[yi],
          c,
          tot !== 0 ? (100 * c) / tot : 0,
        ])
      })
    })
  })
  return rows
}

/** Target results, one row each. */
export const TARGET_HEADER = [
  'target',
  'pollutant',
  'year',
  'kind',
  'projected_t',
  'required_t',
  'gap_t',
  'achieved_pct',
  'required_pct',
  'gap_pp',
  'met',
  'source',
] as const

/** Return the target rows. */
export function targetRows(targets: readonly TargetResult[]): Cell[][] {
  return targets.map((t) => [t.id, t.pollutant, t.year, t.kind, t.projected, t.required, t.gapT, t.achievedPct, t.requiredPct, t.gapPp, t.met, t.source])
}

/** Totals over all regions, one row per pollutant and year: with and without the measures, and vs the inventory year. */
export const TOTAL_HEADER = ['pollutant', 'year', 'counterfactual_t', 'scenario_t', 'credited_t', 'net_change_t', 'net_change_pct'] as const

/** Return the total rows of a projection: credited = counterfactual − scenario; net change = scenario − inventory year. */
export function totalRows(pr: Projection, years?: readonly number[], regions?: readonly string[]): Cell[][] {
  const rows: Cell[][] = []
  for (const p of POLLUTANTS)
    for (const y of pr.years) {
      if (years && !years.includes(y)) continue
      const base = total(pr, 'scenario', p, pr.years[0] ?? y, regions)
      const net = netChange(pr, p, y, regions)
      rows.push([
        p,
        y,
        total(pr, 'counterfactual', p, y, regions),
        total(pr, 'scenario', p, y, regions),
        credited(pr, p, y, regions),
        net,
        base !== 0 ? (100 * net) / base : 0,
      ])
    }
  return rows
}
