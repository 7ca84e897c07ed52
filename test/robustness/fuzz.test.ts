import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import {
  compileExpression,
  credited,
  csvCell,
  measureCredit,
  parseInventory,
  parseScenario,
  runScenario,
  toCsv,
  type InventoryTable,
  type Result,
  type Scenario,
} from '../../src/core'
import { fixtureLibrary, fixtureScenario, inventoryFromCsv } from '../helpers'

// Fuzzing (fast-check): parsers never throw and answer in bounded time; the core keeps DESIGN §4 invariants on
// random valid scenarios; exports are injection-safe and the YAML round trip is lossless.

const TIME_MS = 2000
const enc = new TextEncoder()

/** Call a parser: it must return a Result (never throw) within the time limit, with bilingual issues. */
function expectResult<T>(f: () => Result<T>): Result<T> {
  const t = performance.now()
  const r = f()
  expect(performance.now() - t).toBeLessThan(TIME_MS)
  expect(typeof r.ok).toBe('boolean')
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0)
    for (const i of r.issues) {
      expect(i.code).toMatch(/^[a-z]/)
      expect(i.zh.length).toBeGreaterThan(0)
      expect(i.en.length).toBeGreaterThan(0)
    }
  }
  return r
}

// Pieces that make CSV soups reach the deeper parser paths.
const csvCellArb = fc.oneof(
  fc.constantFrom(
    '',
    'B1',
    '甲县',
    'industry.boiler',
    'boiler-gas',
    '100',
    '-5',
    '1e400',
    '1,000',
    '１０００',
    'NaN',
    'Infinity',
    '"',
    '""',
    '"a,b"',
    '万立方米',
    't',
    '#',
  ),
  fc.string({ maxLength: 8 }),
  fc.double().map(String),
)
const csvRowArb = fc.tuple(fc.array(csvCellArb, { maxLength: 12 }), fc.constantFrom(',', ';', '\t')).map(([cells, sep]) => cells.join(sep))
const csvSoupArb = fc
  .tuple(
    fc.constantFrom('', '# format: lantian-inventory/1\n', '# format: x\n'),
    fc.constantFrom('', '# year: 2022\n', '# year: 99999\n', '# year: abc\n'),
    fc.constantFrom('id,region,sector,technology,activity,unit,nox_t,capacity,capacity_unit\n', '编号,区域,行业,技术,活动水平,单位\n', 'id,id\n', ''),
    fc.array(csvRowArb, { maxLength: 10 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([f, y, h, rows, nl]) => `${f}${y}${h}${rows.join(nl)}`)

describe('parsers never throw', () => {
  it('parseInventory on arbitrary bytes as .csv and .json', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('x.csv', 'x.json', 'x.yaml', 'x.txt', 'x.bin'), (bytes, name) => {
        expectResult(() => parseInventory(bytes, name))
      }),
      { numRuns: 500 },
    )
  })

  it('parseInventory on arbitrary strings and CSV soups', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 300 }), csvSoupArb),
        fc.constantFrom('x.csv', 'x.json'),
        (s, name) => {
          expectResult(() => parseInventory(enc.encode(s), name))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('parseInventory on JSON-ish inventories with random records', () => {
    const rec = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        region: fc.string(),
        activity: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
        attributes: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.record({ format: fc.constantFrom('lantian-inventory/1', 'x'), year: fc.oneof(fc.integer(), fc.string()), records: fc.array(rec, { maxLength: 8 }) }),
        (d) => {
          expectResult(() => parseInventory(enc.encode(JSON.stringify(d)), 'x.json'))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('parseScenario on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 300 })), (s) => {
        expectResult(() => parseScenario(s))
      }),
      { numRuns: 500 },
    )
  })

  it('parseScenario on arbitrary JSON-ish objects serialised to YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expectResult(() => parseScenario(stringify(v)))
      }),
      { numRuns: 300 },
    )
  })

  it('parseScenario on the fixture scenario with one field replaced by anything', () => {
    const base = fixtureScenario() as unknown as Record<string, unknown>
    const paths: (string | number)[][] = [
      ['format'],
      ['years'],
      ['years', 'start'],
      ['regions'],
      ['growth'],
      ['measures'],
      ['measures', 0],
      ['measures', 0, 'schedule'],
      ['measures', 0, 'schedule', 'level'],
      ['measures', 1, 'params'],
      ['measures', 2, 'scope'],
      ['targets', 0],
      ['targets', 0, 'reference'],
      ['targets', 1, 'kind'],
    ]
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(Infinity, -Infinity, NaN, 1e308, -0, '2023-13', '', null))
    fc.assert(
      fc.property(fc.constantFrom(...paths), anything, (path, v) => {
        const s = structuredClone(base)
        let o = s as Record<string | number, unknown>
        for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>
        o[path.at(-1) as string | number] = v
        expectResult(() => parseScenario(stringify(s)))
      }),
      { numRuns: 300 },
    )
  })
})

