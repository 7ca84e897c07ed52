import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readLibrary } from '../../src/cli/files'
import { UnitSystem } from '../../src/core'
import { isProblem } from '../../src/core/units/unit-system'

// Units (docs/formats.md, "Units"): a differential check of every unit the seeds and models use against a table
// written by hand, the refusals the grammar promises, and a fuzzer that never gets a factor for a string the
// documented grammar does not allow.

const ROOT = join(import.meta.dirname, '../..')
const lib = readLibrary(join(ROOT, 'models'))
if (!lib.ok) throw new Error(JSON.stringify(lib.issues))
const units = lib.value.units

/**
 * Each unit string as a reference unit and the factor to it, worked out by hand (1 万 = 10^4; 1 tce = 29.3076 GJ,
 * models/units.yaml; 1 MWh = 1000 kWh; 吨公里 = t km; 蒸吨 = 蒸吨/小时 = t/h of steam).
 */
const HAND: Record<string, [string, number]> = {
  t: ['kg', 1000],
  吨: ['t', 1],
  万吨: ['t', 1e4],
  wt: ['t', 1e4],
  立方米: ['m3', 1],
  万立方米: ['m3', 1e4],
  万方: ['m3', 1e4],
  '10^4 m3': ['m3', 1e4],
  wm3: ['m^3', 1e4],
  千瓦时: ['kWh', 1],
  度: ['kWh', 1],
  万千瓦时: ['kWh', 1e4],
  wkWh: ['kWh', 1e4],
  兆瓦时: ['kWh', 1000],
  MWh: ['kWh', 1000],
  kWh: ['J', 3.6e6],
  GJ: ['J', 1e9],
  吨标准煤: ['GJ', 29.3076],
  吨标煤: ['GJ', 29.3076],
  tce: ['GJ', 29.3076],
  公里: ['km', 1],
  千米: ['km', 1],
  km: ['m', 1000],
  吨公里: ['t km', 1],
  't km': ['kg m', 1e6],
  辆: ['veh', 1],
  veh: ['veh', 1],
  '蒸吨/小时': ['t/h', 1],
  蒸吨: ['t/h', 1],
  't/h': ['kg/s', 1000 / 3600],
  'kg/t': ['g/kg', 1],
  'g/km': ['kg/km', 1e-3],
  'g/kWh': ['kg/MWh', 1],
  'kg/MWh': ['g/kWh', 1],
  'kg/wm3': ['g/m3', 0.1],
  'g/(t km)': ['kg/(t km)', 1e-3],
  'mg/m3': ['g/m3', 1e-3],
  // Aliases inside compound units: each alias is one factor wherever it stands.
  't/吨公里': ['km^-1', 1],
  'g/吨公里': ['g/(t km)', 1],
  'kg/万立方米': ['kg/m3', 1e-4],
  'kg/万吨': ['kg/t', 1e-4],
  'kg/10^4 m3': ['kg/m3', 1e-4],
  '万吨·公里': ['t km', 1e4],
  '万吨 公里': ['t km', 1e4],
  '吨/蒸吨': ['h', 1],
  'kg/蒸吨/小时': ['kg h/t', 1],
  // Left to right: a/b c is (a/b)·c (write brackets for a/(b c)).
  't/t km': ['km', 1],
}

