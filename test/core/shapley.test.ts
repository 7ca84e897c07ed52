import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { credited, loadLibrary, measureCredit, runScenario, total, type Library, type Scenario } from '../../src/core'
import { CUT, EmissionGame, REDUCE, SWITCH } from '../../src/core/simulate/emission'
import { gaussLegendre } from '../../src/core/simulate/gauss-legendre'
import { shapleyInto } from '../../src/core/simulate/shapley'
import { readTextFiles } from '../../src/cli/files'
import { FIXTURE, fixtureScenario, inventoryFromCsv } from '../helpers'

// Exact Shapley attribution for any number of measures on one class (README "How it computes", issue 15 item 2).

/** E(S) of a game for the coalition given by `member` (the formula of src/core/simulate/emission.ts, from scratch). */
function emissionOf(g: EmissionGame, member: (b: number) => boolean): number {
  let cut = 0
  let sw = 0
  let red = 1
  let swEf = 0
  for (let b = 0; b < g.k; b++) {
    if (!member(b)) continue
    const kd = g.kind[b]
    if (kd === CUT) cut += g.x[b] ?? NaN
    else if (kd === REDUCE) red *= 1 - (g.xr[b] ?? NaN)
    else {
      sw += g.x[b] ?? NaN
      swEf += g.e[b] ?? NaN
    }
  }
  return g.G * (1 - cut) * ((1 - sw) * g.ae * red + g.a * swEf)
}

/** The Shapley value by its definition: Σ over coalitions without i of |S|!(k−|S|−1)!/k! × (E(S) − E(S ∪ i)). */
function shapleyByDefinition(g: EmissionGame): number[] {
  const k = g.k
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1))
  const phi = new Array<number>(k).fill(0)
  for (let mask = 0; mask < 2 ** k; mask++) {
    const inS = (b: number) => Math.floor(mask / 2 ** b) % 2 === 1
    let size = 0
    for (let b = 0; b < k; b++) if (inS(b)) size++
    const eS = emissionOf(g, inS)
    for (let i = 0; i < k; i++) {
      if (inS(i)) continue
      const w = (fact(size) * fact(k - size - 1)) / fact(k)
      phi[i] = (phi[i] ?? 0) + w * (eS - emissionOf(g, (b) => b === i || inS(b)))
    }
  }
  return phi
}

// Fractions on a grid rather than fc.double, which favours extremes (1e-300) that hide errors in relative terms.
const fraction = (min: number) => fc.integer({ min, max: 1000 }).map((v) => v / 1000)
const playerArb = fc.record({
  kind: fc.constantFrom(CUT, SWITCH, REDUCE),
  x: fraction(1),
  rho: fraction(0),
  ef: fc.integer({ min: 0, max: 50 }),
})

/** A game from random players, with each stage's fractions scaled to stay within 100 % as the simulation requires. */
function gameOf(ps: { kind: number; x: number; rho: number; ef: number }[], G: number, a: number, ae: number): EmissionGame {
  const g = new EmissionGame()
  g.reserve(ps.length)
  const sums = [0, 0, 0]
  for (const p of ps) sums[p.kind] = (sums[p.kind] ?? 0) + p.x
  ps.forEach((p, b) => {
    const x = p.kind === REDUCE ? p.x : p.x / Math.max(1, sums[p.kind] ?? 1)
    g.kind[b] = p.kind
    g.x[b] = x
    g.xr[b] = p.kind === REDUCE ? x * p.rho : 0
    g.e[b] = p.kind === SWITCH ? x * p.ef : 0
  })
  g.k = ps.length
  g.G = G
  g.a = a
  g.ae = ae
  return g
}

describe('Gauss–Legendre rule on [0, 1]', () => {
  it('integrates t^m exactly for m ≤ 2n − 1, with positive weights summing to 1', () => {
    for (const n of [1, 2, 3, 7, 16, 17, 32, 33, 64]) {
      const { t, w } = gaussLegendre(n)
      expect(w.every((x) => x > 0)).toBe(true)
      expect(t.every((x) => x > 0 && x < 1)).toBe(true)
      for (let m = 0; m <= 2 * n - 1; m++) {
        let s = 0
        t.forEach((x, i) => (s += (w[i] ?? NaN) * x ** m))
        expect(Math.abs(s * (m + 1) - 1), `n=${n} m=${m}`).toBeLessThan(1e-13)
      }
    }
  })
})

