/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** Run `fn` `warmup` times untimed, then `runs` times; return the median wall time in ms and the last result. */
export function timeSync<T>(fn: (k: number) => T, runs: number, warmup = 1): { ms: number; result: T } {
  let result = fn(-1)
  for (let k = 1; k < warmup; k++) result = fn(-1 - k)
  const times: number[] = []
  for (let k = 0; k < runs; k++) {
    const t = performance.now()
    result = fn(k)
    times.push(performance.now() - t)
  }
  return { ms: median(times), result }
}

/** Async variant of `timeSync`. */
export async function timeAsync<T>(fn: (k: number) => Promise<T>, runs: number, warmup = 1): Promise<{ ms: number; result: T }> {
  let result = await fn(-1)
  for (let k = 1; k < warmup; k++) result = await fn(-1 - k)
  const times: number[] = []
  for (let k = 0; k < runs; k++) {
    const t = performance.now()
    result = await fn(k)
    times.push(performance.now() - t)
  }
  return { ms: median(times), result }
}

/** Resident-set high-water mark of this process so far, MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024
}

/** Per-year totals [year][NOx, VOCs]. */
export type YearTotals = number[][]

/**
 * Throw unless two per-year totals agree to `tol` relative in every year and pollutant (DESIGN §5: no time is
 * reported for results that disagree).
 */
export function assertAgree(what: string, a: YearTotals, b: YearTotals, tol = 1e-9): number {
  let worst = 0
  a.forEach((row, y) =>
    row.forEach((x, p) => {
      const v = b[y]?.[p] ?? NaN
      const rel = Math.abs(x - v) / Math.max(Math.abs(x), Math.abs(v), 1e-300)
      if (!(rel <= tol)) throw new Error(`bench: ${what} disagree in year index ${y}, pollutant ${p}: ${x} vs ${v} (relative ${rel})`)
      worst = Math.max(worst, rel)
    }),
  )
  return worst
}

/** Time two functions alternately (so that background load hits both alike); medians in ms. */
export function timePaired(a: (k: number) => unknown, b: (k: number) => unknown, runs: number, warmup = 1): { a: number; b: number } {
  for (let k = 0; k < warmup; k++) {
    a(-1 - k)
    b(-1 - k)
  }
  const ta: number[] = []
  const tb: number[] = []
  for (let k = 0; k < runs; k++) {
    let t = performance.now()
    a(k)
    ta.push(performance.now() - t)
    t = performance.now()
    b(k)
    tb.push(performance.now() - t)
  }
  return { a: median(ta), b: median(tb) }
}
