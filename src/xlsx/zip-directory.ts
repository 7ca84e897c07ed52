/**
 * Read a zip archive's central directory (what an XLSX is) without inflating anything: each entry's name, method,
 * sizes and where its data is. Enough for the guards in `xlsx-guard.ts` to refuse a zip bomb or an oversized sheet
 * before exceljs, which inflates every entry into memory, sees the file.
 */

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflate; anything else is refused. */
  method: number
  /** General-purpose flags; bit 0 = encrypted. */
  flags: number
  compressedSize: number
  /** As the directory declares it (checked while inflating: a lie is refused). */
  size: number
  /** Offset of the entry's local header. */
  localOffset: number
}

/** Why a zip directory could not be read. */
export type ZipProblem = 'no-directory' | 'truncated'

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8)
const u32 = (b: Uint8Array, o: number) => (u16(b, o) + u16(b, o + 2) * 0x10000) >>> 0
// Sizes and offsets of an XLSX under the size limit fit in 2^53: read 64-bit fields as doubles.
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000

/** Read the central directory; entries in directory order, or the reason it cannot be read. */
export function zipDirectory(b: Uint8Array, maxEntries: number): ZipEntry[] | ZipProblem | { tooMany: number } {
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment may be that long).
  let eocd = -1
  for (let o = b.length - 22; o >= Math.max(0, b.length - 22 - 0xffff); o--) {
    if (u32(b, o) === 0x06054b50) {
      eocd = o
      break
    }
  }
  if (eocd < 0) return 'no-directory'
  let count = u16(b, eocd + 10)
  let size = u32(b, eocd + 12)
  let offset = u32(b, eocd + 16)
  // Zip64: the real values are in the zip64 end record the locator (just before the EOCD) points to.
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const z = u64(b, eocd - 12)
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) return 'truncated'
    count = u64(b, z + 32)
    size = u64(b, z + 40)
    offset = u64(b, z + 48)
  }
  if (count > maxEntries) return { tooMany: count }
  if (offset + size > b.length) return 'truncated'
  const entries: ZipEntry[] = []
  let p = offset
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return 'truncated'
    const nameLen = u16(b, p + 28)
    const extraLen = u16(b, p + 30)
    const commentLen = u16(b, p + 32)
    if (p + 46 + nameLen + extraLen > b.length) return 'truncated'
    let compressedSize = u32(b, p + 20)
    let entrySize = u32(b, p + 24)
    let localOffset = u32(b, p + 42)
    // Zip64 extra field (id 1): the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = u16(b, e)
      const len = u16(b, e + 2)
      if (id === 1) {
        let q = e + 4
        if (entrySize === 0xffffffff) {
          entrySize = u64(b, q)
          q += 8
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q)
          q += 8
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, q)
      }
      e += 4 + len
    }
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen)
    let name = ''
    for (const c of nameBytes) name += String.fromCharCode(c)
    // Names are UTF-8 when flag bit 11 is set; XLSX part names are ASCII, so decoding them as Latin-1 is enough.
    entries.push({ name, method: u16(b, p + 10), flags: u16(b, p + 8), compressedSize, size: entrySize, localOffset })
    p += 46 + nameLen + extraLen + commentLen
  }
  return entries
}

/** Return where an entry's compressed data starts (after its local header), or −1 when the header is not there. */
export function dataOffset(b: Uint8Array, e: ZipEntry): number {
  const o = e.localOffset
  if (o + 30 > b.length || u32(b, o) !== 0x04034b50) return -1
  const start = o + 30 + u16(b, o + 26) + u16(b, o + 28)
  return start + e.compressedSize > b.length ? -1 : start
}
