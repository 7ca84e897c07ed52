/**
 * Return the year a report shows when none is asked for: the latest target year within the projection, else the
 * projection's last year. The command line's table, the app's KPI cards and waterfall, the comparison and the cost
 * table all follow this one rule.
 */
export function focusYear(years: readonly number[], targets: readonly { year: number }[]): number {
  let best = NaN
  for (const t of targets) if (years.includes(t.year) && !(t.year <= best)) best = t.year
  return Number.isNaN(best) ? (years[years.length - 1] ?? NaN) : best
}