/** Every unit string used by the shipped models and the seeds' inventories. */
function unitsInUse(): Set<string> {
  const out = new Set<string>(Object.keys((parse(readFileSync(join(ROOT, 'models/units.yaml'), 'utf8')) as { aliases: object }).aliases))
  const walk = (v: unknown, key?: string) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x))
    if (v && typeof v === 'object') return Object.entries(v).forEach(([k, x]) => walk(x, k))
    if (typeof v !== 'string') return
    if (key === 'activity_unit') out.add(v)
    if (key === 'unit' && v !== '1') out.add(v.startsWith('CNY/') ? v.slice(4) : v)
  }
  for (const dir of ['models/technologies', 'models/measures'])
    for (const f of readdirSync(join(ROOT, dir))) walk(parse(readFileSync(join(ROOT, dir, f), 'utf8')))
  for (const seed of readdirSync(join(ROOT, 'seeds'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const lines = readFileSync(join(ROOT, 'seeds', seed.name, 'inventory.csv'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
    const header = (lines[0] ?? '').split(',')
    const cols = header.flatMap((h, j) => (h === 'unit' || h.endsWith('_unit') ? [j] : []))
    for (const l of lines.slice(1)) for (const j of cols) if (l.split(',')[j]) out.add(l.split(',')[j] as string)
  }
  return out
}

describe('units: differential check against a hand table', () => {
  it('knows every unit string the models and seeds use', () => {
    const used = [...unitsInUse()]
    expect(used.length).toBeGreaterThan(25)
    expect(used.filter((u) => HAND[u] === undefined)).toEqual([])
  })

  for (const [u, [ref, f]] of Object.entries(HAND)) {
    it(`${u} = ${f} ${ref}`, () => {
      const got = units.factor(u, ref)
      expect(isProblem(got), JSON.stringify(got)).toBe(false)
      expect(Math.abs((got as number) / f - 1)).toBeLessThan(1e-12)
    })
  }
})

describe('units: the grammar refuses what it does not allow', () => {
  const refused: [string, string][] = [
    ['10000 t', 'number'],
    ['0.001 t', 'number'],
    ['1e4 t', 'number'],
    ['2 万吨', 'number'],
    ['.5 t', 'number'],
    ['-1 t', 'number'],
    ['t 10', 'number'],
    ['万吨2', 'number'],
    ['(1000 t)', 'number'],
    ['t*1000', 'number'],
    ['kg/10000 t', 'number'],
    ['1', 'number'],
    ['t^0.5', 'unknown'],
    ['t^x', 'unknown'],
    ['t//h', 'unknown'],
    ['t/', 'unknown'],
    ['(t', 'unknown'],
    ['t)', 'unknown'],
    ['()', 'unknown'],
    ['t+kg', 'unknown'],
    ['吨吨数', 'unknown'],
    ['furlongs', 'unknown'],
    ['ton', 'ambiguous'],
    ['kton', 'ambiguous'],
    ['mt', 'ambiguous'],
    ['t'.repeat(101), 'unknown'],
  ]
  for (const [u, kind] of refused) {
    it(`refuses ${u.length > 20 ? `${u.slice(0, 20)}…` : u} (${kind})`, () => {
      const p = units.parse(u)
      expect(isProblem(p) && p.kind).toBe(kind)
      expect(isProblem(units.factor(u, 't'))).toBe(true)
    })
  }

  it('refuses an alias whose target carries a number, and accepts one that is a unit', () => {
    const u = new UnitSystem({ format: 'lantian-units/1', aliases: { 吨: 't' } })
    expect(u.checkAlias('万吨', '10000 t')).toEqual({ kind: 'number', unit: '10000 t' })
    expect(u.checkAlias('千吨', 'kt')).toBeUndefined()
    expect(u.checkAlias('x', '吨')).toMatchObject({ kind: 'unknown' })
  })
})

// The documented grammar, written again independently: aliases are replaced by a placeholder, then bracketed groups
// are reduced to it until none is left, and what remains must be factors joined by operators or blanks.
const ALIASES = Object.keys((parse(readFileSync(join(ROOT, 'models/units.yaml'), 'utf8')) as { aliases: Record<string, string> }).aliases).sort(
  (a, b) => b.length - a.length,
)
const FACTOR = String.raw`(?:@|[A-Za-z_][A-Za-z0-9_]*)(?:\^-?[0-9]+)?`
const UNIT = new RegExp(String.raw`^[ \t\u3000]*${FACTOR}(?:[ \t\u3000]*[*·/]?[ \t\u3000]*${FACTOR})*[ \t\u3000]*$`)
const GROUP = new RegExp(String.raw`\([ \t\u3000]*${FACTOR}(?:[ \t\u3000]*[*·/]?[ \t\u3000]*${FACTOR})*[ \t\u3000]*\)`, 'g')

function documented(s: string): boolean {
  if (s.length > 100) return false
  let t = ''
  for (let i = 0; i < s.length;) {
    const a = ALIASES.find((k) => s.startsWith(k, i) && !(/[A-Za-z0-9_]/.test(k.at(-1) ?? '') && /[A-Za-z0-9_]/.test(s[i + k.length] ?? '')))
    if (a && !(/[A-Za-z0-9_]/.test(a[0] ?? '') && /[A-Za-z0-9_]/.test(t.at(-1) ?? ''))) {
      t += '@'
      i += a.length
    } else t += s[i++]
  }
  for (let prev = ''; prev !== t;) {
    prev = t
    t = t.replace(GROUP, '@')
  }
  return UNIT.test(t)
}

describe('units: fuzzing', () => {
  const piece = fc.constantFrom(
    't',
    'kg',
    'km',
    'h',
    'm3',
    'kWh',
    'GJ',
    'wt',
    'veh',
    'ton',
    'mt',
    '吨',
    '万吨',
    '公里',
    '吨公里',
    '万立方米',
    '蒸吨/小时',
    '10^4 m3',
    '10000',
    '0.001',
    '1e4',
    '2',
    '1',
    '.5',
    '-',
    '+',
    '/',
    '*',
    '·',
    '^',
    '^2',
    '^-1',
    '^0.5',
    '(',
    ')',
    ' ',
    '\u3000',
    'e',
    'E',
    '数',
    '\u200b',
  )
  const unitString = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''))

  it('never returns a factor for a string the documented grammar does not allow', () => {
    let accepted = 0
    fc.assert(
      fc.property(unitString, (s) => {
        const p = units.parse(s)
        if (isProblem(p)) return
        accepted++
        expect(documented(s), `accepted "${s}"`).toBe(true)
      }),
      { numRuns: 5000, seed: 18 },
    )
    // The soup must reach accepted units too, or the property says nothing.
    expect(accepted).toBeGreaterThan(200)
  })

  it('refuses every valid unit with a number in front of it', () => {
    const ok = Object.keys(HAND)
    fc.assert(
      fc.property(
        fc.constantFrom(...ok),
        fc.oneof(fc.integer({ min: 0, max: 1e9 }).map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)),
        fc.constantFrom('', ' ', '\u3000'),
        (u, n, sep) => {
          const p = units.parse(`${n}${sep}${u}`)
          expect(isProblem(p) && p.kind, `${n}${sep}${u}`).toBe('number')
        },
      ),
      { numRuns: 1000, seed: 18 },
    )
  })
})
