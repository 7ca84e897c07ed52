// Axis ends chosen by the app rather than by Plotly's autorange: rounded out to a step of about a tenth of the
// span, an end moves only when a value crosses a step. The axes keep still while a slider is dragged (no
// jitter), and a chart whose axes did not move can be updated by Plotly's light trace-only path.

/** The step 1, 2 or 5 × 10^k nearest above a tenth of `span` (span > 0). */
export function niceStep(span: number): number {
  const raw = span / 10
  const p = 10 ** Math.floor(Math.log10(raw))
  const m = raw / p
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p
}

/** The axis end above `max` with at least 5 % head room, on the step grid; 1 for an all-zero chart. */
export function stableMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1
  const step = niceStep(max)
  return Math.ceil((max * 1.05) / step) * step
}

/** The range [lo, hi] widened out to the step grid of its span (lo ≥ 0 stays ≥ 0). */
export function stableRange(lo: number, hi: number): [number, number] {
  const span = hi - lo
  if (!(span > 0) || !Number.isFinite(span)) return [lo, hi > lo ? hi : lo + 1]
  const step = niceStep(span)
  const a = Math.floor(lo / step) * step
  return [lo >= 0 ? Math.max(0, a) : a, Math.ceil(hi / step) * step]
}
