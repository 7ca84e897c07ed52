/**
 * A stateless hash generator: the value for (record, field) depends on nothing else, so the first n records
 * of a larger synthetic inventory are exactly the smaller one (the naive peer relies on this when sampled).
 */
export function hash01(record: number, field: number): number {
  let h = (Math.imul(record, 0x9e3779b1) ^ Math.imul(field + 1, 0x85ebca6b)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

/** Pick from weighted choices with a uniform u in [0, 1). */
export function pickWeighted<T>(items: readonly (readonly [T, number])[], u: number): T {
  let total = 0
  for (const [, w] of items) total += w
  let x = u * total
  for (const [v, w] of items) {
    if (x < w) return v
    x -= w
  }
  return (items[items.length - 1] as readonly [T, number])[0]
}
