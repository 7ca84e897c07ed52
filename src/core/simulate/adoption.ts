/** Months are counted as year × 12 + (month − 1); time t is continuous in months, 1 month = 1/12 year. */
export function monthIndex(ym: string): number {
  const y = Number(ym.slice(0, 4))
  const m = Number(ym.slice(5, 7))
  return y * 12 + (m - 1)
}

/** A phase-in schedule as used by the simulation. */
export interface ScheduleSpec {
  start: string
  complete: string
  level: number
  shape: 'linear' | 'step'
}

/**
 * Return the integral of X(t) from −∞ to t (in level × months).
 * Linear: X rises from 0 at the start of the start month (t0) to `level` at the end of the completion month (t1).
 * Step: X jumps to `level` at t1.
 */
function cumulative(t: number, t0: number, t1: number, level: number, shape: 'linear' | 'step'): number {
  if (shape === 'step' || t1 <= t0) return t <= t1 ? 0 : level * (t - t1)
  if (t <= t0) return 0
  const d = t1 - t0
  if (t < t1) return (level * (t - t0) * (t - t0)) / (2 * d)
  return level * (d / 2 + (t - t1))
}

/** Return the exact mean adoption over calendar year `year`, clamped to [0, 1]. */
export function annualAdoption(s: ScheduleSpec, year: number): number {
  const t0 = monthIndex(s.start)
  const t1 = monthIndex(s.complete) + 1
  const a = year * 12
  // Whole years before the start or after completion are exact, with no rounding from the integral.
  if (a >= t1) return Math.min(1, Math.max(0, s.level))
  if (a + 12 <= t0) return 0
  const mean = (cumulative(a + 12, t0, t1, s.level, s.shape) - cumulative(a, t0, t1, s.level, s.shape)) / 12
  return Math.min(1, Math.max(0, mean))
}

/** Return X(t) at the end of month `ym` (for presenters and charts). */
export function adoptionAt(s: ScheduleSpec, t: number): number {
  const t0 = monthIndex(s.start)
  const t1 = monthIndex(s.complete) + 1
  if (s.shape === 'step' || t1 <= t0) return t >= t1 ? s.level : 0
  if (t <= t0) return 0
  if (t >= t1) return s.level
  return (s.level * (t - t0)) / (t1 - t0)
}