describe('shapleyInto equals the Shapley value by its definition', () => {
  it('for random classes of up to 11 cut, switch and reduce measures', () => {
    fc.assert(
      fc.property(
        fc.array(playerArb, { minLength: 1, maxLength: 11 }),
        fc.integer({ min: 50, max: 300 }).map((v) => v / 100),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (ps, G, a, ae) => {
          const g = gameOf(ps, G, a, ae)
          const phi = new Float64Array(g.k)
          shapleyInto(g, phi)
          const want = shapleyByDefinition(g)
          // Rounding is relative to the emissions involved: the largest coalition emission bounds every term.
          const scale = Math.max(
            emissionOf(g, () => false),
            Math.abs(g.total()),
            ...want.map(Math.abs),
          )
          want.forEach((v, b) => expect(Math.abs((phi[b] ?? NaN) - v), `player ${b} of ${g.k}`).toBeLessThan(1e-12 * scale))
          // Efficiency: the values add up to E(∅) − E(all).
          const sum = phi.reduce((s, v) => s + v, 0)
          expect(Math.abs(sum - (emissionOf(g, () => false) - g.total()))).toBeLessThan(1e-12 * scale)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('refuses a buffer shorter than the number of players instead of dropping values', () => {
    const g = gameOf(
      [
        { kind: CUT, x: 0.1, rho: 0, ef: 0 },
        { kind: REDUCE, x: 0.5, rho: 0.5, ef: 0 },
      ],
      1,
      1,
      1,
    )
    expect(() => shapleyInto(g, new Float64Array(1))).toThrow(RangeError)
  })
})

// A library with the fixture's models and, for mixed classes, a switch that applies to gas boilers.
const lib: Library = (() => {
  const files = readTextFiles(join(FIXTURE, 'models'))
  files.push({
    path: 'extra.yaml',
    text: `format: lantian-measures/1
measures:
  - id: gas-swap
    label: { zh: 燃气锅炉换低氮炉, en: Gas boiler swap }
    category: energy
    kind: switch
    to: boiler-gas-lownox30
    applies_to: 'technology == "boiler-gas"'
    source: "test"
`,
  })
  const r = loadLibrary(files)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
})()

// One gas boiler, 100 × 10⁴ m³, NOx EF 15 kg/10⁴ m³: E0 = 1.5 t NOx, 0.1 t VOCs, every year (no growth for industry).
const INVENTORY = inventoryFromCsv(
  '# format: lantian-inventory/1\n# year: 2022\nid,region,sector,technology,activity,unit\nB1,甲县,industry.boiler,boiler-gas,100,wm3\n',
)
const E0 = 1.5

/** A scenario of `n` measures on the one boiler: `template(i)` picks each one's template; all in full from 2023. */
function manyMeasures(n: number, template: (i: number) => string, level: (i: number) => number, cAfter = 140): Scenario {
  return fixtureScenario((s) => {
    s.targets = []
    s.measures = Array.from({ length: n }, (_, i) => ({
      id: `m${String(i).padStart(3, '0')}`,
      template: template(i),
      label: { zh: `措施${i}`, en: `measure ${i}` },
      clause: '一',
      enabled: true,
      params: (template(i) === 'gas-low-nox' ? { c_after: cAfter } : {}) as Record<string, number>,
      schedule: { start: '2022-01', complete: '2022-12', level: level(i), shape: 'linear' as const },
    }))
  })
}

describe('a class with 31, 33 or 64 active measures', () => {
  for (const k of [31, 33, 64]) {
    it(`${k} identical reduce measures: scenario = E0·(1 − xρ)^k, each credited 1/k of the reduction`, () => {
      const out = runScenario(
        lib,
        manyMeasures(
          k,
          () => 'gas-low-nox',
          () => 0.5,
        ),
        INVENTORY,
      )
      expect(out.ok ? [] : out.issues).toEqual([])
      if (!out.ok) return
      const pr = out.value.projection
      // ρ = 1 − 140/150 = 1/15, x = 0.5.
      let closed = E0
      for (let i = 0; i < k; i++) closed *= 1 - 0.5 * (1 - 140 / 150)
      for (const year of pr.years.filter((y) => y >= 2023)) {
        const scen = total(pr, 'scenario', 'NOx', year)
        expect(Math.abs(scen - closed) / closed, `scenario ${year}`).toBeLessThan(1e-12)
        const c = credited(pr, 'NOx', year)
        expect(Math.abs(c - (E0 - closed)) / (E0 - closed)).toBeLessThan(1e-12)
        let sum = 0
        for (let m = 0; m < k; m++) {
          const v = measureCredit(pr, m, 'NOx', year)
          expect(Math.abs(v - c / k) / (c / k), `measure ${m}, ${year}`).toBeLessThan(1e-9)
          sum += v
        }
        expect(Math.abs(sum - c) / c).toBeLessThan(1e-9)
        expect(total(pr, 'scenario', 'VOCs', year)).toBe(0.1)
      }
    })
  }

  it('64 measures of all three kinds: the scenario equals the closed form and the credits sum to the credited reduction', () => {
    // 16 cuts at 2 % (Σ 0.32), 16 switches at 3 % (Σ 0.48), 32 reduces at 50 %, ρ = 1/15.
    const tpl = (i: number) => (i % 4 === 0 ? 'closure' : i % 4 === 1 ? 'gas-swap' : 'gas-low-nox')
    const lvl = (i: number) => (i % 4 === 0 ? 0.02 : i % 4 === 1 ? 0.03 : 0.5)
    const s = manyMeasures(64, tpl, lvl)
    const out = runScenario(lib, s, INVENTORY)
    expect(out.ok ? [] : out.issues).toEqual([])
    if (!out.ok) return
    const pr = out.value.projection
    // E = (1 − 0.32) · [(1 − 0.48) · 1.5 · (1 − 0.5/15)^32 + 100 × 0.48 × 0.003 × (280/280)]  (low-NOx boiler EF 3 kg).
    let red = 1
    for (let i = 0; i < 32; i++) red *= 1 - 0.5 / 15
    const closed = (1 - 0.32) * ((1 - 0.48) * E0 * red + 100 * 0.48 * 0.003)
    for (const year of pr.years.filter((y) => y >= 2023)) {
      const scen = total(pr, 'scenario', 'NOx', year)
      expect(Math.abs(scen - closed) / closed).toBeLessThan(1e-12)
      const c = credited(pr, 'NOx', year)
      let sum = 0
      const byKind = new Map<string, number[]>()
      for (let m = 0; m < 64; m++) {
        const v = measureCredit(pr, m, 'NOx', year)
        expect(Number.isFinite(v)).toBe(true)
        sum += v
        byKind.set(tpl(m), [...(byKind.get(tpl(m)) ?? []), v])
      }
      expect(Math.abs(sum - c) / c).toBeLessThan(1e-9)
      // Symmetry: measures of the same template and level get the same credit.
      for (const vs of byKind.values()) for (const v of vs) expect(Math.abs(v - (vs[0] ?? NaN))).toBeLessThan(1e-12 * c)
    }
  })

  it('gives the same bits whatever order the 64 measures are listed in', () => {
    const tpl = (i: number) => (i % 4 === 0 ? 'closure' : i % 4 === 1 ? 'gas-swap' : 'gas-low-nox')
    const lvl = (i: number) => (i % 4 === 0 ? 0.02 : i % 4 === 1 ? 0.03 : 0.2 + (i % 7) / 10)
    const s = manyMeasures(64, tpl, lvl)
    const shuffled = { ...s, measures: [...s.measures].reverse() }
    const a = runScenario(lib, s, INVENTORY)
    const b = runScenario(lib, shuffled, INVENTORY)
    if (!a.ok || !b.ok) throw new Error('run failed')
    expect(Array.from(b.value.projection.scenario)).toEqual(Array.from(a.value.projection.scenario))
    for (let m = 0; m < 64; m++) expect(measureCredit(b.value.projection, 63 - m, 'NOx', 2025)).toBe(measureCredit(a.value.projection, m, 'NOx', 2025))
  })
})
