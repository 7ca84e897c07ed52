import { POLLUTANTS, type Projection } from '../src/core'
import type { YearTotals } from './measure'

/** Scenario (or counterfactual) totals per year and pollutant, summed over groups. */
export function yearTotals(pr: Projection, what: 'scenario' | 'counterfactual' = 'scenario'): YearTotals {
  const P = POLLUTANTS.length
  const Y = pr.years.length
  const a = pr[what]
  return pr.years.map((_, y) =>
    POLLUTANTS.map((_p, p) => {
      let t = 0
      for (let g = 0; g < pr.groups.length; g++) t += a[(g * P + p) * Y + y] as number
      return t
    }),
  )
}
