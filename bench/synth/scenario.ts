import { parseScenario, type Scenario } from '../../src/core'
import { SYNTH_REGIONS, SYNTH_YEAR } from './inventory'

type Kind = 'cut' | 'switch' | 'share' | 'reduce'
interface M {
  id: string
  template: string
  kind: Kind
  to?: string
  scope?: string
  params?: Record<string, number>
  start: string
  complete: string
  level?: number
  shape?: 'linear' | 'step'
}

/** Thirty measures of every kind, built on the real templates in models/measures, with selectors on attributes. */
export const BENCH_MEASURES: readonly M[] = [
  { id: 'cut-brick', template: 'capacity-elimination', kind: 'cut', scope: 'technology == "kiln-brick"', start: '2023-01', complete: '2024-12', level: 0.3 },
  {
    id: 'cut-c03',
    template: 'capacity-elimination',
    kind: 'cut',
    scope: 'county == "县03" and within(sector, "industry")',
    start: '2023-06',
    complete: '2023-06',
    level: 0.2,
    shape: 'step',
  },
  {
    id: 'cut-small-coal',
    template: 'capacity-elimination',
    kind: 'cut',
    scope: 'technology == "boiler-coal" and capacity < 10',
    start: '2023-01',
    complete: '2025-06',
    level: 0.5,
  },
  {
    id: 'cut-furniture',
    template: 'capacity-elimination',
    kind: 'cut',
    scope: 'within(sector, "solvent.furniture")',
    start: '2024-01',
    complete: '2025-12',
    level: 0.1,
  },
  {
    id: 'c2g-boiler',
    template: 'coal-to-gas',
    kind: 'switch',
    scope: 'technology == "boiler-coal" and capacity >= 10',
    start: '2023-03',
    complete: '2025-10',
    level: 0.6,
  },
  {
    id: 'c2e-boiler',
    template: 'coal-to-electricity',
    kind: 'switch',
    to: 'boiler-electric',
    scope: 'technology == "boiler-coal" and capacity >= 35',
    start: '2024-01',
    complete: '2026-12',
    level: 0.3,
  },
  {
    id: 'c2g-house',
    template: 'coal-to-gas',
    kind: 'switch',
    to: 'household-gas',
    scope: 'technology == "household-coal" and region == "乙区"',
    start: '2023-01',
    complete: '2024-10',
    level: 0.5,
  },
  {
    id: 'c2e-house',
    template: 'coal-to-electricity',
    kind: 'switch',
    scope: 'technology == "household-coal"',
    start: '2023-09',
    complete: '2025-09',
    level: 0.4,
  },
  {
    id: 'cn3-out',
    template: 'truck-phase-out',
    kind: 'switch',
    scope: 'standard == "国三" and startsWith(technology, "hdt")',
    start: '2023-01',
    complete: '2025-06',
    level: 0.8,
  },
  {
    id: 'cn2-nev',
    template: 'truck-phase-out',
    kind: 'switch',
    to: 'hdt-nev',
    scope: 'oneOf(standard, "国二") and startsWith(technology, "hdt")',
    start: '2023-01',
    complete: '2024-12',
    level: 0.8,
  },
  {
    id: 'mdt-out',
    template: 'truck-phase-out',
    kind: 'switch',
    to: 'mdt-diesel-cn6',
    scope: 'startsWith(technology, "mdt")',
    start: '2023-07',
    complete: '2026-06',
    level: 0.5,
  },
  {
    id: 'leanburn-out',
    template: 'truck-phase-out',
    kind: 'switch',
    to: 'hdt-gas-stoich',
    scope: 'technology == "hdt-gas-leanburn"',
    start: '2024-01',
    complete: '2025-12',
    level: 0.7,
  },
  {
    id: 'rail-share',
    template: 'clean-transport-share',
    kind: 'share',
    scope: 'county != "县01"',
    params: { s0: 0.1, s1: 0.2 },
    start: '2023-01',
    complete: '2025-12',
  },
  {
    id: 'nev-share',
    template: 'clean-transport-share',
    kind: 'share',
    to: 'hdt-nev',
    scope:
      'county == "县02" or oneOf(enterprise, "企业000097", "企业000194", "企业000291", "企业000388", "企业000485", "企业000582", "企业000679", "企业000776", "企业000873", "企业000970", "企业001067", "企业001164")',
    params: { s0: 0.05, s1: 0.1 },
    start: '2024-01',
    complete: '2027-12',
  },
  { id: 'nonroad-s4', template: 'nonroad-renewal', kind: 'switch', start: '2023-01', complete: '2026-12', level: 0.5 },
  { id: 'forklift-e', template: 'forklift-electrification', kind: 'switch', start: '2023-04', complete: '2025-12', level: 0.6 },
  {
    id: 'agri-c05',
    template: 'nonroad-renewal',
    kind: 'switch',
    scope: 'technology == "agri-machinery" and county == "县05"',
    start: '2024-01',
    complete: '2024-12',
    level: 0.3,
    shape: 'step',
  },
  {
    id: 'lowvoc-coating',
    template: 'low-voc-substitution',
    kind: 'switch',
    scope: 'technology == "coating-industrial-solvent"',
    start: '2023-03',
    complete: '2025-12',
    level: 0.5,
  },
  {
    id: 'lowvoc-printing',
    template: 'low-voc-substitution',
    kind: 'switch',
    to: 'printing-lowvoc',
    scope: 'technology == "printing-solvent"',
    start: '2023-01',
    complete: '2025-06',
    level: 0.6,
  },
  {
    id: 'lowvoc-furniture',
    template: 'low-voc-substitution',
    kind: 'switch',
    to: 'furniture-lowvoc',
    scope: 'technology == "furniture-solvent"',
    start: '2024-01',
    complete: '2026-12',
    level: 0.4,
  },
  {
    id: 'lowvoc-arch',
    template: 'low-voc-substitution',
    kind: 'switch',
    to: 'architectural-lowvoc',
    scope: 'technology == "architectural-solvent"',
    start: '2023-01',
    complete: '2025-12',
    level: 0.7,
  },
  { id: 'gas-lownox', template: 'gas-boiler-low-nox', kind: 'reduce', params: { c_after: 30 }, start: '2023-01', complete: '2024-06' },
  {
    id: 'ule-big-coal',
    template: 'ultra-low-emission',
    kind: 'reduce',
    scope: 'capacity >= 20 and technology == "boiler-coal"',
    start: '2023-06',
    complete: '2025-06',
    level: 0.9,
  },
  {
    id: 'ule-power',
    template: 'ultra-low-emission',
    kind: 'reduce',
    scope: 'technology == "power-coal"',
    params: { c_before: 100, c_after: 50 },
    start: '2023-01',
    complete: '2024-12',
  },
  {
    id: 'ule-cement-sinter',
    template: 'ultra-low-emission',
    kind: 'reduce',
    scope: 'oneOf(technology, "kiln-cement", "steel-sinter")',
    params: { c_before: 300 },
    start: '2023-01',
    complete: '2025-12',
  },
  {
    id: 'ule-coke',
    template: 'ultra-low-emission',
    kind: 'reduce',
    scope: 'technology == "coke-oven"',
    params: { c_before: 500, c_after: 150 },
    start: '2024-01',
    complete: '2025-12',
  },
  { id: 'vocs-upgrade', template: 'vocs-treatment-upgrade', kind: 'reduce', start: '2023-01', complete: '2025-12', level: 0.7 },
  {
    id: 'vocs-c07',
    template: 'vocs-treatment-upgrade',
    kind: 'reduce',
    scope: 'county == "县07"',
    params: { cap_after: 0.95, rem_after: 0.97 },
    start: '2024-01',
    complete: '2024-12',
  },
  { id: 'vapour', template: 'vapour-recovery', kind: 'reduce', start: '2023-01', complete: '2024-06', level: 0.9 },
  { id: 'ldar', template: 'ldar', kind: 'reduce', params: { leak_share: 0.3 }, start: '2023-01', complete: '2025-12' },
]

