import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseInventory, runScenario, total, type InventoryTable } from '../../src/core'
import { dictAt } from '../../src/core/parse/inventory-table'
import { fixtureLibrary, fixtureScenario } from '../helpers'

// The accept side of the parsers (test/robustness/fuzz.test.ts covers the refuse side): an inventory written in
// any of the ways the formats allow must parse, and give back exactly the records written, to the bit.

/** A record as generated: a source the fixture library knows, and the numbers and texts to read back. */
interface Rec {
  id: string
  region: string
  source: (typeof SOURCES)[number]
  activity: string
  note: string
}

// Sector, technology and a unit spelling that the fixture library accepts for it (test/fixtures/basic/models).
const SOURCES = [
  ['industry.boiler', 'boiler-gas', '万立方米'],
  ['industry.boiler', 'boiler-gas', 'wm3'],
  ['industry.boiler', 'boiler-coal', 't'],
  ['transport.road.freight', 'hdt-cn3', 'km'],
  ['solvent.coating', 'coat-solvent', 't'],
] as const

// Plain decimals as a person or a spreadsheet writes them.
const decimal = fc.oneof(
  fc.nat(10_000_000).map(String),
  fc.tuple(fc.nat(999_999), fc.nat(999_999)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.nat(99), fc.nat(99_999)).map(([a, b]) => `${a}.${String(b).padStart(7, '0')}`),
)
// Free text, including what CSV must quote: commas, quotes, line breaks, Chinese.
const text = fc.oneof(
  fc.constantFrom('', '甲县工业园', 'a,b', 'say "hi"', 'two\nlines', '  padded  ', '国三, 国四'),
  fc.string({ maxLength: 12 }).filter((s) => !/^[=+\-@\t\r]/.test(s)),
)
const records = fc
  .array(fc.record({ region: fc.constantFrom('甲县', '乙县', 'Some County'), source: fc.constantFrom(...SOURCES), activity: decimal, note: text }), {
    minLength: 1,
    maxLength: 40,
  })
  .map((rs): Rec[] => rs.map((r, i) => ({ ...r, id: `R${i + 1}` })))

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`
const cell = (s: string, always: boolean) => (always || /[",\r\n]/.test(s) || s !== s.trim() ? quote(s) : s)

function csvOf(rs: Rec[], o: { nl: string; bom: boolean; quoteAll: boolean; trailing: boolean; chineseHeader: boolean }): string {
  const header = o.chineseHeader ? '编号,区域,行业,技术,活动水平,单位,standard,note' : 'id,region,sector,technology,activity,unit,standard,note'
  const rows = rs.map((r) =>
    [r.id, r.region, r.source[0], r.source[1], r.activity, r.source[2], r.source[1] === 'hdt-cn3' ? '国三' : '', r.note]
      .map((c) => cell(c, o.quoteAll))
      .join(','),
  )
  const body = ['# format: lantian-inventory/1', '# year: 2022', header, ...rows].join(o.nl)
  return `${o.bom ? '\uFEFF' : ''}${body}${o.trailing ? o.nl : ''}`
}

/** Check that the table holds exactly the generated records. */
function expectRecords(t: InventoryTable, rs: Rec[]): void {
  expect(t.n).toBe(rs.length)
  expect(t.year).toBe(2022)
  rs.forEach((r, i) => {
    expect(t.ids[i]).toBe(r.id)
    expect(dictAt(t.region, i)).toBe(r.region)
    expect(dictAt(t.sector, i)).toBe(r.source[0])
    expect(dictAt(t.technology, i)).toBe(r.source[1])
    expect(dictAt(t.unit, i)).toBe(r.source[2])
    // The number read is the one written, to the bit (Object.is).
    expect(t.activity[i]).toBe(Number(r.activity))
  })
}

describe('valid inventories are accepted and read exactly', () => {
  it('CSV: LF or CRLF, with or without BOM, quoted or not, Chinese or English headers, trailing newline or not', () => {
    fc.assert(
      fc.property(
        records,
        fc.record({ nl: fc.constantFrom('\n', '\r\n'), bom: fc.boolean(), quoteAll: fc.boolean(), trailing: fc.boolean(), chineseHeader: fc.boolean() }),
        (rs, o) => {
          const r = parseInventory(new TextEncoder().encode(csvOf(rs, o)), 'gen.csv')
          if (!r.ok) throw new Error(JSON.stringify(r.issues))
          expectRecords(r.value, rs)
          const note = r.value.attributes.find((a) => a.name === 'note')
          // Text cells come back as written, trimmed (an empty cell is a missing value).
          expect(note?.kind).toBe('text')
          if (note?.kind === 'text') rs.forEach((x, i) => expect(dictAt(note.values, i) ?? '').toBe(x.note.trim()))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('JSON: the same records give the same table as CSV', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const json = JSON.stringify({
          format: 'lantian-inventory/1',
          year: 2022,
          records: rs.map((r) => ({
            id: r.id,
            region: r.region,
            sector: r.source[0],
            technology: r.source[1],
            activity: Number(r.activity),
            unit: r.source[2],
          })),
        })
        const j = parseInventory(new TextEncoder().encode(json), 'gen.json')
        if (!j.ok) throw new Error(JSON.stringify(j.issues))
        expectRecords(j.value, rs)
      }),
      { numRuns: 100 },
    )
  })

  it('a generated inventory runs, and doubling every activity doubles its base-year emissions to the bit', () => {
    const lib = fixtureLibrary()
    const s = fixtureScenario((x) => (x.regions = ['甲县', '乙县', 'Some County']))
    fc.assert(
      fc.property(records, (rs) => {
        const r = parseInventory(
          new TextEncoder().encode(csvOf(rs, { nl: '\n', bom: false, quoteAll: false, trailing: true, chineseHeader: false })),
          'gen.csv',
        )
        if (!r.ok) throw new Error(JSON.stringify(r.issues))
        const out = runScenario(lib, s, r.value)
        if (!out.ok) throw new Error(JSON.stringify(out.issues))
        // Doubling every activity doubles the base year's counterfactual (EF × activity, nothing else).
        const doubled = rs.map((x) => ({ ...x, activity: String(Number(x.activity) * 2) }))
        const r2 = parseInventory(
          new TextEncoder().encode(csvOf(doubled, { nl: '\n', bom: false, quoteAll: false, trailing: true, chineseHeader: false })),
          'gen.csv',
        )
        if (!r2.ok) throw new Error(JSON.stringify(r2.issues))
        const out2 = runScenario(lib, s, r2.value)
        if (!out2.ok) throw new Error(JSON.stringify(out2.issues))
        for (const p of ['NOx', 'VOCs'] as const) {
          const a = total(out.value.projection, 'counterfactual', p, 2022)
          expect(Number.isFinite(a)).toBe(true)
          // Scaling by two is exact in binary floating point, so the doubled total is 2 × the total to the bit.
          expect(total(out2.value.projection, 'counterfactual', p, 2022)).toBe(2 * a)
        }
      }),
      { numRuns: 40 },
    )
  })
})
