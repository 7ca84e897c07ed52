import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { flipPoints, resolveScenario, runResolved, type Assumption, type ResolvedScenario, type Scenario, type TargetVerdict } from '../../src/core'
import { optLibrary, optScenario, OPT_FIXTURE } from '../optimize/fixture'
import { inventoryFromCsv, runCli } from '../helpers'

// The optimiser fixture (test/fixtures/optimize), every measure at level 0.5, stepping in at the end of 2023, so its
// 2025 adoption is its level. By hand (README of the fixture in scenario.yaml):
// NOx 2025 = B1 1.5 × (1 − 0.5 × 0.8)(1 − 0.5 × 0.5) = 0.675 + B2 1.5 + gas from coal 0.375 + T1 (0.2 × 8 + cn6 1 + rail 0.3)
//          = 5.45 t vs 0.6 × 12.5 = 7.5 t required (−40 % vs 2022, a projected year).
// VOCs 2025 = B1 0.1 + B2 0.25 + 0.025 + T1 0.1 + cn6 0.05 + coatings 2 × 0.85 + water-borne 0.625 = 2.85 t vs a 3 t cap.

/** Find one assumption of a target's report. */
function find(v: TargetVerdict | undefined, kind: Assumption['kind'], id: string, sub?: string): Assumption {
  const a = v?.assumptions.find(
    (x) => x.kind === kind && (x.measure ?? x.technology ?? x.sector ?? '') === id && (sub === undefined || (x.param ?? x.pollutant) === sub),
  )
  if (!a) throw new Error(`no ${kind} ${id} ${sub ?? ''} in ${v?.id}`)
  return a
}

/** Return a target's gap (t; ≤ 0 = met) from a full simulation with attribution, after an edit of the scenario. */
function gapAfter(resolved: ResolvedScenario, base: Scenario, target: string, edit: (s: Scenario) => void): number {
  const scenario = structuredClone(base)
  edit(scenario)
  // Levels and these parameters select no records, so the resolution is reused (as the app does).
  const out = runResolved(resolved, scenario)
  if (!out.ok) return NaN
  return out.value.targets.find((t) => t.id === target)?.gapT ?? NaN
}

