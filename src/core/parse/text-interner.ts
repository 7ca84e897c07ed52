/**
 * Intern text given as a range of a larger string: equal text gets one code and is materialised as a string
 * once, however many cells hold it (a dictionary column of a million records makes a few hundred strings).
 * Open addressing on an FNV-1a hash of the UTF-16 code units; codes are given in order of first appearance.
 */
export class TextInterner {
  readonly dict: string[] = []
  private hashes = new Int32Array(64)
  private table = new Int32Array(128).fill(-1)
  // The last code seen per (length, first, middle, last code unit): in a column of a few hundred distinct values
  // the next cell is almost always found here with one comparison and no hashing.
  private recent = new Int32Array(256).fill(-1)

  /** Return the code of `s[a, b)` (which must not be empty), adding it to the dictionary if it is new. */
  code(s: string, a: number, b: number): number {
    const key = ((b - a) * 31 + s.charCodeAt(a) * 7 + s.charCodeAt((a + b) >> 1) * 3 + s.charCodeAt(b - 1) * 13) & 255
    const seen = this.recent[key] as number
    if (seen >= 0 && sameText(this.dict[seen] as string, s, a, b)) return seen
    const c = this.lookUp(s, a, b)
    this.recent[key] = c
    return c
  }

  private lookUp(s: string, a: number, b: number): number {
    let h = 0x811c9dc5 | 0
    for (let p = a; p < b; p++) h = Math.imul(h ^ s.charCodeAt(p), 0x01000193)
    const table = this.table
    const mask = table.length - 1
    let slot = h & mask
    for (;;) {
      const c = table[slot] as number
      if (c < 0) break
      if (this.hashes[c] === h && sameText(this.dict[c] as string, s, a, b)) return c
      slot = (slot + 1) & mask
    }
    const c = this.dict.length
    this.dict.push(a === 0 && b === s.length ? s : s.slice(a, b))
    if (c >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2)
      grown.set(this.hashes)
      this.hashes = grown
    }
    this.hashes[c] = h
    table[slot] = c
    if (this.dict.length * 2 > table.length) this.rehash()
    return c
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1)
    const mask = table.length - 1
    for (let c = 0; c < this.dict.length; c++) {
      let slot = (this.hashes[c] as number) & mask
      while ((table[slot] as number) >= 0) slot = (slot + 1) & mask
      table[slot] = c
    }
    this.table = table
  }
}

function sameText(t: string, s: string, a: number, b: number): boolean {
  if (t.length !== b - a) return false
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) !== s.charCodeAt(a + k)) return false
  return true
}

/**
 * Find duplicate ids among a million records without a `Map` of strings: an open-addressing table of record
 * numbers keyed by an FNV-1a hash of the id's code units (V8's `Map` spends most of its time on cache misses
 * at this size).
 */
export class IdIndex {
  private hashes = new Int32Array(1024)
  private table = new Int32Array(2048).fill(-1)
  private count = 0

  /**
   * Record that record `i` has the id `ids[i]`, the text `s[a, b)`; return the earlier record with the same
   * id, or −1. Records are added in order 0, 1, 2…
   */
  add(ids: readonly string[], i: number, s: string, a: number, b: number): number {
    let h = 0x811c9dc5 | 0
    for (let p = a; p < b; p++) h = Math.imul(h ^ s.charCodeAt(p), 0x01000193)
    if (i >= this.hashes.length) {
      const grown = new Int32Array(Math.max(this.hashes.length * 2, i + 1))
      grown.set(this.hashes)
      this.hashes = grown
    }
    this.hashes[i] = h
    const table = this.table
    const mask = table.length - 1
    let slot = h & mask
    for (;;) {
      const r = table[slot] as number
      if (r < 0) break
      if (this.hashes[r] === h && sameText(ids[r] as string, s, a, b)) {
        // The latest record with this id answers the next duplicate, as a Map's set would.
        table[slot] = i
        return r
      }
      slot = (slot + 1) & mask
    }
    table[slot] = i
    if (++this.count * 2 > table.length) this.rehash()
    return -1
  }

  /** Size the table for `n` ids at once, so that a large file is not rehashed again and again. */
  reserve(n: number): void {
    if (n * 2 > this.table.length) this.rehash(2 ** Math.ceil(Math.log2(n * 2)))
  }

  private rehash(size = this.table.length * 2): void {
    const old = this.table
    const table = new Int32Array(size).fill(-1)
    const mask = table.length - 1
    for (const r of old) {
      if (r < 0) continue
      let slot = (this.hashes[r] as number) & mask
      while ((table[slot] as number) >= 0) slot = (slot + 1) & mask
      table[slot] = r
    }
    this.table = table
  }
}
