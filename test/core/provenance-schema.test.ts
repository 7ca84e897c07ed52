import { describe, expect, it } from 'vitest'
import { MeasureInstanceSchema, ScenarioSchema, provenanceOf, type Provenance } from '../../src/core/schema'

const measure = {
  id: 'm1',
  template: 'gas-boiler-low-nox',
  label: { zh: '低氮', en: 'Low NOx' },
  clause: '三（五）',
  schedule: { start: '2023-01', complete: '2024-06' },
}

describe('provenance and mandate fields of a scenario', () => {
  it('accept one of plan, source or assumed per number of a measure', () => {
    const r = MeasureInstanceSchema.safeParse({
      ...measure,
      provenance: {
        level: { plan: '三（五） 全部完成' },
        complete: { assumed: '未写明期限，按 CONVENTIONS.md 的默认期限' },
        'params.c_before': { source: 'GB 13271-2014 表2：在用燃气锅炉 200 mg/m³' },
      },
      mandate: { clause: '三（五）', words: '全部完成', level: 1 },
    })
    expect(r.success).toBe(true)
    if (r.success) expect(r.data.mandate?.bound).toBe('at-least')
  })

  it('refuse two kinds at once, an empty reason, an unknown key and a mandate level over 1', () => {
    const bad = [
      { provenance: { level: { plan: '三（五）', assumed: 'both' } } },
      { provenance: { level: { assumed: '  ' } } },
      { provenance: { 'params.1x': { plan: '三（五）' } } },
      { provenance: { capacity: { plan: '三（五）' } } },
      { mandate: { clause: '三（五）', words: '全部', level: 1.2 } },
      { mandate: { clause: '三（五）', words: '全部', level: 1, bound: 'roughly' } },
    ]
    for (const extra of bad) expect(MeasureInstanceSchema.safeParse({ ...measure, ...extra }).success, JSON.stringify(extra)).toBe(false)
  })

  it('carry provenance on targets and growth entries', () => {
    const r = ScenarioSchema.safeParse({
      format: 'lantian-scenario/1',
      id: 's',
      title: { zh: '示例', en: 'Example' },
      regions: ['示例县'],
      inventory: 'inventory.csv',
      years: { start: 2022, end: 2025 },
      growth: [{ sector: 'industry', rate_pct: 3, basis: 'assumed 3 %/yr', provenance: { assumed: '县工业产值增速减能耗强度下降' } }],
      targets: [
        {
          id: 'nox',
          pollutant: 'NOx',
          year: 2025,
          kind: 'reduction_pct',
          value: 10,
          reference: { year: 2022 },
          source: '国发〔2023〕24号',
          provenance: { value: { source: '国发〔2023〕24号 全国 NOx −10 %' }, reference: { assumed: 'back-cast' } },
        },
      ],
    })
    expect(r.success).toBe(true)
  })

  it('name the kind and text of an entry', () => {
    const cases: [Provenance, string, string][] = [
      [{ plan: '三（三）' }, 'plan', '三（三）'],
      [{ source: 'GB 4915-2013' }, 'source', 'GB 4915-2013'],
      [{ assumed: 'default level' }, 'assumed', 'default level'],
    ]
    for (const [p, kind, text] of cases) expect(provenanceOf(p)).toEqual({ kind, text })
  })
})
