import type { Lang } from './i18n'
import { formatNumber } from './number-format'

/** The unit emissions are shown in: tonnes per year, or 万吨 (10,000 t) per year. Exports always stay in t. */
export type MassUnit = 't' | 'wt'

/** Tonnes in one 万吨. */
export const WAN_T = 10_000

/** Return the unit that is not `u` (for the toolbar toggle). */
export function otherUnit(u: MassUnit): MassUnit {
  return u === 't' ? 'wt' : 't'
}

/** Convert tonnes to the display unit. */
export function toUnit(tonnes: number, u: MassUnit): number {
  return u === 'wt' ? tonnes / WAN_T : tonnes
}

/** Convert a series of tonnes to the display unit (a new array; the input is the worker's and stays as is). */
export function seriesIn(tonnes: readonly number[], u: MassUnit): number[] {
  return u === 'wt' ? tonnes.map((v) => v / WAN_T) : [...tonnes]
}

/** Return the display unit's name: per year (`吨/年`, `万吨/年`, `t/yr`, `×10⁴ t/yr`) or as an amount (`吨`, `万吨`). */
export function unitLabel(u: MassUnit, lang: Lang, perYear = true): string {
  if (u === 't') return lang === 'zh' ? (perYear ? '吨/年' : '吨') : perYear ? 't/yr' : 't'
  // 万吨 is the unit Chinese statistics use; in English the same unit is written as a power of ten.
  return lang === 'zh' ? (perYear ? '万吨/年' : '万吨') : perYear ? '×10⁴ t/yr' : '×10⁴ t'
}

/** Return how many decimals a value needs in the unit: tonnes to the tonne above 1,000 t; 万吨 to the tonne (4). */
function digitsFor(v: number, u: MassUnit): number {
  const a = Math.abs(v)
  if (u === 't') return a >= 1000 ? 0 : a >= 10 ? 1 : 2
  // A fixed four decimals (one tonne) keeps a column of 万吨 aligned; above 100 万吨 tonnes no longer matter.
  return a >= 100 ? 2 : 4
}

/** Format an amount given in tonnes in the display unit, for the locale (e.g. 3,690 or 0.3690). */
export function formatMass(tonnes: number, u: MassUnit, lang: Lang): string {
  if (!Number.isFinite(tonnes)) return '—'
  const v = toUnit(tonnes, u)
  const d = digitsFor(v, u)
  return formatNumber(v, lang, d)
}

/** Format an amount given in tonnes like `formatMass`, but as a plain "0" when it rounds to nothing (not "−0.00"). */
export function formatCredit(tonnes: number, u: MassUnit, lang: Lang): string {
  const s = formatMass(tonnes, u, lang)
  return Number.isFinite(tonnes) && !/[1-9]/.test(s) ? '0' : s
}

/**
 * Format a credited reduction given in tonnes as a change of emissions: −x for a reduction, +x for an increase,
 * and a plain "0" when it rounds to nothing in the display unit (not "−0.00").
 */
export function formatReduction(tonnes: number, u: MassUnit, lang: Lang): string {
  if (!Number.isFinite(tonnes)) return '—'
  const s = formatMass(Math.abs(tonnes), u, lang)
  if (!/[1-9]/.test(s)) return '0'
  return tonnes > 0 ? `−${s}` : `+${s}`
}

/** Format a signed difference given in tonnes (with + for increases), in the display unit. */
export function formatMassDiff(tonnes: number, u: MassUnit, lang: Lang): string {
  if (!Number.isFinite(tonnes)) return '—'
  const s = formatMass(tonnes, u, lang)
  return tonnes > 0 ? `+${s}` : s
}

/** Return a Plotly tick/hover format for values in the unit (grouped integers, or four decimals of 万吨). */
export function plotFormat(u: MassUnit): string {
  return u === 'wt' ? ',.4f' : ',.0f'
}
