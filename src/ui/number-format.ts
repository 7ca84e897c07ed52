import type { Lang } from './lang'

// `Number.prototype.toLocaleString` with options builds a new Intl.NumberFormat on every call (tens of µs each);
// the KPI cards, measure cards, tables and chart labels format hundreds of numbers per slider step.
const formats = new Map<string, Intl.NumberFormat>()

/** Format `v` for the UI language with grouping and between `minDigits` and `maxDigits` decimals (cached formatter). */
export function formatNumber(v: number, lang: Lang, minDigits: number, maxDigits = minDigits): string {
  const key = `${lang}:${minDigits}:${maxDigits}`
  let f = formats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits })
    formats.set(key, f)
  }
  return f.format(v)
}
