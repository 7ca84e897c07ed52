import { echo } from '../issues'
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** Parse a number written in a file, or explain why it is not one. */
export function parseNumberCell(raw: string): { ok: true; value: number } | { ok: false; zh: string; en: string } {
  const s = raw.trim()
  if (NUMBER.test(s)) {
    const v = Number(s)
    if (Number.isFinite(v)) return { ok: true, value: v }
    return { ok: false, zh: `数值超出范围：${echo(s)}`, en: `number out of range: ${echo(s)}` }
  }
  if (/^[+-]?(inf|infinity|∞|nan)$/i.test(s)) return { ok: false, zh: `不是有限数值：${echo(s)}`, en: `not a finite number: ${echo(s)}` }
  if (/^[+-]?[\d,]+(\.\d+)?$/.test(s) && s.includes(','))
    return { ok: false, zh: `数值不能含千位分隔符：${echo(s)}`, en: `numbers must not contain thousands separators: ${echo(s)}` }
  if (/[０-９．]/.test(s)) return { ok: false, zh: `数值含全角字符：${echo(s)}`, en: `number contains full-width characters: ${echo(s)}` }
  return { ok: false, zh: `不是数值：${echo(s)}`, en: `not a number: ${echo(s)}` }
}