const GROWTH: readonly [string, number][] = [
  ['transport.road', 3],
  ['transport.nonroad', 1],
  ['industry', 1],
  ['industry.cement', -2],
  ['power', 1.5],
  ['solvent', 2],
  ['storage', 2.5],
  ['residential', -3],
]

/** The scenario the bench runs: every synthetic region but the last, 2022–2030, growth, thirty measures and targets. */
export function benchScenarioSpec(): Record<string, unknown> {
  return {
    format: 'lantian-scenario/1',
    id: 'bench',
    title: { zh: '性能基准情景', en: 'Benchmark scenario' },
    regions: SYNTH_REGIONS.slice(0, -1),
    inventory: 'synthetic.csv',
    years: { start: SYNTH_YEAR, end: 2030 },
    growth: GROWTH.map(([sector, rate_pct]) => ({ sector, rate_pct, basis: 'bench assumption' })),
    measures: BENCH_MEASURES.map((m) => ({
      id: m.id,
      template: m.template,
      label: { zh: m.id, en: m.id },
      clause: 'bench',
      ...(m.to ? { to: m.to } : {}),
      ...(m.scope ? { scope: m.scope } : {}),
      params: m.params ?? {},
      schedule: { start: m.start, complete: m.complete, level: m.level ?? 1, shape: m.shape ?? 'linear' },
    })),
    targets: [
      { id: 'nox-2025', pollutant: 'NOx', year: 2025, kind: 'reduction_pct', value: 10, reference: { year: SYNTH_YEAR }, source: 'bench' },
      { id: 'vocs-2025', pollutant: 'VOCs', year: 2025, kind: 'reduction_pct', value: 10, reference: { year: SYNTH_YEAR }, source: 'bench' },
      { id: 'nox-eng', pollutant: 'NOx', year: 2025, kind: 'engineering_t', value: 1, source: 'bench' },
      { id: 'vocs-cap', pollutant: 'VOCs', year: 2030, kind: 'cap_t', value: 1e9, source: 'bench' },
    ],
  }
}

/** Parse the bench scenario through the real schema (defaults filled in). */
export function benchScenario(): Scenario {
  const r = parseScenario(JSON.stringify(benchScenarioSpec()), 'bench-scenario.json')
  if (!r.ok) throw new Error(`bench scenario invalid: ${JSON.stringify(r.issues.slice(0, 3))}`)
  return r.value
}

/**
 * The same scenario with one measure edited (the gas low-NOx retrofit's c_after and level): what a planner does
 * with a slider. `variant` alternates so that every timed run is a real change.
 */
export function editedScenario(s: Scenario, variant: number): Scenario {
  return {
    ...s,
    measures: s.measures.map((m) =>
      m.id === 'gas-lownox' ? { ...m, params: { ...m.params, c_after: 30 + (variant % 7) }, schedule: { ...m.schedule, level: 1 - (variant % 5) * 0.05 } } : m,
    ),
  }
}
