import type { Lang } from './lang'

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Return `YYYY-MM` if `s` is a valid month in that form, else undefined. */
export function parseMonth(s: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(s)
  if (!m) return undefined
  const month = Number(m[2])
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : undefined
}

/** Return a `YYYY-MM` month in the UI language (2025年6月, Jun 2025), whatever the browser's locale. */
export function monthLabel(ym: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym)
  if (!m) return ''
  const month = Number(m[2])
  return lang === 'zh' ? `${m[1]}年${month}月` : `${MONTHS_EN[month - 1] ?? ''} ${m[1]}`
}
