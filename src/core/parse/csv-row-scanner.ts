import { isTrimSpace } from './char-scan'

const COMMA = 44
const LF = 10
const CR = 13
const QUOTE = 34

/**
 * Scan CSV text row by row on char codes, keeping each cell as a [start, end) range of the source instead of a
 * string. CR, LF and CRLF all end a row. It handles unquoted cells and quoted cells whose closing quote is directly
 * followed by a comma, a line break or the end; anything else (an unclosed quote, text or blanks after a closing
 * quote) sets `unusual`, and the caller falls back to the exact string-based reader, which reports or tolerates
 * it exactly as before.
 */
export class CsvRowScanner {
  /** Start of each cell of the current row (after the opening quote of a quoted cell). */
  starts = new Int32Array(32)
  /** End of each cell (before the closing quote). */
  ends = new Int32Array(32)
  /** 1 where the cell was quoted (its text needs unquoting). */
  quoted = new Uint8Array(32)
  /** Number of cells in the current row. */
  cells = 0
  /** Line breaks inside quoted cells of the current row (the row spans 1 + this many lines). */
  lineBreaks = 0
  /** Set when the text needs the exact reader. */
  unusual = false
  /** Trimmed text of the last `trim` call: the string and range. */
  s = ''
  a = 0
  b = 0
  private done = false

  constructor(
    readonly src: string,
    public pos: number,
  ) {}

  /** Read the next row; false at the end of the text or when it is unusual. */
  next(): boolean {
    if (this.done || this.unusual) return false
    const src = this.src
    const len = src.length
    let p = this.pos
    let k = 0
    let breaks = 0
    for (;;) {
      if (k === this.starts.length) this.grow()
      if (p < len && src.charCodeAt(p) === QUOTE) {
        let q = p + 1
        for (;;) {
          q = src.indexOf('"', q)
          if (q < 0) return this.fallBack()
          if (q === len - 1 || src.charCodeAt(q + 1) !== QUOTE) break
          q += 2
        }
        for (let t = p + 1; t < q; t++) {
          const c = src.charCodeAt(t)
          if (c === LF || (c === CR && src.charCodeAt(t + 1) !== LF)) breaks++
        }
        this.starts[k] = p + 1
        this.ends[k] = q
        this.quoted[k] = 1
        k++
        p = q + 1
        if (p >= len) {
          this.done = true
          break
        }
        const c = src.charCodeAt(p)
        if (c === COMMA) {
          p++
          continue
        }
        if (c === LF) {
          p++
          break
        }
        if (c === CR) {
          p += src.charCodeAt(p + 1) === LF ? 2 : 1
          break
        }
        return this.fallBack()
      }
      const a = p
      let c = 0
      while (p < len) {
        c = src.charCodeAt(p)
        if (c === COMMA || c === LF || c === CR) break
        p++
      }
      this.starts[k] = a
      this.ends[k] = p
      this.quoted[k] = 0
      k++
      if (p >= len) {
        this.done = true
        break
      }
      p++
      if (c === COMMA) continue
      if (c === CR && src.charCodeAt(p) === LF) p++
      break
    }
    this.cells = k
    this.lineBreaks = breaks
    this.pos = p
    return true
  }

  /** Tell whether every cell of the current row is blank. */
  blank(): boolean {
    const src = this.src
    for (let j = 0; j < this.cells; j++) {
      const end = this.ends[j] as number
      for (let p = this.starts[j] as number; p < end; p++) if (!isTrimSpace(src.charCodeAt(p))) return false
    }
    return true
  }

  /** Return cell j's text as read (unquoted, not trimmed). */
  raw(j: number): string {
    const a = this.starts[j] as number
    const b = this.ends[j] as number
    return this.quoted[j] ? unquote(this.src, a, b) : this.src.slice(a, b)
  }

  /** Set `s`, `a`, `b` to cell j's trimmed text: a range of the source, or of its unquoted text. */
  trim(j: number): void {
    let s = this.src
    let a = this.starts[j] as number
    let b = this.ends[j] as number
    if (this.quoted[j]) {
      s = unquote(s, a, b)
      a = 0
      b = s.length
    }
    while (a < b && isTrimSpace(s.charCodeAt(a))) a++
    while (b > a && isTrimSpace(s.charCodeAt(b - 1))) b--
    this.s = s
    this.a = a
    this.b = b
  }

  /** Scan to the end without keeping anything, to learn whether the rest is unusual. */
  drain(): void {
    while (this.next());
  }

  private fallBack(): false {
    this.unusual = true
    return false
  }

  private grow(): void {
    const n = this.starts.length * 2
    const s = new Int32Array(n)
    s.set(this.starts)
    this.starts = s
    const e = new Int32Array(n)
    e.set(this.ends)
    this.ends = e
    const q = new Uint8Array(n)
    q.set(this.quoted)
    this.quoted = q
  }
}

/** The text of a quoted cell: doubled quotes undone, line breaks as `\n` (as the exact reader sees them). */
function unquote(src: string, a: number, b: number): string {
  let t = src.slice(a, b)
  if (t.indexOf('"') >= 0) t = t.replace(/""/g, '"')
  if (t.indexOf('\r') >= 0) t = t.replace(/\r\n?/g, '\n')
  return t
}
