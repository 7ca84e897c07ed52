import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { parseInventoryCsv } from '../../src/core'
import { blankFrom, fastDecimal, isTrimSpace } from '../../src/core/parse/char-scan'
import { splitCsv } from '../../src/core/parse/csv-split'
import { readCsvColumns } from '../../src/core/parse/inventory-csv-fast'
import { invisibleNameIssues } from '../../src/core/parse/inventory-names'
import { parseInventoryCsv as parseWithPapaparse } from './reference/papaparse-inventory-csv'

// The fast columnar CSV reader must give what the papaparse-based reader gave (kept in ./reference): the same
// table, to the bit, or the same issues in the same order with the same rows and columns.

/** Make a result comparable to the bit: every float becomes its IEEE-754 bit pattern (so −0 ≠ 0, NaN = NaN). */
function bits(x: unknown): unknown {
  if (x instanceof Float64Array) return Array.from(new BigUint64Array(x.buffer, x.byteOffset, x.length))
  if (x instanceof Int32Array) return Array.from(x)
  if (Array.isArray(x)) return x.map(bits)
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, bits(v)]))
  return x
}

/** The reference reader's result, with the check added after it (invisible characters in names) applied as well. */
function reference(text: string) {
  const ref = parseWithPapaparse(text, 'gen.csv')
  if (!ref.ok) return ref
  const rows = ref.value.rows
  const hidden = invisibleNameIssues(ref.value, (i, column) => ({ file: 'gen.csv', row: rows[i] ?? 0, column }))
  return hidden.length > 0 ? { ok: false as const, issues: hidden } : ref
}

const sameAsReference = (text: string) => {
  const fast = parseInventoryCsv(text, 'gen.csv')
  expect(bits(fast)).toEqual(bits(reference(text)))
  return fast
}

const numberCell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 }).map(String) },
  { weight: 4, arbitrary: fc.tuple(fc.nat(99999999), fc.nat(99999)).map(([a, b]) => `${a}.${b}`) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1e9 }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      '0',
      '-0',
      '-0.0',
      '.5',
      '5.',
      '+3',
      '007',
      '0.1',
      '1e5',
      '1E-7',
      '1e400',
      '-1e400',
      'NaN',
      'Infinity',
      '-inf',
      '∞',
      '1,000',
      '1,234.5',
      '１２',
      '１．５',
      '0x10',
      '0b1',
      '0o7',
      '.',
      '+',
      '-',
      '1.2.3',
      '1e',
      '123456789012345678',
      '9007199254740993',
      '0.1234567890123456789012345',
      '0.0000000000000000000000001',
      '999999999999999.9',
      '4.35',
      ' 12 ',
      '\u3000 7\u00a0',
      '12abc',
      'abc',
    ),
  },
)
const textCell = fc.oneof(
  fc.constantFrom('乙区', '丙县', '示例县', 'industry.boiler', 'boiler-gas', 't', '万立方米', '国三', ' 国三 ', '公里', '蒸吨/小时', 't/h', ''),
  fc.string({ unit: fc.constantFrom('a', 'b', '区', '县', ' ', ',', '"', '\n', '\r', '\t', ';', '\u3000', '\ufeff', '1', '.'), maxLength: 8 }),
)
const columnPool = [
  'id',
  '编号',
  'region',
  '区域',
  'sector',
  'technology',
  '技术',
  'activity',
  '活动水平',
  'unit',
  'nox_t',
  'VOCs排放量（t）',
  'capacity',
  'capacity_unit',
  'standard',
  'treatment',
  'enterprise',
  'county',
  'cargo_unit',
  '',
  ' Region ',
]

/** A cell as written in the file: raw, or quoted (doubled quotes), and in a hostile file sometimes oddly quoted. */
const written = (v: string, clean: boolean) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(/[,"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v) },
    { weight: 2, arbitrary: fc.constant(`"${v.replace(/"/g, '""')}"`) },
    { weight: clean ? 0 : 1, arbitrary: fc.constantFrom(`"${v}"  `, `"${v}`, `${v}"`, `"${v}"x`, `"${v}" `) },
  )
const cleanNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 }).map(String),
  fc.tuple(fc.nat(99999999), fc.nat(99999)).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('0', '-0', '.5', '5.', '+3', '007', '1e5', '123456789012345678', '0.1234567890123456789012345', ' 12 ', '\u3000 7\u00a0'),
)
const cleanText = fc.constantFrom(
  '乙区',
  '丙县',
  ' 示例县',
  'industry.boiler',
  'boiler-gas',
  't',
  '万立方米',
  '国三',
  '公里',
  'a,b',
  'say "hi"',
  // Line breaks belong only in text attributes (a name with one is refused): they are in the test below.
  '两 行',
  'x y',
  '12',
  '0x10',
)

/** A number from a clean row's pool (text cells there become numbers where a number is needed). */
const cleanNumberOf = (pool: string[], j: number) => {
  const v = pool[j % 10] ?? ''
  return Number.isFinite(Number(v)) && v.trim() !== '' && !/0x/.test(v) && Number(v) >= 0 ? v : undefined
}

