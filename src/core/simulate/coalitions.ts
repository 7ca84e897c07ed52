import { EXACT_PLAYER_LIMIT } from './shapley'

/** Measure kinds as small integers for the hot loop (switch and share act alike). */
export const CUT = 0
export const SWITCH = 1
export const REDUCE = 2

/**
 * Scratch arrays for the emission of every coalition of one class, year and pollutant (DESIGN §4.3):
 * E(S) = G · (1 − Σ_cut x) · [(1 − Σ_switch x) · ae · Π_reduce (1 − xρ) + A · Σ_switch x·κ·ef_to].
 * Players are indexed 0..k−1; `players[b]` is the measure, `playerPos[b]` its membership (for κ·ef_to).
 */
export class MaskScratch {
  readonly value = new Float64Array(1 << EXACT_PLAYER_LIMIT)
  private readonly cut = new Float64Array(1 << EXACT_PLAYER_LIMIT)
  private readonly sw = new Float64Array(1 << EXACT_PLAYER_LIMIT)
  private readonly red = new Float64Array(1 << EXACT_PLAYER_LIMIT)
  private readonly swEf = new Float64Array(1 << EXACT_PLAYER_LIMIT)

  /**
   * Fill `value[mask]` for all 2^k coalitions (k ≤ EXACT_PLAYER_LIMIT). Each coalition extends the one without
   * its highest player, so every sum and product accumulates in ascending player order exactly as `one` does.
   */
  fill(
    k: number,
    G: number,
    a: number,
    ae: number,
    ef: number,
    p: number,
    y: number,
    Y: number,
    players: Int32Array,
    playerPos: Int32Array,
    kind: Int8Array,
    X: Float64Array,
    R: Float64Array,
    switchEf: Float64Array,
  ): void {
    const { value, cut, sw, red, swEf } = this
    const P = R.length / kind.length
    cut[0] = 0
    sw[0] = 0
    red[0] = 1
    swEf[0] = 0
    value[0] = G * (1 - 0) * ((1 - 0) * ae * 1 + a * 0)
    const n = 1 << k
    for (let mask = 1; mask < n; mask++) {
      const b = 31 - Math.clz32(mask)
      const prev = mask ^ (1 << b)
      const mi = players[b] as number
      const x = X[mi * Y + y] as number
      let c = cut[prev] as number
      let s = sw[prev] as number
      let r = red[prev] as number
      let e = swEf[prev] as number
      const kd = kind[mi]
      if (kd === CUT) c += x
      else if (kd === REDUCE) r *= 1 - x * (R[mi * P + p] as number)
      else {
        s += x
        e += x * (switchEf[(playerPos[b] as number) * P + p] as number) * ef
      }
      cut[mask] = c
      sw[mask] = s
      red[mask] = r
      swEf[mask] = e
      value[mask] = G * (1 - c) * ((1 - s) * ae * r + a * e)
    }
  }

  /** The emission of one coalition, evaluated from scratch (used above the exact limit). */
  one(
    mask: number,
    k: number,
    G: number,
    a: number,
    ae: number,
    ef: number,
    p: number,
    y: number,
    Y: number,
    players: Int32Array,
    playerPos: Int32Array,
    kind: Int8Array,
    X: Float64Array,
    R: Float64Array,
    switchEf: Float64Array,
  ): number {
    const P = R.length / kind.length
    let cut = 0
    let sw = 0
    let red = 1
    let swEf = 0
    for (let b = 0; b < k; b++) {
      if (!(mask & (1 << b))) continue
      const mi = players[b] as number
      const x = X[mi * Y + y] as number
      const kd = kind[mi]
      if (kd === CUT) cut += x
      else if (kd === REDUCE) red *= 1 - x * (R[mi * P + p] as number)
      else {
        sw += x
        swEf += x * (switchEf[(playerPos[b] as number) * P + p] as number) * ef
      }
    }
    return G * (1 - cut) * ((1 - sw) * ae * red + a * swEf)
  }
}
