/** Measure kinds as small integers for the hot loop (switch and share act alike). */
export const KIND = { cut: 0, switch: 1, reduce: 2 } as const
export const CUT = KIND.cut
export const SWITCH = KIND.switch
export const REDUCE = KIND.reduce

/**
 * The emission formula of one class, year and pollutant (DESIGN §4.3, README "How it computes"), over the measures
 * active there (the players, 0..k−1 in canonical order):
 *
 *   E(S) = G · (1 − Σ_cut x) · [(1 − Σ_switch x) · ae · Π_reduce (1 − x·ρ) + A · Σ_switch x·κ·ef_to]
 *
 * with G the growth index, A the class activity and ae its activity × EF. `load` sets the players and `pollutant`
 * their per-pollutant terms; the arrays grow with the number of measures, so any k fits.
 */
export class EmissionGame {
  /** Number of players. */
  k = 0
  /** Kind code of each player. */
  kind = new Int8Array(16)
  /** Adoption x of each player this year. */
  x = new Float64Array(16)
  /** Reduce players: x·ρ for this pollutant (0 for the others). */
  xr = new Float64Array(16)
  /** Switch/share players: x·κ·ef_to (times the EF multiplier) for this pollutant (0 for the others). */
  e = new Float64Array(16)
  /** Growth index, class activity and class activity × EF of this year and pollutant. */
  G = 1
  a = 0
  ae = 0

  /** Make room for `m` players. */
  reserve(m: number): void {
    if (this.x.length >= m) return
    const n = Math.max(m, 2 * this.x.length)
    this.kind = new Int8Array(n)
    this.x = new Float64Array(n)
    this.xr = new Float64Array(n)
    this.e = new Float64Array(n)
  }

  /** Return E(all players), accumulated in player order (the same sums and products as any coalition evaluation). */
  total(): number {
    const { k, kind, x, xr, e } = this
    let cut = 0
    let sw = 0
    let red = 1
    let swEf = 0
    for (let b = 0; b < k; b++) {
      const kd = kind[b]
      if (kd === CUT) cut += x[b] ?? NaN
      else if (kd === REDUCE) red *= 1 - (xr[b] ?? NaN)
      else {
        sw += x[b] ?? NaN
        swEf += e[b] ?? NaN
      }
    }
    return this.G * (1 - cut) * ((1 - sw) * this.ae * red + this.a * swEf)
  }
}
