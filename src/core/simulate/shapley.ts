import { KIND, type EmissionGame } from './emission'
import { gaussLegendre, type Quadrature } from './gauss-legendre'

// Module-local copies: under a transpiler (tsx, vitest) each use of an imported binding is a getter call.
const CUT = KIND.cut
const REDUCE = KIND.reduce
/** Quadrature rules by node count, looked up by array index in the hot loop. */
const rules: Quadrature[] = []
const rule = (n: number): Quadrature => (rules[n] ??= gaussLegendre(n))

/** Prefix products of the reduce factors at one node (index b: product over players before b), grown as needed. */
let prefix = new Float64Array(17)

/**
 * Write into phi[0..k) the exact Shapley value of each player of an emission game, where the value of a coalition S
 * is the reduction E(∅) − E(S). The values sum to E(∅) − E(all) up to rounding, for any number of players.
 *
 * Why this is exact without visiting the 2^k coalitions: E is multilinear in the players' membership z ∈ {0,1}^k
 * (each term of the formula holds at most one cut, at most one switch and distinct reduce players), so it is its own
 * multilinear extension, and by Owen (1972) the Shapley value of player i is
 *
 *   φ_i = ∫₀¹ [E(z_i = 0, others = t) − E(z_i = 1, others = t)] dt,
 *
 * the average marginal contribution when every other player takes part with probability t. The integrand is a
 * polynomial in t of degree ≤ k − 1, so the ⌈k/2⌉-point Gauss–Legendre rule integrates it exactly; each node costs
 * O(k). With C = tΣ_cut x, S = tΣ_switch x, Π = Π_reduce (1 − t·xρ) and F = tΣ_switch x·κ·ef_to, the marginals are
 *   cut i:    G · x_i · [(1 − S)·ae·Π + A·F]
 *   switch j: G · (1 − C) · [x_j·ae·Π − A·x_j·κ_j·ef_j]
 *   reduce l: G · (1 − C)(1 − S) · ae · Π_{−l} · x_l ρ_l      (Π_{−l}: the product without l, from prefix × suffix).
 * All arithmetic runs in player (measure-id) order, so the result does not depend on the order measures are listed.
 */
export function shapleyInto(g: EmissionGame, phi: Float64Array): void {
  const { k, kind, x, xr, e, G, a, ae } = g
  if (phi.length < k) throw new RangeError(`Shapley buffer holds ${phi.length} values, the class has ${k} measures`)
  if (k === 0) return
  // One player (most classes): its value is the whole reduction, E(∅) − E({it}), with no quadrature.
  if (k === 1) {
    phi[0] = G * ae - g.total()
    return
  }
  for (let b = 0; b < k; b++) phi[b] = 0
  if (prefix.length < k + 1) prefix = new Float64Array(2 * (k + 1))
  let sumCut = 0
  let sumSw = 0
  let sumE = 0
  for (let b = 0; b < k; b++) {
    const kd = kind[b]
    if (kd === CUT) sumCut += x[b] ?? NaN
    else if (kd !== REDUCE) {
      sumSw += x[b] ?? NaN
      sumE += e[b] ?? NaN
    }
  }
  const q = rule(Math.ceil(k / 2))
  for (let n = 0; n < q.t.length; n++) {
    const t = q.t[n] ?? NaN
    const w = (q.w[n] ?? NaN) * G
    let pi = 1
    for (let b = 0; b < k; b++) {
      prefix[b] = pi
      if (kind[b] === REDUCE) pi *= 1 - t * (xr[b] ?? NaN)
    }
    const oneMinusC = 1 - t * sumCut
    const oneMinusS = 1 - t * sumSw
    const cutMarginal = oneMinusS * ae * pi + a * t * sumE
    // Walk back so the suffix product of the reduce factors after b is at hand.
    let suffix = 1
    for (let b = k - 1; b >= 0; b--) {
      const kd = kind[b]
      let d: number
      if (kd === CUT) d = (x[b] ?? NaN) * cutMarginal
      else if (kd === REDUCE) {
        const r = xr[b] ?? NaN
        d = oneMinusC * oneMinusS * ae * (prefix[b] ?? NaN) * suffix * r
        suffix *= 1 - t * r
      } else d = oneMinusC * ((x[b] ?? NaN) * ae * pi - a * (e[b] ?? NaN))
      phi[b] = (phi[b] ?? NaN) + w * d
    }
  }
}
