import type { Library } from '../../src/core'
import type { AttributeColumn, DictColumn, InventoryTable } from '../../src/core/parse/inventory-table'
import { hash01, pickWeighted } from './rng'

/** Inventory year of every synthetic inventory. */
export const SYNTH_YEAR = 2022
/** Regions of the synthetic inventories; the last one lies outside the bench scenario (its records are left out). */
export const SYNTH_REGIONS = ['甲区', '乙区', '丙县', '丁县', '戊县', '邻市'] as const
const COUNTIES = 24

interface TechMix {
  tech: string
  weight: number
  /** Activity range in the technology's activity unit. */
  lo: number
  hi: number
  standard?: string
  capacity?: boolean
  treatment?: boolean
  observed?: boolean
}

// A county-level mix: many vehicles and machines, fewer plants, a handful of large point sources.
const MIX: readonly TechMix[] = [
  ...(['2', '3', '4', '5', '6'] as const).flatMap((s, k) => [
    { tech: `hdt-diesel-cn${s}`, weight: [2, 5, 6, 7, 5][k] as number, lo: 20_000, hi: 150_000, standard: `国${'二三四五六'[k]}` },
    { tech: `mdt-diesel-cn${s}`, weight: [1, 3, 4, 4, 3][k] as number, lo: 15_000, hi: 80_000, standard: `国${'二三四五六'[k]}` },
  ]),
  { tech: 'hdt-gas-leanburn', weight: 2, lo: 30_000, hi: 120_000, standard: '国五' },
  { tech: 'hdt-gas-stoich', weight: 1, lo: 30_000, hi: 120_000, standard: '国六' },
  { tech: 'hdt-nev', weight: 1, lo: 20_000, hi: 80_000 },
  { tech: 'bus-diesel', weight: 1.5, lo: 30_000, hi: 80_000, standard: '国五' },
  { tech: 'bus-gas', weight: 1, lo: 30_000, hi: 80_000, standard: '国五' },
  { tech: 'bus-nev', weight: 1, lo: 30_000, hi: 80_000 },
  { tech: 'nonroad-pre', weight: 1.5, lo: 5_000, hi: 100_000 },
  { tech: 'nonroad-stage1', weight: 2, lo: 5_000, hi: 100_000 },
  { tech: 'nonroad-stage2', weight: 3, lo: 5_000, hi: 100_000 },
  { tech: 'nonroad-stage3', weight: 3, lo: 5_000, hi: 100_000 },
  { tech: 'forklift-diesel', weight: 2, lo: 3_000, hi: 20_000 },
  { tech: 'agri-machinery', weight: 3, lo: 2_000, hi: 40_000 },
  { tech: 'boiler-coal', weight: 3, lo: 200, hi: 20_000, capacity: true },
  { tech: 'boiler-coal-ule', weight: 1, lo: 2_000, hi: 50_000, capacity: true },
  { tech: 'boiler-gas', weight: 4, lo: 10, hi: 2_000, capacity: true },
  { tech: 'boiler-biomass', weight: 1, lo: 100, hi: 5_000, capacity: true },
  { tech: 'power-coal', weight: 0.1, lo: 100_000, hi: 2_000_000, observed: true },
  { tech: 'heat-coal', weight: 0.3, lo: 10_000, hi: 200_000, capacity: true, observed: true },
  { tech: 'kiln-cement', weight: 0.3, lo: 100_000, hi: 1_500_000, observed: true },
  { tech: 'kiln-brick', weight: 1, lo: 10_000, hi: 200_000 },
  { tech: 'kiln-lime', weight: 0.3, lo: 10_000, hi: 200_000 },
  { tech: 'furnace-glass', weight: 0.2, lo: 20_000, hi: 300_000 },
  { tech: 'kiln-ceramic', weight: 0.4, lo: 5_000, hi: 100_000 },
  { tech: 'coke-oven', weight: 0.1, lo: 200_000, hi: 2_000_000, observed: true },
  { tech: 'steel-sinter', weight: 0.1, lo: 500_000, hi: 5_000_000, observed: true },
  { tech: 'chemical-process', weight: 0.5, lo: 10_000, hi: 300_000 },
  { tech: 'coating-industrial-solvent', weight: 4, lo: 1, hi: 500, treatment: true },
  { tech: 'coating-industrial-lowvoc', weight: 1, lo: 1, hi: 500, treatment: true },
  { tech: 'printing-solvent', weight: 2, lo: 1, hi: 200, treatment: true },
  { tech: 'furniture-solvent', weight: 2, lo: 1, hi: 300, treatment: true },
  { tech: 'autorepair-solvent', weight: 2, lo: 0.5, hi: 20, treatment: true },
  { tech: 'architectural-solvent', weight: 1, lo: 10, hi: 2_000 },
  { tech: 'adhesive-solvent', weight: 1, lo: 1, hi: 200, treatment: true },
  { tech: 'station-gasoline', weight: 3, lo: 500, hi: 10_000 },
  { tech: 'station-gasoline-vr', weight: 1, lo: 500, hi: 10_000 },
  { tech: 'depot-gasoline', weight: 0.2, lo: 10_000, hi: 200_000 },
  { tech: 'household-coal', weight: 6, lo: 50, hi: 800 },
  { tech: 'household-biomass', weight: 2, lo: 50, hi: 800 },
  { tech: 'household-gas', weight: 2, lo: 1, hi: 50 },
]
const WEIGHTED = MIX.map((m) => [m, m.weight] as const)
/** Alternative spellings of an activity unit, with the factor the number is divided by. */
const UNIT_VARIANTS: Record<string, readonly (readonly [string, number])[]> = {
  t: [
    ['t', 1],
    ['吨', 1],
    ['万吨', 10_000],
  ],
  km: [
    ['km', 1],
    ['公里', 1],
  ],
  wm3: [
    ['wm3', 1],
    ['万立方米', 1],
    ['万方', 1],
  ],
  kWh: [
    ['kWh', 1],
    ['千瓦时', 1],
  ],
}

