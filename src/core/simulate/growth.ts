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

/**
 * Return the activity index G(y) of a sector for each projection year (G(y0) = 1), from the most specific
 * growth entry whose sector is the sector itself or one of its ancestors. Index series are interpolated
 * linearly between the given years and held flat after the last one.
 */
export function growthSeries(sector: string, growth: readonly GrowthSpec[], y0: number, years: readonly number[]): Float64Array | Issue {
  let best: GrowthSpec | undefined
  let bestIndex = -1
  growth.forEach((g, i) => {
    if ((sector === g.sector || sector.startsWith(`${g.sector}.`)) && (!best || g.sector.length > best.sector.length)) {
      best = g
      bestIndex = i
    }
  })
  const out = new Float64Array(years.length)
  if (!best) return out.fill(1)
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