const TOKENS = [
  '(',
  ')',
  '+',
  '-',
  '*',
  '/',
  '^',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  'not',
  'xor',
  '?',
  ':',
  ',',
  '1',
  '0',
  '2.5',
  '1e400',
  '-1e308',
  '"国三"',
  '"industry"',
  "'x'",
  'sector',
  'technology',
  'capacity',
  'activity',
  'c_after',
  'min',
  'max',
  'abs',
  'sqrt',
  'log',
  'round',
  'within',
  'oneOf',
  'startsWith',
  'import',
  'evaluate',
  'parse',
  'constructor',
  '__proto__',
  'toString',
  '[',
  ']',
  '{',
  '}',
  '.',
  '=',
  ';',
  '\n',
  'x',
  'null',
  'true',
  'false',
  'NaN',
  'Infinity',
  'e',
  'pi',
  'f(x)',
  '=>',
  'cm',
  'to',
  'inch',
  '!',
  '%',
  'mod',
  '&',
  '|',
  '~',
  '<<',
  '>>',
  '@',
  '#',
  '$',
  '\\',
]
const soupArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).chain((ts) => fc.constantFrom(ts.join(' '), ts.join('')))
const scopeValue = fc.oneof(fc.double(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null), fc.constant(undefined))

describe('compileExpression never throws and evaluation never throws or hangs', () => {
  const check = (src: string, scope: Record<string, unknown>) => {
    const t = performance.now()
    const c = compileExpression(src)
    if (c.ok) {
      const v = c.expr.evaluate((n) => scope[n] as never)
      expect(v === null || ['number', 'string', 'boolean'].includes(typeof v)).toBe(true)
    } else expect(c.issue.code).toMatch(/^expr\./)
    expect(performance.now() - t).toBeLessThan(TIME_MS)
  }
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.dictionary(fc.string({ maxLength: 4 }), scopeValue), (s, scope) => check(s, scope)),
      { numRuns: 1000 },
    )
  })
  it('on token soups of the expression grammar', () => {
    fc.assert(
      fc.property(
        soupArb,
        fc.record({ sector: scopeValue, technology: scopeValue, capacity: scopeValue, activity: scopeValue, c_after: scopeValue, x: scopeValue }),
        (s, scope) => check(s, scope),
      ),
      { numRuns: 3000 },
    )
  })
  it('on the longest and deepest inputs the limits allow', () => {
    for (const s of [
      '1+'.repeat(999) + '1',
      '-'.repeat(1999) + '1',
      'not '.repeat(499) + '1',
      '('.repeat(64) + '1' + ')'.repeat(64),
      'max(' + '1,'.repeat(63) + '1)',
    ])
      check(s, {})
  })
})

// --- Core invariants over random valid scenarios on the fixture library (complements test/core/properties.test.ts).
const lib = fixtureLibrary()
const TECHS = ['boiler-coal', 'boiler-gas', 'boiler-gas-lownox30', 'hdt-cn3', 'hdt-cn6', 'coat-solvent', 'coat-water'] as const
const SECTOR: Record<string, string> = {
  'boiler-coal': 'industry.boiler',
  'boiler-gas': 'industry.boiler',
  'boiler-gas-lownox30': 'industry.boiler',
  'hdt-cn3': 'transport.road.freight',
  'hdt-cn6': 'transport.road.freight',
  'coat-solvent': 'solvent.coating',
  'coat-water': 'solvent.coating',
}
const UNIT: Record<string, string> = { 'boiler-gas': 'wm3', 'boiler-gas-lownox30': '万立方米', 'hdt-cn3': 'km', 'hdt-cn6': 'km' }
const KIND: Record<string, 'cut' | 'switch' | 'reduce'> = {
  'gas-low-nox': 'reduce',
  'coal-to-gas': 'switch',
  'truck-phase-out': 'switch',
  'freight-share': 'switch',
  'low-voc': 'switch',
  closure: 'cut',
}
const STANDARDS = ['国三', '国四', '']

