import { prand } from './prand'

/** Above this many interacting measures on one class, Shapley values are sampled (DESIGN §4.4). */
export const EXACT_PLAYER_LIMIT = 12
const SAMPLED_PERMUTATIONS = 2000

const weightCache: Float64Array[] = []

/** Return w[s] = s! (k − s − 1)! / k!, the Shapley weight of a coalition of size s among k players. */
function weights(k: number): Float64Array {
  const hit = weightCache[k]
  if (hit) return hit
  const w = new Float64Array(k)
  for (let s = 0; s < k; s++) {
    // s!(k−s−1)!/k! = 1 / (k × C(k−1, s))
    let binom = 1
    for (let j = 1; j <= s; j++) binom = (binom * (k - 1 - s + j)) / j
    w[s] = 1 / (k * binom)
  }
  weightCache[k] = w
  return w
}

let scratch = new Float64Array(1 << 8)
const popcount = (x: number): number => {
  let c = 0
  for (let v = x; v; v &= v - 1) c++
  return c
}
/** popcount of every mask up to the exact limit. */
const POPCOUNT = new Uint8Array(1 << EXACT_PLAYER_LIMIT)
for (let m = 1; m < POPCOUNT.length; m++) POPCOUNT[m] = (POPCOUNT[m >> 1] as number) + (m & 1)

/**
 * Write into phi[0..k) the exact Shapley value of each player, where the value of a coalition S is the
 * reduction E(∅) − E(S). The values sum to E(∅) − E(all) up to rounding and do not depend on player order
 * beyond the order the caller fixes.
 */
export function shapleyExact(k: number, emission: (mask: number) => number, phi: Float64Array): void {
  const n = 1 << k
  if (scratch.length < n) scratch = new Float64Array(n)
  for (let mask = 0; mask < n; mask++) scratch[mask] = emission(mask)
  shapleyValues(k, scratch, phi)
}

/** Like `shapleyExact`, from the emissions of all 2^k coalitions already in `values` (k ≤ EXACT_PLAYER_LIMIT). */
export function shapleyValues(k: number, values: Float64Array, phi: Float64Array): void {
  const n = 1 << k
  const w = weights(k)
  for (let b = 0; b < k; b++) {
    const bit = 1 << b
    let acc = 0
    for (let mask = 0; mask < n; mask++) {
      if (mask & bit) continue
      acc += (w[(k <= EXACT_PLAYER_LIMIT ? POPCOUNT[mask] : popcount(mask)) as number] as number) * ((values[mask] as number) - (values[mask | bit] as number))
    }
    phi[b] = acc
  }
}

/**
 * Estimate Shapley values from a fixed number of seeded random permutations. Each permutation's marginal
 * contributions telescope, so the estimates still sum exactly to the total reduction.
 */
export function shapleySampled(k: number, emission: (mask: number) => number, phi: Float64Array, seed: number): void {
  const rng = prand(seed)
  phi.fill(0, 0, k)
  const order = Array.from({ length: k }, (_, i) => i)
  for (let it = 0; it < SAMPLED_PERMUTATIONS; it++) {
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1))
      const t = order[i] as number
      order[i] = order[j] as number
      order[j] = t
    }
    let mask = 0
    let prev = emission(0)
    for (const b of order) {
      mask |= 1 << b
      const cur = emission(mask)
      phi[b] = (phi[b] as number) + (prev - cur)
      prev = cur
    }
  }
  for (let b = 0; b < k; b++) phi[b] = (phi[b] as number) / SAMPLED_PERMUTATIONS
}
