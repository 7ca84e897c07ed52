import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'
import { createSimulatorApi } from '../../src/worker/simulator-api'

const FIXTURE = 'test/fixtures/basic'
const CSV = readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8')

async function loaded() {
  const models = () => readdirSync(join(FIXTURE, 'models')).map((f) => ({ path: `models/${f}`, text: readFileSync(join(FIXTURE, 'models', f), 'utf8') }))
  const seeds = () => groupSeedFiles({ '/seeds/basic/scenario.yaml': readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8'), '/seeds/basic/inventory.csv': CSV })
  const api = createSimulatorApi({ models, seeds })
  const seed = await api.loadSeed('basic')
  if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
  return { api, scenario: seed.value.scenario }
}

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

const noxOf = async (api: Awaited<ReturnType<typeof loaded>>['api'], s: unknown) => {
  const v = must(await api.run(s))
  return v.scenario.NOx[v.years.indexOf(v.focusYear)] as number
}

describe('inventory import, template and pages through the worker API', () => {
  it('imports its own XLSX template back to the same numbers, and an edited one to different numbers', async () => {
    const { api, scenario } = await loaded()
    const before = await noxOf(api, scenario)
    const xlsx = must(await api.inventoryXlsx())
    const info = must(await api.loadInventory(xlsx, 'template.xlsx', scenario))
    expect(info).toMatchObject({ file: 'template.xlsx', records: 5, year: 2022, illustrative: true })
    expect(info.fingerprint).toMatch(/^[0-9a-f]{16}-\d+$/)
    expect(await noxOf(api, scenario)).toBe(before)
    // The same CSV with the coal boiler's activity doubled.
    const edited = CSV.replace('B2,甲县,industry.boiler,boiler-coal,1000', 'B2,甲县,industry.boiler,boiler-coal,2000')
    must(await api.loadInventory(new TextEncoder().encode(edited), 'edited.csv', scenario))
    expect(await noxOf(api, scenario)).toBeGreaterThan(before)
  })

  it('refuses an XLSX with an unknown technology at its sheet, row and column letter; the last good inventory stays', async () => {
    const { api, scenario } = await loaded()
    const before = await noxOf(api, scenario)
    must(
      await api.loadInventory(new TextEncoder().encode(CSV.replace('S1,甲县,solvent.coating,coat-solvent', 'S1,甲县,solvent.coating,coat-unknown')), 'bad.csv'),
    )
    // Parsed fine (no scenario given), so a template of it carries the unknown technology into an XLSX.
    const bad = must(await api.inventoryXlsx())
    must(await api.loadSeed('basic'))
    const r = await api.loadInventory(bad, 'bad.xlsx', scenario)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues[0]).toMatchObject({ code: 'inventory.unknown-technology', file: 'bad.xlsx', sheet: '清单', row: 10, column: 'D (technology)' })
    expect(await noxOf(api, scenario)).toBe(before)
    const raw = await api.refusedRows()
    expect(raw?.rows).toEqual([{ row: 10, cells: ['S1', '甲县', 'solvent.coating', 'coat-unknown', '10', 't'] }])
    expect(raw?.header.slice(0, 4)).toEqual(['id', 'region', 'sector', 'technology'])
  })

  it('keeps the raw cells of a refused CSV line for the report', async () => {
    const { api } = await loaded()
    const r = await api.loadInventory(
      new TextEncoder().encode(CSV.replace('T1,甲县,transport.road.freight,hdt-cn3,1000000', 'T1,甲县,transport.road.freight,hdt-cn3,lots')),
      'x.csv',
    )
    expect(r.ok).toBe(false)
    expect(await api.refusedRows()).toMatchObject({
      file: 'x.csv',
      rows: [{ row: 9, cells: ['T1', '甲县', 'transport.road.freight', 'hdt-cn3', 'lots', 'km', '', '', '国三', ''] }],
    })
  })

  it('summarises and pages a 20,000-record inventory with filters, sorting and a jump to a source row', async () => {
    const { api } = await loaded()
    const [meta, body] = [
      CSV.split('\n').slice(0, 5).join('\n'),
      CSV.split('\n')
        .slice(5)
        .filter((l) => l.trim() !== ''),
    ]
    const lines: string[] = []
    for (let k = 0; k < 4000; k++) for (const l of body) lines.push(l.replace(/^([A-Z]\d)/, `$1-${k}`))
    must(await api.loadInventory(new TextEncoder().encode(`${meta}\n${lines.join('\n')}\n`), 'big.csv'))
    const sum = must(await api.inventorySummary())
    expect(sum.records).toBe(20000)
    expect(sum.bySector[0]).toEqual({ key: 'industry.boiler', count: 12000 })
    const first = must(await api.inventoryPage({ offset: 0, limit: 50 }))
    expect(first).toMatchObject({ total: 20000, matched: 20000, offset: 0 })
    expect(first.records).toHaveLength(50)
    expect(first.records[0]).toMatchObject({ id: 'B1-0', row: 6, sector: 'industry.boiler', activity: 100, attributes: ['10 蒸吨/小时', null] })
    const trucks = must(await api.inventoryPage({ offset: 100, limit: 50, filter: { technology: 'HDT' } }))
    expect(trucks.matched).toBe(4000)
    expect(trucks.records.every((x) => x.technology === 'hdt-cn3')).toBe(true)
    expect(trucks.records[0]?.id).toBe('T1-100')
    const sorted = must(await api.inventoryPage({ offset: 0, limit: 3, sort: { key: 'activity', desc: true } }))
    expect(sorted.records.map((x) => x.activity)).toEqual([1000000, 1000000, 1000000])
    // Descending by technology: hdt-cn3 (4,000 records), coat-solvent, boiler-gas, boiler-coal; ties in file order.
    const byTech = must(await api.inventoryPage({ offset: 3999, limit: 2, sort: { key: 'technology', desc: true } }))
    expect(byTech.records.map((x) => [x.technology, x.id])).toEqual([
      ['hdt-cn3', 'T1-3999'],
      ['coat-solvent', 'S1-0'],
    ])
    const lastTech = must(await api.inventoryPage({ offset: 19999, limit: 1, sort: { key: 'technology', desc: true } }))
    expect(lastTech.records[0]?.technology).toBe('boiler-coal')
    const jump = must(await api.inventoryPage({ offset: 0, limit: 50, row: 6 + 5 * 1234 + 2 }))
    expect(jump.offset).toBe(6150)
    expect(jump.records[jump.focus ?? -1]?.id).toBe('B3-1234')
  })
})
