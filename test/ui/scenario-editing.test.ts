import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/core'
import { indexText, measureFromDraft, newTarget, parseIndex, withKind } from '../../src/ui/scenario-edit-ops'
import { importedUserScenario, saveAsUserScenario, uniqueId, userKeyOf, userPlanValue } from '../../src/ui/scenario-library-ops'
import { formatMass, formatMassDiff, seriesIn, toUnit, unitLabel } from '../../src/ui/units'

const scenario = {
  format: 'lantian-scenario/1',
  id: 'xiping',
  title: { zh: '西平', en: 'Xiping' },
  regions: ['西平县'],
  inventory: 'inventory.csv',
  years: { start: 2022, end: 2030 },
  growth: [],
  measures: [
    {
      id: 'gas-boiler-low-nox-user',
      template: 'gas-boiler-low-nox',
      label: { zh: '甲', en: 'A' },
      clause: '一',
      enabled: true,
      params: {},
      schedule: { start: '2024-01', complete: '2024-12', level: 1, shape: 'linear' },
    },
  ],
  targets: [{ id: 'nox', pollutant: 'NOx', year: 2025, kind: 'reduction_pct', value: 10, reference: { year: 2020 }, source: 'plan default' }],
} as Scenario

describe('units', () => {
  it('shows 万吨 as t / 10,000 with about a tonne of precision, in the locale', () => {
    expect(toUnit(3690, 'wt')).toBe(0.369)
    expect(formatMass(3689.6, 'wt', 'zh')).toBe('0.3690')
    expect(formatMass(55981, 'wt', 'en')).toBe('5.5981')
    expect(formatMass(1234567, 'wt', 'en')).toBe('123.46')
    expect(formatMass(12.3, 'wt', 'en')).toBe('0.0012')
    expect(formatMass(0.4, 'wt', 'en')).toBe('0.0000')
    expect(formatMass(3689.6, 't', 'en')).toBe('3,690')
    expect(formatMassDiff(-22, 't', 'zh')).toBe('-22.0')
    expect(formatMassDiff(220, 'wt', 'en')).toBe('+0.0220')
    expect(seriesIn([10000, 20000], 'wt')).toEqual([1, 2])
    expect(unitLabel('wt', 'zh')).toBe('万吨/年')
    expect(unitLabel('t', 'en', false)).toBe('t')
    expect(unitLabel('wt', 'en')).toBe('×10⁴ t/yr')
  })
})

describe('scenario editing helpers', () => {
  it('makes ids unique with a numeric suffix', () => {
    expect(uniqueId('a', ['a', 'a-2'])).toBe('a-3')
    expect(uniqueId('我的 plan', [])).toBe('plan')
  })

  it('builds a measure from the add form with template defaults and a new id', () => {
    const tpl = {
      id: 'gas-boiler-low-nox',
      label: { zh: '燃气锅炉低氮', en: 'Low-NOx' },
      category: 'industry' as const,
      kind: 'reduce' as const,
      params: { c_after: { label: { zh: '后', en: 'after' }, unit: 'mg/m3', default: 30, min: 10, max: 150 } },
    }
    const m = measureFromDraft(
      {
        template: tpl.id,
        zh: '',
        en: 'Mine',
        clause: ' 三（五） ',
        to: '',
        scope: ' id == "GB01" ',
        start: '2024-01',
        complete: '2024-12',
        level: 0.5,
        shape: 'step',
      },
      tpl,
      scenario,
    )
    expect(m).toMatchObject({
      id: 'gas-boiler-low-nox-user-2',
      label: { zh: '燃气锅炉低氮', en: 'Mine' },
      clause: '三（五）',
      scope: 'id == "GB01"',
      params: { c_after: 30 },
    })
    expect(m.schedule).toEqual({ start: '2024-01', complete: '2024-12', level: 0.5, shape: 'step' })
    expect('to' in m).toBe(false)
  })

  it('switches a target between kinds and adds a new one', () => {
    const tg = scenario.targets[0]
    if (!tg) throw new Error('no target')
    const cap = withKind(tg, 'cap_t', 2022)
    expect(cap).toMatchObject({ kind: 'cap_t', value: 10 })
    expect('reference' in cap).toBe(false)
    expect(withKind(cap, 'reduction_pct', 2022)).toMatchObject({ reference: { year: 2022 } })
    expect(newTarget(scenario, 'user')).toMatchObject({ id: 'target-user', year: 2025, kind: 'reduction_pct', reference: { year: 2022 } })
  })

  it('parses growth index series and writes them back', () => {
    expect(parseIndex('2025:1.1, 2030：1.2')).toEqual({ '2025': 1.1, '2030': 1.2 })
    expect(parseIndex('2025:1.')).toBeUndefined()
    expect(parseIndex('')).toBeUndefined()
    expect(indexText({ '2030': 1.2, '2025': 1.1 })).toBe('2025:1.1, 2030:1.2')
  })

  it('saves a copy with a new id and title; imports keep their id when it is free', () => {
    const now = new Date('2026-12-01T20:00:00Z')
    const u = saveAsUserScenario(scenario, 'xiping', { zh: '我的', en: 'Mine' }, [], now)
    expect(u).toMatchObject({ key: 'my-xiping', seed: 'xiping', seedBy: 'copy', scenario: { id: 'my-xiping', title: { zh: '我的', en: 'Mine' } } })
    expect(u.scenario.measures).toBe(scenario.measures)
    expect(saveAsUserScenario(scenario, 'xiping', { zh: '我的', en: 'Mine' }, [u], now).key).toBe('my-xiping-2')
    expect(importedUserScenario(scenario, 'xiping', 'region', [u], now).key).toBe('xiping')
    expect(userKeyOf(userPlanValue('my-xiping'))).toBe('my-xiping')
    expect(userKeyOf('xiping')).toBeUndefined()
  })
})
