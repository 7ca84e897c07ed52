import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'

/** Return a seeded uniform [0, 1) generator (pure-rand xoroshiro128+): the same draws on every machine. */
export function prand(seed: number): () => number {
  const g = xoroshiro128plus(seed | 0)
  return () => uniformFloat64(g)
}
