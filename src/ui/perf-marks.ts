// User-timing marks for `npm run bench:browser` (bench/browser/probe.ts reads them with a PerformanceObserver).
// Each name keeps only its newest entry, so a long session does not accumulate them.

/** Set the mark `name` (replacing its previous one) and return its time stamp. */
export function perfMark(name: string): number {
  performance.clearMarks(name)
  return performance.mark(name).startTime
}

/** Record `name` as a measure from `start` to now (replacing its previous one). */
export function perfMeasure(name: string, start: number): void {
  performance.clearMeasures(name)
  performance.measure(name, { start, end: performance.now() })
}