const recordArb = fc.record({
  tech: fc.constantFrom(...TECHS),
  activity: fc.double({ min: 0, max: 1e6, noNaN: true }),
  nox: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  vocs: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  capacity: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  standard: fc.constantFrom(...STANDARDS),
})
type Rec = typeof recordArb extends fc.Arbitrary<infer T> ? T : never

function inventory(records: Rec[]): InventoryTable {
  const lines = records.map((r, i) => {
    const obs = (v: number | undefined) => (v !== undefined && r.activity > 0 ? String(v) : '')
    return `R${i},甲县,${SECTOR[r.tech]},${r.tech},${r.activity},${UNIT[r.tech] ?? 't'},${obs(r.nox)},${obs(r.vocs)},${r.capacity ?? ''},${r.standard}`
  })
  return inventoryFromCsv(
    `# format: lantian-inventory/1\n# year: 2022\nid,region,sector,technology,activity,unit,nox_t,vocs_t,capacity,standard\n${lines.join('\n')}\n`,
  )
}

/** Random selectors from the grammar, over names the inventory has. */
const atomArb = fc.oneof(
  fc.constantFrom(...TECHS).map((t) => `technology == "${t}"`),
  fc.constantFrom('industry', 'industry.boiler', 'transport', 'transport.road.freight', 'solvent').map((s) => `within(sector, "${s}")`),
  fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '==', '!='), fc.integer({ min: 0, max: 100 })).map(([op, n]) => `capacity ${op} ${n}`),
  fc.tuple(fc.constantFrom('<', '>='), fc.integer({ min: 0, max: 1e6 })).map(([op, n]) => `activity ${op} ${n}`),
  fc.constantFrom(...STANDARDS.filter((s) => s)).map((s) => `standard == "${s}"`),
  fc.constantFrom('oneOf(standard, "国三", "国四")', 'startsWith(id, "R1")', 'true', 'false', 'capacity', 'not (capacity > 50)'),
)
const selectorArb: fc.Arbitrary<string> = fc.letrec((tie) => ({
  sel: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atomArb,
    fc.tuple(tie('sel') as fc.Arbitrary<string>, fc.constantFrom('and', 'or'), tie('sel') as fc.Arbitrary<string>).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    (tie('sel') as fc.Arbitrary<string>).map((a) => `not (${a})`),
  ),
})).sel

