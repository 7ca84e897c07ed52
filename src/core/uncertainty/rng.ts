import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus'

/** One step of splitmix32 (a 32-bit integer mixer): spreads nearby seeds over the whole state space. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) | 0
}

/**
 * Return the uniform [0, 1) generator of Monte Carlo draw `draw` under `seed` (pure-rand xoroshiro128+).
 * The state depends on (seed, draw) only, so draws can be split across chunks or workers in any way and
 * every machine sees the same numbers.
 */
export function drawGenerator(seed: number, draw: number): () => number {
  const a = mix32(seed | 0)
  const b = mix32(a ^ (draw | 0))
  const c = mix32(b ^ 0x632be5ab)
  const d = mix32(c ^ Math.floor(draw / 0x100000000))
  // xoroshiro128+ must not start from the all-zero state.
  const g = xoroshiro128plusFromState(a === 0 && b === 0 && c === 0 && d === 0 ? [1, 0, 0, 0] : [a, b, c, d])
  return () => uniformFloat64(g)
}