/** One synthetic record, as plain values (the same values feed the table and the CSV text). */
interface SynthRecord {
  id: string
  region: string
  sector: string
  technology: string
  activity: number
  unit: string
  nox: number
  vocs: number
  capacity: number
  capacityUnit: string
  standard: string
  treatment: string
  enterprise: string
  county: string
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Generate record i; it depends on i and the library only. */
function record(lib: Library, i: number): SynthRecord {
  const u = (f: number) => hash01(i, f)
  const m = pickWeighted(WEIGHTED, u(0))
  const t = lib.technologies.get(m.tech)
  if (!t) throw new Error(`bench: technology ${m.tech} is not in the library`)
  const county = Math.floor(u(1) * COUNTIES)
  const region = SYNTH_REGIONS[Math.floor(county / 4)] as string
  const a = m.lo + (m.hi - m.lo) * u(2) ** 2
  const variants = UNIT_VARIANTS[t.activityUnit] ?? [[t.activityUnit, 1] as const]
  const [unit, div] = variants[Math.floor(u(3) * variants.length)] as readonly [string, number]
  const activity = round(a / div, div === 1 ? 1 : 5)
  const observe = m.observed && u(4) < 0.5
  const plant = !m.tech.startsWith('household') && !m.tech.startsWith('nonroad') && !m.tech.startsWith('agri')
  return {
    id: `R${String(i).padStart(7, '0')}`,
    region,
    sector: t.sector,
    technology: t.id,
    activity,
    unit,
    nox: observe && (t.ef[0] as number) > 0 ? round(a * (t.ef[0] as number) * (0.6 + 0.8 * u(5)), 4) : NaN,
    vocs: observe && u(6) < 0.6 ? round(a * (t.ef[1] as number) * (0.6 + 0.8 * u(7)), 4) : NaN,
    capacity: m.capacity ? round(1 + 74 * u(8) ** 2, 1) : NaN,
    capacityUnit: m.capacity ? (u(9) < 0.5 ? 't/h' : '蒸吨/小时') : '',
    standard: m.standard ?? '',
    treatment: m.treatment ? (u(10) < 0.6 ? 'inefficient' : u(10) < 0.85 ? 'rto' : '') : '',
    enterprise: plant ? `企业${String(Math.floor(i / 8)).padStart(6, '0')}` : '',
    county: `县${String(county + 1).padStart(2, '0')}`,
  }
}

class DictBuilder {
  private index = new Map<string, number>()
  readonly col: DictColumn
  constructor(n: number) {
    this.col = { dict: [], codes: new Int32Array(n) }
  }
  set(i: number, v: string): void {
    if (v === '') {
      this.col.codes[i] = -1
      return
    }
    let c = this.index.get(v)
    if (c === undefined) {
      c = this.col.dict.length
      this.col.dict.push(v)
      this.index.set(v, c)
    }
    this.col.codes[i] = c
  }
}

/** A synthetic inventory as a columnar table (what the parsers produce). */
export function synthTable(lib: Library, n: number): InventoryTable {
  const ids: string[] = new Array<string>(n)
  const cols = Array.from({ length: 9 }, () => new DictBuilder(n))
  const [region, sector, technology, unit, capUnit, standard, treatment, enterprise, county] = cols as [
    DictBuilder,
    DictBuilder,
    DictBuilder,
    DictBuilder,
    DictBuilder,
    DictBuilder,
    DictBuilder,
    DictBuilder,
    DictBuilder,
  ]
  const activity = new Float64Array(n)
  const nox = new Float64Array(n)
  const vocs = new Float64Array(n)
  const capacity = new Float64Array(n)
  const rows = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const r = record(lib, i)
    ids[i] = r.id
    region.set(i, r.region)
    sector.set(i, r.sector)
    technology.set(i, r.technology)
    unit.set(i, r.unit)
    activity[i] = r.activity
    nox[i] = r.nox
    vocs[i] = r.vocs
    capacity[i] = r.capacity
    capUnit.set(i, r.capacityUnit)
    standard.set(i, r.standard)
    treatment.set(i, r.treatment)
    enterprise.set(i, r.enterprise)
    county.set(i, r.county)
    rows[i] = i + 6
  }
  const attributes: AttributeColumn[] = [
    { name: 'capacity', kind: 'number', values: capacity, unit: capUnit.col },
    { name: 'standard', kind: 'text', values: standard.col },
    { name: 'treatment', kind: 'text', values: treatment.col },
    { name: 'enterprise', kind: 'text', values: enterprise.col },
    { name: 'county', kind: 'text', values: county.col },
  ]
  return {
    name: `synthetic ${n}`,
    year: SYNTH_YEAR,
    illustrative: true,
    n,
    ids,
    region: region.col,
    sector: sector.col,
    technology: technology.col,
    unit: unit.col,
    activity,
    observed: [nox, vocs],
    attributes,
    rows,
  }
}

const num = (x: number): string => (Number.isNaN(x) ? '' : String(x))

/** The same synthetic inventory as lantian-inventory/1 CSV text. */
export function synthCsv(lib: Library, n: number): string {
  const out: string[] = [
    '# format: lantian-inventory/1',
    `# year: ${SYNTH_YEAR}`,
    `# name: synthetic ${n}`,
    '# illustrative: true',
    'id,region,sector,technology,activity,unit,nox_t,vocs_t,capacity,capacity_unit,standard,treatment,enterprise,county',
  ]
  for (let i = 0; i < n; i++) {
    const r = record(lib, i)
    out.push(
      `${r.id},${r.region},${r.sector},${r.technology},${r.activity},${r.unit},${num(r.nox)},${num(r.vocs)},${num(r.capacity)},${r.capacityUnit},${r.standard},${r.treatment},${r.enterprise},${r.county}`,
    )
  }
  return `${out.join('\n')}\n`
}
