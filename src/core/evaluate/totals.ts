import { POLLUTANTS, type Pollutant } from '../schema'
import { attributionAt, seriesAt, type Projection, type Series } from '../simulate/projection'

export type { Series } from '../simulate/projection'

/** Return the pollutant index, or −1. */
export const pollutantIndex = (p: Pollutant): number => POLLUTANTS.indexOf(p)

/** Return the total of a series for a pollutant and year, over all regions or the given ones (NaN for a year not projected). */
export function total(pr: Projection, series: Series, p: Pollutant, year: number, regions?: readonly string[]): number {
  const y = pr.years.indexOf(year)
  if (y < 0) return NaN
  const k = pollutantIndex(p)
  let sum = 0
  pr.groups.forEach((g, gi) => {
    if (regions && !regions.includes(pr.regions[g.region] ?? '')) return
    sum += seriesAt(pr, series, gi, k, y)
  })
  return sum
}

/** Return the back-cast emission of a pollutant in a year before the inventory year (NaN when the projection has none). */
export function backcastTotal(pr: Projection, p: Pollutant, year: number, regions?: readonly string[]): number {
  const bc = pr.backcast
  const b = bc ? bc.years.indexOf(year) : -1
  if (!bc || b < 0) return NaN
  const B = bc.years.length
  const P = POLLUTANTS.length
  const k = pollutantIndex(p)
  let sum = 0
  pr.groups.forEach((g, gi) => {
    if (regions && !regions.includes(pr.regions[g.region] ?? '')) return
    sum += bc.values[(gi * P + k) * B + b] as number
  })
  return sum
}

/** Return the reduction credited to one measure (scenario index) for a pollutant and year. */
export function measureCredit(pr: Projection, m: number, p: Pollutant, year: number, regions?: readonly string[]): number {
  const y = pr.years.indexOf(year)
  if (y < 0) return NaN
  const k = pollutantIndex(p)
  let sum = 0
  pr.groups.forEach((g, gi) => {
    if (regions && !regions.includes(pr.regions[g.region] ?? '')) return
    sum += attributionAt(pr, m, gi, k, y)
  })
  return sum
}

/** Return the credited reduction (counterfactual − scenario) for a pollutant and year. */
export function credited(pr: Projection, p: Pollutant, year: number, regions?: readonly string[]): number {
  return total(pr, 'counterfactual', p, year, regions) - total(pr, 'scenario', p, year, regions)
}

/** Return the net change of the scenario vs the inventory year (negative = emissions fell). */
export function netChange(pr: Projection, p: Pollutant, year: number, regions?: readonly string[]): number {
  return total(pr, 'scenario', p, year, regions) - total(pr, 'scenario', p, pr.years[0] ?? year, regions)
}

/** Return per-sector totals of a series for one pollutant and year, over all regions or the given ones. */
export function bySector(pr: Projection, series: Series, p: Pollutant, year: number, regions?: readonly string[]): Map<string, number> {
  const y = pr.years.indexOf(year)
  const k = pollutantIndex(p)
  const out = new Map<string, number>()
  if (y < 0) return out
  pr.groups.forEach((g, gi) => {
    if (regions && !regions.includes(pr.regions[g.region] ?? '')) return
    const s = pr.sectors[g.sector] ?? ''
    out.set(s, (out.get(s) ?? 0) + seriesAt(pr, series, gi, k, y))
  })
  return out
}
