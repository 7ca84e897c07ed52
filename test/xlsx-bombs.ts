import { crc32 } from 'node:zlib'
import { Deflate, deflateSync, strToU8 } from 'fflate'

// Hostile workbooks for the XLSX guards (src/xlsx/xlsx-guard.ts), built in memory in a second or two: a sheet of a
// million rows, a zip that unzips to 700 MB, a zip directory that understates an entry.

interface RawEntry {
  name: string
  /** The entry's data as stored in the zip (deflated unless `method` is 0). */
  data: Uint8Array
  /** Size once inflated, as the directory will say. */
  size: number
  crc: number
  method?: 0 | 8
}

/** Write a zip archive from entries whose compressed data is given (so sizes and data may disagree on purpose). */
export function zipRaw(entries: readonly RawEntry[]): Uint8Array {
  const local: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const e of entries) {
    const name = strToU8(e.name)
    const head = new DataView(new ArrayBuffer(30))
    head.setUint32(0, 0x04034b50, true)
    head.setUint16(4, 20, true)
    head.setUint16(8, e.method ?? 8, true)
    head.setUint32(14, e.crc >>> 0, true)
    head.setUint32(18, e.data.length, true)
    head.setUint32(22, e.size, true)
    head.setUint16(26, name.length, true)
    local.push(new Uint8Array(head.buffer), name, e.data)
    const c = new DataView(new ArrayBuffer(46))
    c.setUint32(0, 0x02014b50, true)
    c.setUint16(4, 20, true)
    c.setUint16(6, 20, true)
    c.setUint16(10, e.method ?? 8, true)
    c.setUint32(16, e.crc >>> 0, true)
    c.setUint32(20, e.data.length, true)
    c.setUint32(24, e.size, true)
    c.setUint16(28, name.length, true)
    c.setUint32(42, offset, true)
    central.push(new Uint8Array(c.buffer), name)
    offset += 30 + name.length + e.data.length
  }
  const cdSize = central.reduce((s, p) => s + p.length, 0)
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, entries.length, true)
  end.setUint16(10, entries.length, true)
  end.setUint32(12, cdSize, true)
  end.setUint32(16, offset, true)
  const parts = [...local, ...central, new Uint8Array(end.buffer)]
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

const entry = (name: string, text: string): RawEntry => {
  const b = strToU8(text)
  return { name, data: deflateSync(b), size: b.length, crc: crc32(b) }
}

/** The parts a workbook needs around its one sheet (named 清单). */
function workbookParts(): RawEntry[] {
  const ns = 'http://schemas.openxmlformats.org'
  return [
    entry(
      '[Content_Types].xml',
      `<?xml version="1.0"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    entry(
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    entry(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="清单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
  ]
}

/** A workbook whose one sheet has a million rows (one cell each): 49 MB of XML, 4.4 MB zipped. */
export function millionRowsXlsx(): Uint8Array {
  const parts: Uint8Array[] = []
  const d = new Deflate({ level: 1 }, (c) => parts.push(c))
  let crc = 0
  let size = 0
  const push = (s: string, last = false) => {
    const b = strToU8(s)
    crc = crc32(b, crc)
    size += b.length
    d.push(b, last)
  }
  push('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
  for (let k = 0; k < 100; k++) {
    let s = ''
    for (let r = k * 10_000 + 1; r <= (k + 1) * 10_000; r++) s += `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`
    push(s)
  }
  push('</sheetData></worksheet>', true)
  const data = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) {
    data.set(p, o)
    o += p.length
  }
  return zipRaw([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data, size, crc }])
}

/**
 * A workbook whose sheet unzips to 700 MB (of spaces), zipped to 4.6 MB: a fixed-Huffman deflate stream written by
 * hand (one literal, then length 258 at distance 1 over and over), so it is made in milliseconds, not inflated.
 */
export function unzipsTo700MbXlsx(): Uint8Array {
  const n = Math.floor((700 * 1048576 - 1) / 258)
  const size = 1 + 258 * n
  const out = new Uint8Array(Math.ceil((3 + 8 + 13 * n + 7) / 8) + 8)
  let acc = 0
  let bits = 0
  let o = 0
  const put = (value: number, count: number) => {
    acc |= value << bits
    bits += count
    while (bits >= 8) {
      out[o++] = acc & 0xff
      acc >>>= 8
      bits -= 8
    }
  }
  const rev8 = (x: number) => Number.parseInt(x.toString(2).padStart(8, '0').split('').reverse().join(''), 2)
  put(0b011, 3) // final block, fixed Huffman codes
  put(rev8(0x30 + 0x20), 8) // the literal " "
  const copy = rev8(0b11000101) // length 258 (code 285), then distance 1 (5 zero bits)
  for (let k = 0; k < n; k++) put(copy, 13)
  put(0, 7) // end of block
  if (bits > 0) out[o++] = acc & 0xff
  const spaces = new Uint8Array(8 << 20).fill(0x20)
  let crc = 0
  for (let left = size; left > 0; left -= spaces.length) crc = crc32(spaces.subarray(0, Math.min(left, spaces.length)), crc)
  return zipRaw([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: out.subarray(0, o), size, crc }])
}

/** A workbook whose zip directory says the sheet is 1 KB while it inflates to 10 MB (a bomb in disguise). */
export function lyingDirectoryXlsx(): Uint8Array {
  const b = new Uint8Array(10 << 20).fill(0x20)
  return zipRaw([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: deflateSync(b, { level: 1 }), size: 1024, crc: crc32(b) }])
}
