/** Class of every record and each class's first record and size, from refinement by the measures' selections. */
export interface ClassPartition {
  count: number
  /** Class of each record, −1 for records that take no part. */
  classIdx: Int32Array
  firstRecord: Int32Array
  records: Int32Array
}

/**
 * Partition the included records into classes: records share a class iff they share region, sector and
 * technology (the base key) and are selected by exactly the same measures. Refinement costs one typed-array
 * lookup per selected record per measure. Classes are numbered by their first record.
 */
export function partitionRecords(n: number, include: Uint8Array, baseKey: (i: number) => number, selections: readonly Int32Array[]): ClassPartition {
  const id = new Int32Array(n).fill(-1)
  const baseIds = new Map<number, number>()
  let next = 0
  for (let i = 0; i < n; i++) {
    if (!include[i]) continue
    const k = baseKey(i)
    let b = baseIds.get(k)
    if (b === undefined) {
      b = next++
      baseIds.set(k, b)
    }
    id[i] = b
  }
  for (const sel of selections) {
    const remap = new Int32Array(next).fill(-1)
    let added = 0
    for (const i of sel) {
      const old = id[i] ?? -1
      let nid = remap[old] ?? -1
      if (nid < 0) remap[old] = nid = next + added++
      id[i] = nid
    }
    next += added
  }
  const classOf = new Int32Array(next).fill(-1)
  const first: number[] = []
  const size: number[] = []
  for (let i = 0; i < n; i++) {
    const k = id[i] ?? -1
    if (k < 0) continue
    let c = classOf[k] ?? -1
    if (c < 0) {
      classOf[k] = c = first.length
      first.push(i)
      size.push(0)
    }
    id[i] = c
    size[c] = (size[c] ?? 0) + 1
  }
  return { count: first.length, classIdx: id, firstRecord: Int32Array.from(first), records: Int32Array.from(size) }
}
