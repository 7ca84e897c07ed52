import type { Assumption } from '../../core'
import type { Lang } from '../i18n'
import { formatNumber } from '../number-format'
import { formatMass, unitLabel, type MassUnit } from '../units'

/** Format a number with about four significant digits (flip points of parameters, factors, rates). */
function sig(v: number, lang: Lang): string {
  const a = Math.abs(v)
  const d = a === 0 || a >= 1000 ? 0 : Math.min(6, Math.max(0, 3 - Math.floor(Math.log10(a))))
  return formatNumber(v, lang, 0, d)
}

/** Format an input's value in its unit: a level as a percentage, tonnes in the display unit, the rest as is. */
export function formatInput(a: Pick<Assumption, 'kind' | 'unit'>, v: number, lang: Lang, unit: MassUnit): string {
  if (!Number.isFinite(v)) return '∞'
  if (a.kind === 'level') return `${formatNumber(v * 100, lang, 0, 1)} %`
  if (a.unit === 't') return `${formatMass(v, unit, lang)} ${unitLabel(unit, lang, false)}`
  if (a.unit === '%' || a.unit === '%/yr') return `${sig(v, lang)} ${a.unit === '%' ? '%' : lang === 'zh' ? '%/年' : '%/yr'}`
  return a.unit === '1' ? sig(v, lang) : `${sig(v, lang)} ${a.unit}`
}

/** The width of a distance bar: 0–100 % for a relative distance of 0–100 % (farther is a full bar). */
export const barWidth = (d: number | null) => `${Math.round(Math.min(1, Math.max(0, d ?? 1)) * 100)}%`