/** Bisect a gap that changes sign on [lo, hi] to 1e-12 of the interval: an independent check of each flip. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo
  let b = hi
  let fa = f(a)
  for (let k = 0; k < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); k++) {
    const m = (a + b) / 2
    const fm = f(m)
    if (Math.sign(fm) === Math.sign(fa)) {
      a = m
      fa = fm
    } else b = m
  }
  return (a + b) / 2
}

const setLevel = (id: string, v: number) => (s: Scenario) => {
  const m = s.measures.find((x) => x.id === id)
  if (m) m.schedule.level = v
}
const setParam = (id: string, k: string, v: number) => (s: Scenario) => {
  const m = s.measures.find((x) => x.id === id)
  if (m) m.params = { ...m.params, [k]: v }
}

describe('flip points on the hand-checkable fixture', () => {
  const { scenario, resolved } = optScenario()
  const report = flipPoints(resolved, scenario)
  if (!report.ok) throw new Error(JSON.stringify(report.issues))
  const nox = report.value.targets.find((t) => t.id === 'nox-2025')
  const vocs = report.value.targets.find((t) => t.id === 'vocs-2025')

  it('reports the verdicts the hand arithmetic gives', () => {
    expect(nox?.projected).toBeCloseTo(5.45, 12)
    expect(nox?.required).toBeCloseTo(7.5, 12)
    expect(vocs?.projected).toBeCloseTo(2.85, 12)
    expect(vocs?.met).toBe(true)
  })

  // Each case: the flip by hand (closed form), then by bisection on the full simulation.
  const cases: { what: string; a: () => Assumption; hand: number; target: string; edit: (x: number) => (s: Scenario) => void; lo: number; hi: number }[] = [
    // VOCs = 3.925 − 2.15 L (coatings 3.4 (1 − L) + water-borne 1.25 L) ≤ 3 → L = 0.925 / 2.15.
    {
      what: 'low-VOCs level',
      a: () => find(vocs, 'level', 'lowvoc'),
      hand: 0.925 / 2.15,
      target: 'vocs-2025',
      edit: (x) => setLevel('lowvoc', x),
      lo: 0,
      hi: 1,
    },
    // VOCs = 3.15 − 0.6 T ≤ 3 → T = 0.25.
    { what: 'treatment level', a: () => find(vocs, 'level', 'treat'), hand: 0.25, target: 'vocs-2025', edit: (x) => setLevel('treat', x), lo: 0, hi: 1 },
    // VOCs = 3.15 − e (T = 0.5) ≤ 3 → e = 0.15 (a parameter: closed form in the removal fraction).
    {
      what: 'treatment efficiency',
      a: () => find(vocs, 'param', 'treat', 'eff'),
      hand: 0.15,
      target: 'vocs-2025',
      edit: (x) => setParam('treat', 'eff', x),
      lo: 0,
      hi: 0.5,
    },
    // B2 VOCs 0.5 − 0.45 L: 2.85 − 0.45 (L − 0.5) ≤ 3 → L = 1/6.
    { what: 'coal-to-gas level (VOCs)', a: () => find(vocs, 'level', 'c2g'), hand: 1 / 6, target: 'vocs-2025', edit: (x) => setLevel('c2g', x), lo: 0, hi: 1 },
    // T1 NOx 5.9 − 6 L: 8.45 − 6 L ≤ 7.5 → L = 0.95 / 6 (cap 0.7: the share measure moves 0.3 of the same trucks).
    {
      what: 'China III retirement level',
      a: () => find(nox, 'level', 'cn3-out'),
      hand: 0.95 / 6,
      target: 'nox-2025',
      edit: (x) => setLevel('cn3-out', x),
      lo: 0,
      hi: 0.7,
    },
    // Moved 0.6 L: T1 5 − 4.2 L; 7.55 − 4.2 L ≤ 7.5 → L = 0.05 / 4.2.
    { what: 'share level', a: () => find(nox, 'level', 'share'), hand: 0.05 / 4.2, target: 'nox-2025', edit: (x) => setLevel('share', x), lo: 0, hi: 0.8 },
    // Moved m = s1 − 0.5: 7.55 − 7 m ≤ 7.5 → s1 = 0.5 + 1/140.
    {
      what: 'share s1',
      a: () => find(nox, 'param', 'share', 's1'),
      hand: 0.5 + 1 / 140,
      target: 'nox-2025',
      edit: (x) => setParam('share', 's1', x),
      lo: 0.5,
      hi: 1,
    },
    // m = 0.5 (0.8 − s0)/(1 − s0) ≥ 1/140 → s0 = 55/69.
    {
      what: 'share s0',
      a: () => find(nox, 'param', 'share', 's0'),
      hand: 55 / 69,
      target: 'nox-2025',
      edit: (x) => setParam('share', 's0', x),
      lo: 0,
      hi: 0.8,
    },
  ]
  for (const c of cases)
    it(`${c.what}: the flip equals the hand closed form and a bisection of the full simulation`, () => {
      const a = c.a()
      expect(a.method).toBe('closed-form')
      expect(a.flip).not.toBeNull()
      const flip = a.flip as number
      expect(Math.abs(flip - c.hand)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.hand))
      const bis = bisect((x) => gapAfter(resolved, scenario, c.target, c.edit(x)), c.lo, c.hi)
      expect(Math.abs(flip - bis)).toBeLessThanOrEqual(1e-9 * Math.max(1, bis))
    })

  it('EFs: the coating EF flips at 400 × 1.85 / 1.7 kg/t; a switch target (water-borne) at 124 kg/t', () => {
    // Coatings left 1.7 f (the 0.625 t moved to water-borne keep that EF): 0.525 + 0.625 + 1.7 f ≤ 3.
    const solvent = find(vocs, 'ef', 'coat-solvent', 'VOCs')
    expect(Math.abs((solvent.flip as number) - (400 * 1.85) / 1.7)).toBeLessThan(1e-9 * 400)
    // Water-borne only receives switched activity: 2.225 + 0.625 f ≤ 3 → f = 1.24 → 124 kg/t.
    const water = find(vocs, 'ef', 'coat-water', 'VOCs')
    expect(Math.abs((water.flip as number) - 124)).toBeLessThan(1e-9 * 124)
    expect(water.provenance).toEqual({ kind: 'source', text: 'fixture' })
    // Bisection: the library's EF changed, the scenario resolved and simulated in full.
    const lib = optLibrary()
    const inv = inventoryFromCsv(readFileSync(join(OPT_FIXTURE, 'inventory.csv'), 'utf8'))
    for (const [id, value, flip] of [
      ['coat-solvent', 400, solvent.flip as number],
      ['coat-water', 100, water.flip as number],
    ] as const) {
      const t = lib.technologies.get(id)
      if (!t) throw new Error(id)
      const saved = t.ef[1] as number
      const gapAt = (ef: number) => {
        t.ef[1] = (saved * ef) / value
        const r = resolveScenario(lib, scenario, inv)
        t.ef[1] = saved
        if (!r.ok) throw new Error(JSON.stringify(r.issues))
        const out = runResolved(r.value, scenario)
        return out.ok ? (out.value.targets.find((x) => x.id === 'vocs-2025')?.gapT ?? NaN) : NaN
      }
      const bis = bisect(gapAt, value * 0.5, value * 2)
      expect(Math.abs(flip - bis)).toBeLessThanOrEqual(1e-9 * bis)
    }
  })

  it('a China III truck EF flip lies outside its range because the projected 2022 reference moves with it', () => {
    // NOx 3.85 + 1.6 f ≤ 0.6 × (4.5 + 8 f) → f ≥ 0.359375 → 2.875 g/km, below the range [6, 10]: no flip.
    const a = find(nox, 'ef', 'hdt-cn3', 'NOx')
    expect(a.flip).toBeNull()
    expect(a.range).toEqual([6, 10])
  })

  it("the target's own numbers flip in closed form", () => {
    // −40 % required, −56.4 % achieved: the verdict flips at a required reduction of 56.4 %.
    expect(find(nox, 'reference', '', 'value').flip).toBeCloseTo((1 - 5.45 / 12.5) * 100, 10)
    const cap = find(vocs, 'reference', '', 'value')
    expect(cap.flip).toBeCloseTo(2.85, 12)
    expect(cap.range).toEqual([0, Infinity])
  })

  it('sorts by relative distance and leaves out inputs a target does not depend on', () => {
    for (const t of report.value.targets) {
      const d = t.assumptions.map((a) => a.distance ?? Infinity)
      expect([...d].sort((a, b) => a - b)).toEqual(d)
    }
    // Low-VOCs coatings do not touch NOx; the gas-boiler measures do not touch VOCs.
    expect(nox?.assumptions.some((a) => a.measure === 'lowvoc')).toBe(false)
    expect(vocs?.assumptions.some((a) => a.measure === 'lownox')).toBe(false)
    // Share level 0.0119 vs 0.5: distance 0.976.
    expect(find(nox, 'level', 'share').distance).toBeCloseTo(Math.abs(0.05 / 4.2 - 0.5) / 0.5, 12)
  })

  it('a level flip equals the level at which `lantian check` flips, to 1e-9', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-flip-'))
    cpSync(OPT_FIXTURE, dir, { recursive: true })
    const text = readFileSync(join(dir, 'scenario.yaml'), 'utf8')
    const flip = find(vocs, 'level', 'lowvoc').flip as number
    const codes: number[] = []
    for (const level of [flip * (1 - 1e-9), flip * (1 + 1e-9)]) {
      writeFileSync(join(dir, 'scenario.yaml'), text.replace(/(id: lowvoc[^\n]*level: )0\.5/, `$1${level}`))
      const r = await runCli(['check', join(dir, 'scenario.yaml'), '--models', join(dir, 'models')])
      codes.push(r.code)
    }
    expect(codes).toEqual([1, 0])
  })
})

describe('provenance and left-out inputs', () => {
  it('tags each input with the provenance the scenario gives', () => {
    const { scenario, resolved } = optScenario((s) => {
      const m = s.measures.find((x) => x.id === 'treat')
      if (m) m.provenance = { level: { assumed: 'the convention default level' }, 'params.eff': { source: 'fixture table 1' } }
      const t = s.targets.find((x) => x.id === 'vocs-2025')
      if (t) t.provenance = { value: { plan: '六（一） 不高于3吨' } }
      s.growth = [{ sector: 'solvent', rate_pct: 0, basis: 'fixture', provenance: { assumed: 'flat' } }]
    })
    const v = flipPoints(resolved, scenario)
    if (!v.ok) throw new Error(JSON.stringify(v.issues))
    const vocs = v.value.targets.find((t) => t.id === 'vocs-2025')
    expect(find(vocs, 'level', 'treat').provenance).toEqual({ kind: 'assumed', text: 'the convention default level' })
    expect(find(vocs, 'param', 'treat', 'eff').provenance).toEqual({ kind: 'source', text: 'fixture table 1' })
    expect(find(vocs, 'reference', '', 'value').provenance).toEqual({ kind: 'plan', text: '六（一） 不高于3吨' })
    expect(find(vocs, 'growth', 'solvent').provenance).toEqual({ kind: 'assumed', text: 'flat' })
    // A sector without a growth entry is an assumption too: its activity is held at the inventory year.
    expect(find(vocs, 'growth', 'industry.boiler').provenance?.kind).toBe('assumed')
  })

  it('leaves out, with a located warning, a parameter that decides which records a measure selects', () => {
    const { scenario, resolved } = optScenario((s) => {
      const m = s.measures.find((x) => x.id === 'treat')
      if (m) m.scope = 'eff > 0.1'
    })
    const v = flipPoints(resolved, scenario, { file: 'scenario.yaml' })
    if (!v.ok) throw new Error(JSON.stringify(v.issues))
    expect(v.value.warnings).toContainEqual(
      expect.objectContaining({ code: 'verdicts.param-selects', severity: 'warning', path: ['measures', 6, 'params', 'eff'], file: 'scenario.yaml' }),
    )
    expect(v.value.targets.some((t) => t.assumptions.some((a) => a.measure === 'treat' && a.param === 'eff'))).toBe(false)
  })
})
