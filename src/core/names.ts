/**
 * Names (ids, regions, sectors, technologies, units, column headers) must be visible: a zero-width space, a
 * byte-order mark or a bidi control inside a name makes a look-alike of another name (`B1` and `B1\u200b` are two
 * records; `西平县` with a BOM matches no region), so such names are refused where they are written.
 */

/** Unicode format characters (Cf: zero-width spaces and joiners, BOM, word joiner, bidi controls, soft hyphen…). */
const FORMAT = /\p{Cf}/u
/** Format and control characters (Cc: NUL, escape, tab, line breaks…): neither belongs in a name. */
const FORMAT_OR_CONTROL = /[\p{Cf}\p{Cc}]/u

const NAMED = new Map<number, [string, string]>([
  [0x00ad, ['软连字符', 'soft hyphen']],
  [0x200b, ['零宽空格', 'zero-width space']],
  [0x200c, ['零宽不连字', 'zero-width non-joiner']],
  [0x200d, ['零宽连字', 'zero-width joiner']],
  [0x2060, ['字连接符', 'word joiner']],
  [0xfeff, ['字节顺序标记（BOM）', 'byte-order mark (BOM)']],
])

/** Return the 0-based index of the first invisible character in `s` (format, or also control when `controls`), or −1. */
export function invisibleAt(s: string, controls = true): number {
  // Most names are plain ASCII or CJK: skip the regular expression unless a suspicious code unit is there.
  let suspect = false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    // Controls, soft hyphen, Arabic/Syriac format marks, U+180E, U+2000–206F, surrogates (tag characters), U+FEFF, U+FFF9–FFFB.
    if (c < 0x20 || (c >= 0x7f && c <= 0xad) || (c >= 0x0600 && c <= 0x08ff) || c === 0x180e || (c >= 0x2000 && c <= 0x206f) || c >= 0xd800) {
      suspect = true
      break
    }
  }
  if (!suspect) return -1
  const m = (controls ? FORMAT_OR_CONTROL : FORMAT).exec(s)
  return m ? m.index : -1
}

/** Describe the invisible character at index i of s, in both languages: `U+200B（零宽空格）`, position 1-based. */
export function describeInvisible(s: string, i: number): { zh: string; en: string } {
  const cp = s.codePointAt(i) ?? 0
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
  const named = NAMED.get(cp)
  const bidi = (cp >= 0x200e && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
  const [zh, en] =
    named ??
    (bidi ? ['双向文本控制符', 'bidi control'] : cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? ['控制字符', 'control character'] : ['格式字符', 'format character'])
  return {
    zh: `第 ${i + 1} 个字符是不可见字符 ${hex}（${zh}），请删除`,
    en: `character ${i + 1} is the invisible ${hex} (${en}); delete it`,
  }
}
