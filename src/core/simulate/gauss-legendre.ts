/**
 * Gauss–Legendre nodes and weights on [0, 1]: n nodes integrate every polynomial of degree ≤ 2n − 1 exactly (up to
 * rounding), with positive weights that sum to 1.
 */
export interface Quadrature {
  /** Nodes in (0, 1), ascending. */
  t: Float64Array
  /** Weights, positive, summing to 1. */
  w: Float64Array
}

const cache = new Map<number, Quadrature>()

/**
 * Return cos θ for θ ∈ [0, π] from its Taylor series: only + − × ÷, so every engine gives the same bits (Math.cos
 * is not specified to the bit, and the app must give the CLI's numbers to the last digit). Used only as a starting
 * point for Newton's method, where 1e-15 is more than enough.
 */
function cosSeries(theta: number): number {
  const x2 = theta * theta
  let term = 1
  let sum = 1
  // π^48 / 48! < 1e-37: 24 terms reach full precision on [0, π].
  for (let m = 1; m <= 24; m++) {
    term = (-term * x2) / ((2 * m - 1) * (2 * m))
    sum += term
  }
  return sum
}

/** Return P_n(x) and P_n'(x) by the three-term recurrence. */
function legendre(n: number, x: number): [number, number] {
  let p0 = 1
  let p1 = x
  for (let j = 1; j < n; j++) {
    const p2 = ((2 * j + 1) * x * p1 - j * p0) / (j + 1)
    p0 = p1
    p1 = p2
  }
  // P_n'(x) = n (x P_n − P_{n−1}) / (x² − 1); nodes are never ±1.
  return [p1, (n * (x * p1 - p0)) / (x * x - 1)]
}

/**
 * Return the n-point Gauss–Legendre rule on [0, 1] (n ≥ 1), computed once per n. Nodes come from Newton's method
 * on P_n started at Tricomi's approximation; the rule is made exactly symmetric (t ↔ 1 − t, equal weights).
 */
export function gaussLegendre(n: number): Quadrature {
  const hit = cache.get(n)
  if (hit) return hit
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Gauss–Legendre needs n ≥ 1, got ${n}`)
  const t = new Float64Array(n)
  const w = new Float64Array(n)
  const half = Math.floor(n / 2)
  for (let i = 0; i < half; i++) {
    // The (i+1)-th largest root of P_n: x ≈ (1 − 1/(8n²) + 1/(8n³)) cos(π (4i + 3)/(4n + 2)).
    let x = (1 - 1 / (8 * n * n) + 1 / (8 * n * n * n)) * cosSeries((Math.PI * (4 * i + 3)) / (4 * n + 2))
    // Newton converges quadratically from there; stop once a step is below the spacing of doubles near 1.
    for (let it = 0; it < 100; it++) {
      const [p, dp] = legendre(n, x)
      const dx = p / dp
      x -= dx
      if (Math.abs(dx) <= 2.3e-16) break
    }
    const d = legendre(n, x)[1]
    const weight = 1 / ((1 - x * x) * d * d)
    // On [0, 1]: t = (1 ± x)/2, weight = 2/((1 − x²) P'²) / 2.
    t[i] = (1 - x) / 2
    t[n - 1 - i] = (1 + x) / 2
    w[i] = weight
    w[n - 1 - i] = weight
  }
  if (n % 2 === 1) {
    const [, d] = legendre(n, 0)
    t[half] = 0.5
    w[half] = 1 / (d * d)
  }
  const q = { t, w }
  cache.set(n, q)
  return q
}
