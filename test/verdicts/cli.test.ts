import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers'

const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou']
const TARGET_KEYS = ['id', 'pollutant', 'year', 'kind', 'met', 'projected', 'required', 'assumptions']
const INPUT_KINDS = ['level', 'param', 'ef', 'growth', 'reference']

describe('lantian verdicts', () => {
  for (const seed of SEEDS)
    it(`${seed}: json with the issue's keys, csv and a bilingual table`, async () => {
      const json = await runCli(['verdicts', `seeds/${seed}`, '--format', 'json'])
      expect(json.code, json.err).toBe(0)
      const v = JSON.parse(json.out) as { targets: Record<string, unknown>[] }
      expect(v.targets.length).toBeGreaterThan(0)
      for (const t of v.targets) {
        for (const k of TARGET_KEYS) expect(t, k).toHaveProperty(k)
        const list = t.assumptions as Record<string, unknown>[]
        expect(list.length).toBeGreaterThan(0)
        let last = -Infinity
        for (const a of list) {
          expect(INPUT_KINDS).toContain(a.kind)
          expect(typeof a.value).toBe('number')
          const range = a.range as [number, number | null]
          expect(range).toHaveLength(2)
          if (a.flip !== null) {
            expect(a.flip as number).toBeGreaterThanOrEqual(range[0])
            if (range[1] !== null) expect(a.flip as number).toBeLessThanOrEqual(range[1])
            // Closest first: distances never fall along the list until the inputs without a flip.
            expect(a.distance as number).toBeGreaterThanOrEqual(last)
            last = a.distance as number
          } else last = Infinity
          if (a.kind === 'level' || a.kind === 'param') expect(typeof a.measure).toBe('string')
          if (a.kind === 'param') expect(typeof a.param).toBe('string')
          if (a.kind === 'ef') expect(typeof a.technology).toBe('string')
          if (a.kind === 'growth') expect(typeof a.sector).toBe('string')
          if ('provenance' in a) expect(['plan', 'source', 'assumed']).toContain(a.provenance)
        }
      }
      const csv = await runCli(['verdicts', `seeds/${seed}`, '--format', 'csv'])
      expect(csv.code).toBe(0)
      const lines = csv.out.trim().split('\r\n')
      expect(lines[0]).toMatch(/^target,pollutant,year,target_kind,met,projected_t,required_t,gap_t,rank,kind,/)
      expect(lines.length - 1).toBe(v.targets.reduce((n, t) => n + (t.assumptions as unknown[]).length, 0))
      const table = await runCli(['verdicts', `seeds/${seed}`])
      expect(table.code).toBe(0)
      expect(table.out).toContain('结论取决于 / What each verdict rests on')
      expect(table.out).toContain('flip 翻转点')
    })

  it('refuses a bad format or option with exit 2 and a bilingual message', async () => {
    const r = await runCli(['verdicts', 'seeds/xiping', '--format', 'xlsx'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('--format 须为 table, csv, json 之一')
    const m = await runCli(['verdicts', 'seeds/no-such-seed'])
    expect(m.code).toBe(2)
  })
})
