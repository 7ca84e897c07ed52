/**
 * Count a worksheet's rows and cells from its XML bytes as they are inflated, chunk by chunk, without building
 * strings or a document: the guards refuse a sheet with too many rows, or with cells exceljs cannot place (no `r`
 * reference), before exceljs materialises a single cell.
 */

const LT = 0x3c // <
const GT = 0x3e // >
const SLASH = 0x2f
const EQ = 0x3d
const COLON = 0x3a
const DQ = 0x22
const SQ = 0x27

// Scanner states and element kinds (plain numbers: the loop runs once per byte of the sheet).
const State = { Text: 0, Name: 1, Attrs: 2 } as const
const Kind = { Other: 0, Row: 1, Cell: 2 } as const

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

/** A streaming scanner of one worksheet's XML: feed it the inflated bytes in order. */
export class SheetScanner {
  /** `<row>` elements seen. */
  rows = 0
  /** `<c>` elements seen. */
  cells = 0
  /** The sheet row (its `r`, else its position) of the first cell without an `r` reference. */
  missingRef: number | undefined

  private state: number = State.Text
  private name = ''
  private kind: number = Kind.Other
  private attr = ''
  private afterSpace = false
  private quote = 0
  private value = ''
  private hasRef = false
  private rowRef = 0
  private row = 0

  /** Scan the next bytes of the sheet. */
  feed(b: Uint8Array): void {
    for (let i = 0; i < b.length; i++) {
      if (this.state === State.Text) {
        // Text between tags is skipped with the native search, not byte by byte.
        i = b.indexOf(LT, i)
        if (i < 0) return
        this.state = State.Name
        this.name = ''
        continue
      }
      const c = b[i] as number
      if (this.state === State.Name) {
        if (isSpace(c) || c === GT || c === SLASH) {
          const local = this.name.slice(this.name.lastIndexOf(':') + 1)
          this.kind = this.name.startsWith('/') || this.name === '' ? Kind.Other : local === 'row' ? Kind.Row : local === 'c' ? Kind.Cell : Kind.Other
          this.attr = ''
          this.afterSpace = true
          this.quote = 0
          this.hasRef = false
          this.rowRef = 0
          if (c === GT) this.endTag()
          else this.state = State.Attrs
        } else if (this.name.length < 32) this.name += String.fromCharCode(c)
      } else if (this.quote !== 0) {
        if (c === this.quote) {
          this.quote = 0
          this.attribute()
        } else if (this.value.length < 16) this.value += String.fromCharCode(c)
      } else if (c === GT) this.endTag()
      else if (c === DQ || c === SQ) {
        this.quote = c
        this.value = ''
      } else if (isSpace(c) || c === SLASH) this.afterSpace = true
      else if (c !== EQ) {
        if (this.afterSpace) this.attr = ''
        this.afterSpace = false
        // Keep the local part of a prefixed attribute name.
        this.attr = c === COLON ? '' : this.attr.length < 16 ? this.attr + String.fromCharCode(c) : this.attr
      }
    }
  }

  private attribute(): void {
    if (this.attr !== 'r') return
    this.hasRef = true
    if (this.kind === Kind.Row) this.rowRef = Number.parseInt(this.value, 10) || 0
  }

  private endTag(): void {
    this.state = State.Text
    if (this.kind === Kind.Row) {
      this.rows++
      this.row = this.rowRef > 0 ? this.rowRef : this.row + 1
    } else if (this.kind === Kind.Cell) {
      this.cells++
      if (!this.hasRef && this.missingRef === undefined) this.missingRef = Math.max(1, this.row)
    }
  }
}
