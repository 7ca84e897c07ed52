import { describe, expect, it } from 'vitest'
import { evidenceCounts, inventoryEvidenceItems, parseInventory, parseScenario, runScenario, scenarioEvidence } from '../../src/core'
import { library, PENDING, SEEDS, seed } from './seed-evidence-helpers'

// Every number of a seed has a provenance: measure levels, dates, targets, parameters, growth and each inventory
// record's activity level (seeds/CONVENTIONS.md R9; docs/formats.md "Provenance and mandates").
describe.each(SEEDS)('seed %s: provenance of every number', (id) => {
  const untagged = () => {
    const b = seed(id)
    return [...scenarioEvidence(b.scenario, library()), ...inventoryEvidenceItems(b.inventory)].filter((e) => e.kind === 'missing').map((e) => e.path)
  }
  if (PENDING[id]) {
    it(`is pending (${PENDING[id]}) and still has untagged numbers; remove it from PENDING once tagged`, () => {
      expect(untagged().length).toBeGreaterThan(0)
    })
    return
  }
  it('has no untagged number', () => {
    expect(untagged()).toEqual([])
  })
  it('tags most numbers plan or source, and says why for each assumed one', () => {
    const b = seed(id)
    const items = [...scenarioEvidence(b.scenario, library()), ...inventoryEvidenceItems(b.inventory)]
    const c = evidenceCounts(items)
    expect(c.plan).toBeGreaterThan(0)
    for (const e of items.filter((x) => x.kind === 'assumed')) expect(e.text.trim().length, e.path).toBeGreaterThan(5)
  })
})

describe('inventory activity provenance columns', () => {
  const csv = (rows: string) =>
    new TextEncoder().encode(
      `# format: lantian-inventory/1\n# year: 2022\nid,region,sector,technology,activity,unit,activity_provenance,activity_basis\n${rows}`,
    )
  const scenario = {
    format: 'lantian-scenario/1',
    id: 't',
    title: { zh: '测', en: 't' },
    regions: ['县'],
    inventory: 'inv.csv',
    years: { start: 2022, end: 2025 },
  }
  const run = (rows: string) => {
    const inv = parseInventory(csv(rows), 'inv.csv')
    if (!inv.ok) throw new Error(JSON.stringify(inv.issues))
    const s = parseScenario(JSON.stringify(scenario), 's.json')
    if (!s.ok) throw new Error(JSON.stringify(s.issues))
    return { inv: inv.value, out: runScenario(library(), s.value, inv.value, { inventory: 'inv.csv' }) }
  }
  it('counts plan, source and assumed (Chinese spellings too) and leaves an empty tag untagged', () => {
    const { inv, out } = run(
      'A,县,industry.boiler,boiler-coal,10,t,source,统计年鉴 2022\nB,县,industry.boiler,boiler-coal,5,t,假设,示意\nC,县,industry.boiler,boiler-coal,5,t,,\n',
    )
    expect(out.ok).toBe(true)
    expect(evidenceCounts(inventoryEvidenceItems(inv))).toEqual({ plan: 0, source: 1, assumed: 1, missing: 1 })
  })
  it('refuses an unknown tag and a tag without basis, bilingually, by row and column', () => {
    const { out } = run('A,县,industry.boiler,boiler-coal,10,t,guess,x\nB,县,industry.boiler,boiler-coal,5,t,plan,\n')
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['inventory.provenance-kind', 4, 'activity_provenance'],
      ['inventory.provenance-basis', 5, 'activity_basis'],
    ])
    expect(out.issues[0]?.zh).toContain('活动水平出处')
    expect(out.issues[0]?.en).toContain('not one of plan, source, assumed')
  })
})