const csvArb = fc
  .record({
    meta: fc.constantFrom('# format: lantian-inventory/1\n# year: 2022\n', '# format: lantian-inventory/1\r\n# year: 2022\r\n\r\n', '# year: 2022\n', ''),
    bom: fc.boolean(),
    extra: fc.uniqueArray(fc.constantFrom(...columnPool), { maxLength: 6 }),
    nl: fc.constantFrom('\n', '\r\n', '\r'),
    clean: fc.boolean(),
    rows: fc.array(
      fc.tuple(
        fc.nat(9999),
        fc.array(fc.oneof(numberCell, textCell), { minLength: 10, maxLength: 10 }),
        fc.nat(20),
        fc.array(fc.oneof(cleanNumber, cleanText), { minLength: 10, maxLength: 10 }),
      ),
      { minLength: 0, maxLength: 12 },
    ),
  })
  .chain(({ meta, bom, extra, nl, clean, rows }) => {
    const header = ['id', 'region', 'sector', 'technology', 'activity', 'unit', ...extra]
    const cellsOf = ([id, hostile, shape, tame]: [number, string[], number, string[]], k: number) =>
      header.map((h, j) => {
        if (j === 0) return !clean && shape === 0 ? 'R1' : `R${clean ? k : id}`
        const pool = clean ? tame : hostile
        if (j === 4 || h === 'nox_t' || h === 'capacity') return clean ? (cleanNumberOf(pool, j) ?? '1') : pool[j % 10]?.replace(/[^0-9.eE+-]/g, '') || '1'
        return pool[j % 10] || 'x'
      })
    return fc
      .tuple(
        ...rows.map((r, k) => {
          const cells = cellsOf(r, k)
          // In a hostile file, now and then a ragged or blank row.
          const shape = clean ? 20 : r[2]
          const shaped = shape === 1 ? cells.slice(0, -1) : shape === 2 ? [...cells, 'x'] : shape === 3 ? cells.map(() => ' ') : cells
          return fc.tuple(...shaped.map((v) => written(v, clean))).map((ws) => ws.join(','))
        }),
      )
      .map((lines) => `${bom ? '\ufeff' : ''}${meta}${header.join(',')}${nl}${lines.join(nl)}${lines.length % 2 ? nl : ''}`)
  })

describe('fast columnar CSV reader against the papaparse-based reader', () => {
  it('gives the same tables and the same located issues on generated inventories', () => {
    let tables = 0
    fc.assert(
      fc.property(csvArb, (text) => {
        if (sameAsReference(text).ok) tables++
      }),
      // About 4 % of the soups are tables (half carry a BOM before their metadata, a quarter no year): 2,500 runs
      // reach about 100, well above the bound below.
      { numRuns: 2500 },
    )
    // The generator must reach real tables, not just refusals.
    expect(tables).toBeGreaterThan(50)
  })

  it('agrees on well-formed inventories with quoted commas, newlines (in text attributes) and Chinese text', () => {
    const valid = fc
      .array(
        fc.record({
          region: fc.constantFrom('乙区', '"丙县"', '" 示例,县 "', '"多 行"', '"说""好"""'),
          activity: numberCell.filter((s) => /^\d+(\.\d+)?$/.test(s)),
          std: fc.constantFrom('', '国三', '"国,四"', '"a\r\nb"', '"多\n行"', '1.5', '2'),
          cap: fc.constantFrom('', '10', '20.5', '"30"', '1e3'),
        }),
        { minLength: 1, maxLength: 30 },
      )
      .map(
        (rs) =>
          '# format: lantian-inventory/1\n# year: 2022\nid,region,sector,technology,activity,unit,capacity,capacity_unit,standard\n' +
          rs.map((r, i) => `B${i},${r.region},industry.boiler,boiler-gas,${r.activity},t,${r.cap},t/h,${r.std}`).join('\r\n'),
      )
    fc.assert(
      fc.property(valid, (text) => {
        expect(sameAsReference(text).ok).toBe(true)
        // …and it is the fast reader that read it, not the exact one it falls back to.
        const meta = '# format: lantian-inventory/1\n# year: 2022\n'
        expect(readCsvColumns(text, meta.length, 3, 'gen.csv')?.ok).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('splits rows and reports quote errors exactly as papaparse does', () => {
    const soup = fc.string({ unit: fc.constantFrom('"', ',', '\n', ' ', 'a', '\t', '\u3000'), maxLength: 40 })
    fc.assert(
      fc.property(soup, (text) => {
        const p = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', skipEmptyLines: false })
        const s = splitCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
        expect(s.data).toEqual(p.data)
        expect(s.errors).toEqual(p.errors.map((e) => ({ code: e.code, row: e.row })))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('char-level helpers', () => {
  it('treat as white space exactly what String.prototype.trim removes', () => {
    for (let c = 0; c < 0x10000; c++) expect(isTrimSpace(c), `U+${c.toString(16)}`).toBe(String.fromCharCode(c).trim() === '')
    expect(blankFrom(' \u3000\r\n x', 0)).toBe(false)
    expect(blankFrom(' \u3000\r\n x', 6)).toBe(true)
  })

  it('read plain decimals bit-identically to Number(), or hand them back', () => {
    const decimal = fc
      .tuple(fc.constantFrom('', '+', '-'), fc.stringMatching(/^\d{0,18}$/), fc.constantFrom('', '.'), fc.stringMatching(/^\d{0,25}$/))
      .map((p) => p.join(''))
    fc.assert(
      fc.property(fc.oneof(decimal, fc.double().map(String), fc.string({ maxLength: 6 })), (s) => {
        if (s === '') return
        const v = fastDecimal(s, 0, s.length)
        if (!Number.isNaN(v)) expect(Object.is(v, Number(s)), s).toBe(true)
      }),
      { numRuns: 20000 },
    )
    expect(Object.is(fastDecimal('-0', 0, 2), -0)).toBe(true)
    expect(fastDecimal('0.1', 0, 3)).toBe(0.1)
    expect(fastDecimal('1e5', 0, 3)).toBeNaN()
    expect(fastDecimal('1234567890123456', 0, 16)).toBeNaN()
  })
})
