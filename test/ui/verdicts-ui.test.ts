import { describe, expect, it } from 'vitest'
import { shortLabels } from '../../src/ui/charts/chart-specs'
import { monthLabel, parseMonth } from '../../src/ui/month'
import { formatInput } from '../../src/ui/components/verdicts-format'
import { mandateShortfall, proposalMandateText } from '../../src/ui/mandates'
import { formatCredit, formatReduction } from '../../src/ui/units'

describe('the app’s small verdict-related displays (issue 14 item 8)', () => {
  it('a zero credit reads "0", not "−0.00"', () => {
    expect(formatReduction(0, 't', 'zh')).toBe('0')
    expect(formatReduction(-0, 't', 'en')).toBe('0')
    expect(formatReduction(-1e-13, 't', 'zh')).toBe('0')
    expect(formatReduction(0.00001, 'wt', 'en')).toBe('0')
    expect(formatReduction(12.345, 't', 'en')).toBe('−12.3')
    expect(formatReduction(-5, 't', 'en')).toBe('+5.00')
    expect(formatCredit(-1e-12, 't', 'zh')).toBe('0')
    expect(formatCredit(1234.4, 't', 'en')).toBe('1,234')
  })

  it('truncated waterfall labels stay distinct', () => {
    const a = '重点行业企业超低排放改造（钢铁行业）'
    const b = '重点行业企业超低排放改造（水泥行业）'
    const out = shortLabels([a, b, '短名', '短名'], 14)
    expect(new Set(out).size).toBe(4)
    for (const s of out) expect(s.length).toBeLessThanOrEqual(14 + 4)
    expect(out[0]).toContain('钢铁')
    expect(out[1]).toContain('水泥')
    expect(out.slice(2)).toEqual(['短名 (1)', '短名 (2)'])
    // Unique heads keep the plain head-and-ellipsis form.
    expect(shortLabels(['Low-NOx burners in gas boilers everywhere', 'Oil and gas recovery'], 26)).toEqual([
      'Low-NOx burners in gas bo…',
      'Oil and gas recovery',
    ])
  })

  it('months read in the UI language, whatever the browser’s locale', () => {
    expect(monthLabel('2025-06', 'zh')).toBe('2025年6月')
    expect(monthLabel('2025-06', 'en')).toBe('Jun 2025')
    expect(parseMonth('2027-1')).toBe('2027-01')
    expect(parseMonth('2027-13')).toBeUndefined()
    expect(parseMonth('六月')).toBeUndefined()
  })

  it('flip points are formatted in their input’s unit', () => {
    expect(formatInput({ kind: 'level', unit: '1' }, 0.625, 'en', 't')).toBe('62.5 %')
    expect(formatInput({ kind: 'reference', unit: 't' }, 12345, 'zh', 'wt')).toBe('1.2345 万吨')
    expect(formatInput({ kind: 'growth', unit: '%/yr' }, 2.5, 'zh', 't')).toBe('2.5 %/年')
    expect(formatInput({ kind: 'param', unit: 'mg/m3' }, 48.0449, 'en', 't')).toBe('48.04 mg/m3')
    expect(formatInput({ kind: 'reference', unit: 't' }, Infinity, 'en', 't')).toBe('∞')
  })

  it('flags a switched-on level below its mandate, and nothing else; the proposal says what a mandate held', () => {
    const mandate = { clause: '三（二）6', words: '全部关停', level: 0.8, bound: 'at-least' as const }
    const flag = (level: number, enabled = true, withMandate = true) =>
      mandateShortfall({ enabled, schedule: { start: '2024-01', complete: '2025-12', level, shape: 'linear' }, ...(withMandate ? { mandate } : {}) }, 'zh')
    expect(flag(0.5)?.at).toBe('80 %')
    expect(flag(0.5)?.title).toContain('三（二）6')
    expect(flag(0.5)?.title).toContain('全部关停')
    expect(flag(0.8)).toBeUndefined()
    expect(flag(0.9)).toBeUndefined()
    expect(flag(0.5, false)).toBeUndefined()
    expect(flag(0.5, true, false)).toBeUndefined()
    expect(proposalMandateText({ mandate, heldByMandate: true }, 'en')).toBe("held at 80 % by the plan's mandate (三（二）6)")
    expect(proposalMandateText({ mandate: { ...mandate, bound: 'fixed' }, heldByMandate: false }, 'zh')).toBe('方案强制要求为 80 %（三（二）6）')
    expect(proposalMandateText({ heldByMandate: false }, 'en')).toBeUndefined()
  })
})
