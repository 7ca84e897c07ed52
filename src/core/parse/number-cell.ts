const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** Parse a number written in a file, or explain why it is not one. */
export function parseNumberCell(raw: string): { ok: true; value: number } | { ok: false; zh: string; en: string } {
  const s = raw.trim()
  if (NUMBER.test(s)) {
    const v = Number(s)
    if (Number.isFinite(v)) return { ok: true, value: v }
    return { ok: false, zh: `数值超出范围："${s}"`, en: `number out of range: "${s}"` }
  }
  if (/^[+-]?(inf|infinity|∞|nan)$/i.test(s)) return { ok: false, zh: `不是有限数值："${s}"`, en: `not a finite number: "${s}"` }
  if (/^[+-]?[\d,]+(\.\d+)?$/.test(s) && s.includes(','))
    return { ok: false, zh: `数值不能含千位分隔符："${s}"`, en: `numbers must not contain thousands separators: "${s}"` }
  if (/[０-９．]/.test(s)) return { ok: false, zh: `数值含全角字符："${s}"`, en: `number contains full-width characters: "${s}"` }
  return { ok: false, zh: `不是数值："${s}"`, en: `not a number: "${s}"` }
}
