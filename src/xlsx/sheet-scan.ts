/**
 * Count a worksheet's rows and cells from its XML bytes as they are inflated, chunk by chunk, without building
 * strings or a document: the guards refuse a sheet with too many rows, or with cells exceljs cannot place (no `r`
 * reference), before exceljs materialises a single cell. Tags are found with the native `indexOf`; only the bytes
 * of a tag are looked at one by one.
 */

const LT = 0x3c // <
const GT = 0x3e // >
const SLASH = 0x2f
const COLON = 0x3a
const R = 0x72
const O = 0x6f
const W = 0x77
const C = 0x63
const EQ = 0x3d
const DQ = 0x22
const SQ = 0x27
/** Longest tag kept across a chunk boundary; a longer one (no sheet writes one) is skipped. */
const MAX_TAG = 4096

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
const isDelimiter = (c: number | undefined) => c === undefined || isSpace(c) || c === GT || c === SLASH

/** A streaming scanner of one worksheet's XML: feed it the inflated bytes in order. */
export class SheetScanner {
  /** `<row>` elements seen. */
  rows = 0
  /** `<c>` elements seen. */
  cells = 0
  /** The sheet row (its `r`, else its position) of the first cell without an `r` reference. */
  missingRef: number | undefined

  private row = 0
  /** The start of a tag the previous chunk ended in. */
  private carry: Uint8Array | undefined

  /** Scan the next bytes of the sheet. */
  feed(chunk: Uint8Array): void {
    let b = chunk
    if (this.carry) {
      b = new Uint8Array(this.carry.length + chunk.length)
      b.set(this.carry)
      b.set(chunk, this.carry.length)
      this.carry = undefined
    }
    let i = b.indexOf(LT)
    while (i >= 0) {
      const end = b.indexOf(GT, i + 1)
      if (end < 0) {
        if (b.length - i <= MAX_TAG) this.carry = b.slice(i)
        return
      }
      this.tag(b, i + 1, end)
      i = b.indexOf(LT, end + 1)
    }
  }

  /** Look at one tag, b[from, to) between `<` and `>`. */
  private tag(b: Uint8Array, from: number, to: number): void {
    let nameEnd = from
    while (nameEnd < to && !isDelimiter(b[nameEnd])) nameEnd++
    // The local part of a prefixed name (x:row).
    let local = from
    for (let k = from; k < nameEnd; k++) if (b[k] === COLON) local = k + 1
    const len = nameEnd - local
    if (len === 3 && b[local] === R && b[local + 1] === O && b[local + 2] === W) {
      this.rows++
      const ref = attribute(b, nameEnd, to)
      this.row = ref > 0 ? ref : this.row + 1
    } else if (len === 1 && b[local] === C) {
      this.cells++
      if (this.missingRef === undefined && attribute(b, nameEnd, to) < 0) this.missingRef = Math.max(1, this.row)
    }
  }
}

/**
 * Find the `r` attribute among a tag's attributes b[from, to): its value as a whole number (0 when it is not one,
 * as in a cell's `r="B7"`), or −1 when the tag has none (or its attributes cannot be read). Quoted values are
 * skipped whole.
 */
function attribute(b: Uint8Array, from: number, to: number): number {
  let k = from
  while (k < to) {
    while (k < to && (isSpace(b[k]) || b[k] === SLASH)) k++
    const nameStart = k
    while (k < to && b[k] !== EQ && !isSpace(b[k])) k++
    let local = nameStart
    for (let j = nameStart; j < k; j++) if (b[j] === COLON) local = j + 1
    const isR = k - local === 1 && b[local] === R
    while (k < to && isSpace(b[k])) k++
    if (b[k] !== EQ) return -1
    k++
    while (k < to && isSpace(b[k])) k++
    const q = b[k]
    if (q !== DQ && q !== SQ) return -1
    const close = b.indexOf(q, k + 1)
    // A value holding ">" ended the tag early: the attribute is there, its value unread.
    if (close < 0 || close > to) return isR ? 0 : -1
    if (isR) {
      let v = 0
      for (let j = k + 1; j < close; j++) {
        const d = (b[j] as number) - 48
        if (d < 0 || d > 9) return 0
        v = v * 10 + d
      }
      return v
    }
    k = close + 1
  }
  return -1
}