const monthArb = fc.tuple(fc.integer({ min: 2022, max: 2027 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`)
const measureArb = fc.record({
  template: fc.constantFrom(...Object.keys(KIND)),
  a: monthArb,
  b: monthArb,
  level: fc.double({ min: 0, max: 1, noNaN: true }),
  shape: fc.constantFrom('linear' as const, 'step' as const),
  cAfter: fc.integer({ min: 10, max: 150 }),
  scope: fc.option(selectorArb, { nil: undefined }),
})
type Meas = typeof measureArb extends fc.Arbitrary<infer T> ? T : never
const growthArb = fc.array(
  fc.oneof(
    fc.record({
      sector: fc.constantFrom('industry', 'industry.boiler', 'transport', 'solvent'),
      rate_pct: fc.double({ min: -50, max: 50, noNaN: true }),
      basis: fc.constant('fuzz'),
    }),
    fc.record({
      sector: fc.constantFrom('industry', 'transport.road', 'solvent.coating'),
      index: fc.dictionary(fc.integer({ min: 2023, max: 2030 }).map(String), fc.double({ min: 0, max: 3, noNaN: true }), { maxKeys: 4 }),
      basis: fc.constant('fuzz'),
    }),
  ),
  { maxLength: 3 },
)

function scenario(ms: Meas[], growth: Scenario['growth']): Scenario {
  const sums = { cut: 0, switch: 0, reduce: 0 }
  for (const m of ms) sums[KIND[m.template] ?? 'reduce'] += m.level
  return fixtureScenario((s) => {
    s.years = { start: 2022, end: 2028 }
    s.targets = []
    s.growth = growth.filter((g, i) => growth.findIndex((h) => h.sector === g.sector) === i)
    s.measures = ms.map((m, i) => {
      const k = KIND[m.template] ?? 'reduce'
      const level = k !== 'reduce' && sums[k] > 1 ? m.level / sums[k] : m.level
      return {
        id: `m${i}`,
        template: m.template,
        label: { zh: `措施${i}`, en: `Measure ${i}` },
        clause: `${i}`,
        enabled: true,
        params: (m.template === 'gas-low-nox' ? { c_after: m.cAfter } : m.template === 'freight-share' ? { s0: 0, s1: 1 } : {}) as Record<string, number>,
        ...(m.scope !== undefined ? { scope: m.scope } : {}),
        schedule: { start: m.a < m.b ? m.a : m.b, complete: m.a < m.b ? m.b : m.a, level, shape: m.shape },
      }
    })
  })
}

const project = (s: Scenario, inv: InventoryTable) => {
  const r = runScenario(lib, s, inv)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value.projection
}

describe('DESIGN §4 invariants with random selectors, growth and observed emissions', () => {
  it('runs, stays finite and non-negative, attributes exactly, and leaves the counterfactual alone', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.array(measureArb, { maxLength: 6 }), growthArb, (recs, ms, growth) => {
        const inv = inventory(recs)
        const s = scenario(ms, growth as Scenario['growth'])
        const pr = project(s, inv)
        for (const v of pr.scenario) expect(Number.isFinite(v) && v >= 0).toBe(true)
        for (const v of pr.counterfactual) expect(Number.isFinite(v) && v >= 0).toBe(true)
        const scale = Math.max(1, ...Array.from(pr.counterfactual))
        for (const p of ['NOx', 'VOCs'] as const)
          for (const y of pr.years) {
            const c = credited(pr, p, y)
            const sum = s.measures.reduce((a, _, i) => a + measureCredit(pr, i, p, y), 0)
            expect(Math.abs(sum - c)).toBeLessThanOrEqual(1e-9 * scale)
          }
        // The counterfactual carries no measure: the same with every measure removed.
        const none = project({ ...s, measures: [] }, inv)
        pr.counterfactual.forEach((v, i) => expect(v).toBeCloseTo(none.counterfactual[i] as number, 6))
        // At zero adoption the scenario is the counterfactual, to the bit.
        const zero = project(
          scenario(
            ms.map((m) => ({ ...m, level: 0 })),
            growth as Scenario['growth'],
          ),
          inv,
        )
        expect(Array.from(zero.scenario)).toEqual(Array.from(zero.counterfactual))
      }),
      { numRuns: 150 },
    )
  })

  it('a narrower scope never credits more to a reduce measure', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), selectorArb, (recs, sel) => {
        const inv = inventory(recs)
        const base: Meas = { template: 'gas-low-nox', a: '2023-01', b: '2023-12', level: 1, shape: 'linear', cAfter: 30, scope: undefined }
        const wide = project(scenario([base], []), inv)
        const narrow = project(scenario([{ ...base, scope: sel }], []), inv)
        for (const y of wide.years) expect(measureCredit(narrow, 0, 'NOx', y)).toBeLessThanOrEqual(measureCredit(wide, 0, 'NOx', y) * (1 + 1e-12) + 1e-12)
      }),
      { numRuns: 150 },
    )
  })
})

describe('safe exports', () => {
  it('neutralises cells beginning with = + - @ tab CR and leaves numbers unchanged', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")', '-2+3'])
      expect(csvCell(s).replace(/^"|"$/g, '').startsWith(`'${s[0]}`)).toBe(true)
    for (const n of [-1, -0.5, 1e-300, 1e300, 0, 42, -1234.5678]) expect(csvCell(n)).toBe(String(n))
    expect(csvCell('国三')).toBe('国三')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
  })

  it('round-trips through papaparse to the neutralised text; no cell starts a formula', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom('=cmd|"/c calc"!A1', '+1', '-1', '@x', '\t=1', '\r=1', 'a\r\nb', '"', ','),
    )
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 10 }), (rows) => {
        const text = toCsv(['a', 'b', 'c'], rows)
        const back = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: false }).data.slice(0, rows.length + 1)
        expect(back[0]).toEqual(['a', 'b', 'c'])
        rows.forEach((r, i) =>
          r.forEach((v, j) => {
            const got = back[i + 1]?.[j]
            if (typeof v === 'number') expect(Number(got)).toBe(v === 0 ? 0 : v)
            else {
              expect(got).toBe(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)
              expect(got).not.toMatch(/^[=+\-@\t\r]/)
            }
          }),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('exports 1,000 generated scenarios to YAML and parses them back unchanged', () => {
    const label = fc.record({ zh: fc.string({ minLength: 1, maxLength: 8 }), en: fc.string({ minLength: 1, maxLength: 8 }) })
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/)
    const month = monthArb
    const source = fc.string({ minLength: 3, maxLength: 20 })
    const scenarioArb = fc
      .record({
        id,
        title: label,
        regions: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        inventory: fc.string({ minLength: 1, maxLength: 20 }),
        start: fc.integer({ min: 1990, max: 2040 }),
        span: fc.integer({ min: 0, max: 60 }),
        growth: fc.array(
          fc.oneof(
            fc.record({ sector: fc.string({ minLength: 1, maxLength: 10 }), rate_pct: fc.double({ min: -100, max: 1000, noNaN: true }), basis: source }),
            fc.record({
              sector: fc.string({ minLength: 1, maxLength: 10 }),
              index: fc.dictionary(fc.integer({ min: 1990, max: 2100 }).map(String), fc.double({ min: 0, max: 10, noNaN: true })),
              basis: source,
            }),
          ),
          { maxLength: 3 },
        ),
        measures: fc.array(
          fc.record(
            {
              id,
              template: id,
              label,
              clause: fc.string({ minLength: 1, maxLength: 8 }),
              enabled: fc.boolean(),
              scope: fc.string({ minLength: 1, maxLength: 40 }),
              params: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
              to: id,
              schedule: fc
                .tuple(month, month, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('linear' as const, 'step' as const))
                .map(([a, b, level, shape]) => ({
                  start: a < b ? a : b,
                  complete: a < b ? b : a,
                  level,
                  shape,
                })),
              basis: fc.string(),
            },
            { requiredKeys: ['id', 'template', 'label', 'clause', 'enabled', 'params', 'schedule'] },
          ),
          { maxLength: 5 },
        ),
        targets: fc.array(
          fc.oneof(
            fc.record({
              id,
              pollutant: fc.constantFrom('NOx' as const, 'VOCs' as const),
              year: fc.integer({ min: 1990, max: 2100 }),
              source,
              kind: fc.constant('reduction_pct' as const),
              value: fc.double({ min: -100, max: 100, noNaN: true }),
              reference: fc.oneof(
                fc.record({ year: fc.integer({ min: 1990, max: 2100 }) }),
                fc.record({ year: fc.integer({ min: 1990, max: 2100 }), value_t: fc.double({ min: 1e-6, max: 1e9, noNaN: true }), source }),
              ),
            }),
            fc.record({
              id,
              pollutant: fc.constantFrom('NOx' as const, 'VOCs' as const),
              year: fc.integer({ min: 1990, max: 2100 }),
              source,
              kind: fc.constantFrom('cap_t' as const, 'engineering_t' as const),
              value: fc.double({ min: 0, max: 1e9, noNaN: true }),
            }),
          ),
          { maxLength: 3 },
        ),
        notes: fc.option(fc.string(), { nil: undefined }),
      })
      .map(({ start, span, notes, ...r }) => ({
        format: 'lantian-scenario/1',
        ...r,
        years: { start, end: Math.min(2100, start + span) },
        ...(notes !== undefined ? { notes } : {}),
      }))
    let n = 0
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const first = parseScenario(stringify(spec))
        if (!first.ok) throw new Error(`generated scenario invalid: ${JSON.stringify(first.issues)}`)
        const again = parseScenario(stringify(first.value))
        if (!again.ok) throw new Error(JSON.stringify(again.issues))
        expect(again.value).toStrictEqual(first.value)
        n++
      }),
      { numRuns: 1000 },
    )
    expect(n).toBe(1000)
  })
})
