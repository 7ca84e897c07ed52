import { issue, type Issue } from '../issues'
import type { GrowthSpec } from '../schema'

/**
 * Return b^n for a whole n ≥ 0 by repeated multiplication. Each step is one correctly rounded IEEE multiplication,
 * so every JavaScript engine gives the same bits; `**` does not (Node 20's V8 and Chromium's round `1.01 ** 8`
 * differently in about one case in twenty), and the app must give the CLI's numbers to the last digit.
 */
export function powInt(b: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) return b ** n
  let g = 1
  for (let k = 0; k < n; k++) g *= b
  return g
}

/** Return the growth entry that governs a sector and its position: the sector's own or its most specific ancestor's. */
export function governingGrowth(sector: string, growth: readonly GrowthSpec[]): { spec: GrowthSpec; index: number } | undefined {
  let best: { spec: GrowthSpec; index: number } | undefined
  growth.forEach((g, index) => {
    if ((sector === g.sector || sector.startsWith(`${g.sector}.`)) && (!best || g.sector.length > best.spec.sector.length)) best = { spec: g, index }
  })
  return best
}

/**
 * Return the activity index G(y) of a sector for each projection year (G(y0) = 1), from the most specific
 * growth entry whose sector is the sector itself or one of its ancestors. Index series are interpolated
 * linearly between the given years and held flat after the last one.
 */
export function growthSeries(sector: string, growth: readonly GrowthSpec[], y0: number, years: readonly number[]): Float64Array | Issue {
  const gov = governingGrowth(sector, growth)
  const out = new Float64Array(years.length)
  if (!gov) return out.fill(1)
  const { spec: best, index: bestIndex } = gov
  if ('rate_pct' in best) {
    const r = 1 + best.rate_pct / 100
    years.forEach((y, k) => (out[k] = powInt(r, y - y0)))
    return out
  }
  const pts = Object.entries(best.index)
    .map(([y, v]) => [Number(y), v] as const)
    .filter(([y]) => y !== y0)
    .concat([[y0, 1]])
    .sort((a, b) => a[0] - b[0])
  const first = pts[0]
  if (first && first[0] < y0)
    return issue('growth.before-start', `增长指数含起始年之前的年份 ${first[0]}`, `growth index has year ${first[0]} before the inventory year`, {
      path: ['growth', bestIndex, 'index'],
    })
  years.forEach((y, k) => {
    let v = pts[pts.length - 1]?.[1] ?? 1
    for (let j = 0; j + 1 < pts.length; j++) {
      const [ya, va] = pts[j] as readonly [number, number]
      const [yb, vb] = pts[j + 1] as readonly [number, number]
      if (y >= ya && y <= yb) {
        // Weighted form: exact at both ends and never below zero for non-negative indices.
        const t = (y - ya) / (yb - ya)
        v = va * (1 - t) + vb * t
        break
      }
    }
    out[k] = v
  })
  return out
}

/**
 * Return the activity index G(year) of a sector for a year before the inventory year (G(y0) = 1), from the same
 * growth entry `growthSeries` picks: (1 + r)^(year − y0) as 1 / (1 + r)^(y0 − year) by repeated multiplication
 * (bit-identical across engines), 1 for a sector without an entry (the projection assumes no growth there either).
 * An index series says nothing before the inventory year, so it is an issue located at the entry.
 */
export function growthBefore(sector: string, growth: readonly GrowthSpec[], y0: number, year: number): number | Issue {
  const gov = governingGrowth(sector, growth)
  if (!gov) return 1
  const { spec: best, index: bestIndex } = gov
  if ('rate_pct' in best) return 1 / powInt(1 + best.rate_pct / 100, y0 - year)
  return issue(
    'growth.backcast-index',
    `行业 "${best.sector}" 的增长为指数序列，无法倒推到 ${year} 年；请改用年增长率或给出基准值 value_t`,
    `sector "${best.sector}" grows by an index series, which cannot be back-cast to ${year}; give an annual rate or the reference's value_t`,
    { path: ['growth', bestIndex] },
  )
}
