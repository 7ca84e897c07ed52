import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { credited, measureCredit, runScenario, type InventoryTable, type Scenario } from '../../src/core'
import { fixtureLibrary, fixtureScenario, inventoryFromCsv } from '../helpers'

// Property tests of the DESIGN §4 invariants over random inventories and scenarios on the fixture library.
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
const TEMPLATES = ['gas-low-nox', 'coal-to-gas', 'truck-phase-out', 'freight-share', 'low-voc', 'closure'] as const
const KIND: Record<string, 'cut' | 'switch' | 'reduce'> = {
  'gas-low-nox': 'reduce',
  'coal-to-gas': 'switch',
  'truck-phase-out': 'switch',
  'freight-share': 'switch',
  'low-voc': 'switch',
  closure: 'cut',
}

const recordArb = fc.record({
  tech: fc.constantFrom(...TECHS),
  activity: fc.double({ min: 0, max: 1e6, noNaN: true }),
  observed: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
})
const monthArb = fc.tuple(fc.integer({ min: 2022, max: 2027 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`)
const measureArb = fc.record({
  template: fc.constantFrom(...TEMPLATES),
  a: monthArb,
  b: monthArb,
  level: fc.double({ min: 0, max: 1, noNaN: true }),
  shape: fc.constantFrom('linear' as const, 'step' as const),
  cAfter: fc.integer({ min: 10, max: 150 }),
})

function inventory(records: { tech: string; activity: number; observed?: number | undefined }[]): InventoryTable {
  const lines = records.map(
    (r, i) => `R${i},甲县,${SECTOR[r.tech]},${r.tech},${r.activity},${UNIT[r.tech] ?? 't'},${r.observed !== undefined && r.activity > 0 ? r.observed : ''}`,
  )
  return inventoryFromCsv(`# format: lantian-inventory/1\n# year: 2022\nid,region,sector,technology,activity,unit,nox_t\n${lines.join('\n')}\n`)
}

function scenario(
  ms: fc.Arbitrary<unknown> extends never ? never : { template: string; a: string; b: string; level: number; shape: 'linear' | 'step'; cAfter: number }[],
  only?: 'reducing',
): Scenario {
  const list = only === 'reducing' ? ms.filter((m) => KIND[m.template] !== 'switch') : ms
  // Keep each stage within 100 %: scale levels of the same stage so they sum to at most 1.
  const sums = { cut: 0, switch: 0, reduce: 0 }
  for (const m of list) sums[KIND[m.template] ?? 'reduce'] += m.level
  return fixtureScenario((s) => {
    s.years = { start: 2022, end: 2028 }
    s.targets = []
    s.measures = list.map((m, i) => {
      const k = KIND[m.template] ?? 'reduce'
      const level = k !== 'reduce' && sums[k] > 1 ? m.level / sums[k] : m.level
      return {
        id: `m${i}`,
        template: m.template,
        label: { zh: `措施${i}`, en: `Measure ${i}` },
        clause: `${i}`,
        enabled: true,
        params: (m.template === 'gas-low-nox' ? { c_after: m.cAfter } : {}) as Record<string, number>,
        schedule: { start: m.a < m.b ? m.a : m.b, complete: m.a < m.b ? m.b : m.a, level, shape: m.shape },
      }
    })
  })
}

const run = (s: Scenario, inv: InventoryTable) => {
  const r = runScenario(lib, s, inv)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value.projection
}
const cfg = { numRuns: 150 }

describe('DESIGN §4 invariants', () => {
  it('never produces negative emissions', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.array(measureArb, { maxLength: 6 }), (recs, ms) => {
        const pr = run(scenario(ms), inventory(recs))
        for (const v of pr.scenario) expect(v).toBeGreaterThanOrEqual(0)
      }),
      cfg,
    )
  })

  it('keeps the scenario at or below the counterfactual with only reducing measures', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.array(measureArb, { maxLength: 6 }), (recs, ms) => {
        const pr = run(scenario(ms, 'reducing'), inventory(recs))
        pr.scenario.forEach((v, i) => expect(v).toBeLessThanOrEqual((pr.counterfactual[i] as number) * (1 + 1e-12)))
      }),
      cfg,
    )
  })

  it('attributes exactly: Shapley values sum to the credited reduction and ignore listing order', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.array(measureArb, { minLength: 1, maxLength: 6 }), (recs, ms) => {
        const inv = inventory(recs)
        const s = scenario(ms)
        const pr = run(s, inv)
        for (const p of ['NOx', 'VOCs'] as const) {
          for (const y of pr.years) {
            const c = credited(pr, p, y)
            const sum = s.measures.reduce((a, _, i) => a + measureCredit(pr, i, p, y), 0)
            expect(Math.abs(sum - c)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c), ...Array.from(pr.counterfactual)))
          }
        }
        const reversed = { ...s, measures: [...s.measures].reverse() }
        const pr2 = run(reversed, inv)
        const n = s.measures.length
        for (let i = 0; i < n; i++)
          for (const p of ['NOx', 'VOCs'] as const) for (const y of pr.years) expect(measureCredit(pr2, n - 1 - i, p, y)).toBe(measureCredit(pr, i, p, y))
      }),
      cfg,
    )
  })

  it('equals the counterfactual at zero adoption', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.array(measureArb, { maxLength: 6 }), (recs, ms) => {
        const pr = run(scenario(ms.map((m) => ({ ...m, level: 0 }))), inventory(recs))
        expect(Array.from(pr.scenario)).toEqual(Array.from(pr.counterfactual))
      }),
      cfg,
    )
  })

  it('is monotone in the adoption of a reduce measure', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 1, maxLength: 8 }),
        fc.array(measureArb, { maxLength: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (recs, ms, extra) => {
          const inv = inventory(recs)
          const reduce = { template: 'gas-low-nox', a: '2023-01', b: '2024-06', shape: 'linear' as const, cAfter: 30 }
          const lo = run(scenario([...ms, { ...reduce, level: extra / 2 }]), inv)
          const hi = run(scenario([...ms, { ...reduce, level: extra }]), inv)
          hi.scenario.forEach((v, i) => expect(v).toBeLessThanOrEqual((lo.scenario[i] as number) * (1 + 1e-12) + 1e-300))
        },
      ),
      cfg,
    )
  })

  it('gives the same output to the bit for the same input', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.array(measureArb, { maxLength: 6 }), (recs, ms) => {
        const a = run(scenario(ms), inventory(recs))
        const b = run(scenario(ms), inventory(recs))
        expect(Buffer.from(a.scenario.buffer).equals(Buffer.from(b.scenario.buffer))).toBe(true)
        expect(Buffer.from(a.attribution.buffer).equals(Buffer.from(b.attribution.buffer))).toBe(true)
      }),
      { numRuns: 50 },
    )
  })

  it('rejects switch measures that move more than 100 % of the same records', () => {
    const s = fixtureScenario((x) => {
      x.measures = [
        {
          id: 'a',
          template: 'truck-phase-out',
          label: { zh: '甲', en: 'A' },
          clause: '1',
          enabled: true,
          params: {},
          schedule: { start: '2022-12', complete: '2022-12', level: 0.7, shape: 'step' },
        },
        {
          id: 'b',
          template: 'freight-share',
          label: { zh: '乙', en: 'B' },
          clause: '2',
          enabled: true,
          params: { s0: 0, s1: 0.7 },
          schedule: { start: '2022-12', complete: '2022-12', level: 1, shape: 'step' },
        },
      ]
    })
    const r = runScenario(lib, s, inventory([{ tech: 'hdt-cn3', activity: 100 }]))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.issues[0]?.code).toBe('scenario.stage-over-100')
      expect(r.issues[0]?.en).toMatch(/a, b together move 140 % of the same records \(e\.g\. R0/)
    }
  })
})
