import { issue, type Issue } from '../issues'

/** The WHATWG TextDecoder exists in browsers, workers and Node; the core declares only what it uses. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string }

type Decoded = { ok: true; text: string; encoding: string } | { ok: false; issue: Issue }

/** Where an encoding error is: its line, named `row` in a CSV and `line` in a YAML/JSON file. */
function at(text: string, file: string): { row: number } | { line: number } {
  const k = text.indexOf('\uFFFD')
  let line = 1
  for (let p = text.indexOf('\n'); p >= 0 && p < k; p = text.indexOf('\n', p + 1)) line++
  return /\.(csv|txt)$/i.test(file) ? { row: line } : { line }
}

/** Decode without failing, to find the first undecodable byte (U+FFFD; a file holding that character is rare). */
const lenient = (label: string, bytes: Uint8Array) => new TextDecoder(label).decode(bytes)
const count = (s: string, c: string) => s.split(c).length - 1

/**
 * Decode file bytes: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (what Excel on Chinese Windows writes). Never
 * throws. An undecodable byte is named by its line (row), so a stray byte in a UTF-8 file is found, not read as a
 * whole file of GB18030 mojibake.
 */
export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), file, 'utf-8-bom')
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', bytes.subarray(2), file)
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', bytes.subarray(2), file)
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192))
  let zeros = 0
  for (const b of probe) if (b === 0) zeros++
  if (zeros > 0) {
    // Text saved as UTF-16 without a byte-order mark has a zero in every other byte.
    const even = probe.filter((b, i) => i % 2 === 0 && b === 0).length
    const odd = zeros - even
    if (probe.length >= 4 && Math.max(even, odd) >= probe.length / 4 && Math.min(even, odd) === 0)
      return {
        ok: false,
        issue: issue(
          'file.encoding',
          '文件似乎是不带 BOM 的 UTF-16；请另存为 UTF-8 或带 BOM 的 UTF-16',
          'file looks like UTF-16 without a byte-order mark; save it as UTF-8 or UTF-16 with BOM',
          { file },
        ),
      }
    return {
      ok: false,
      issue: issue('file.binary', '文件似乎是二进制文件，而不是文本（CSV/YAML/JSON）', 'file looks binary, not text (CSV/YAML/JSON)', { file }),
    }
  }
  const u = utf8(bytes, file, 'utf-8')
  if (u.ok) return u
  // Mostly valid UTF-8 (many multi-byte characters, few bad bytes): a stray byte in a UTF-8 file, reported at its line.
  const asUtf8 = lenient('utf-8', bytes)
  const bad = count(asUtf8, '\uFFFD')
  let wide = 0
  for (let i = 0; i < asUtf8.length; i++) if (asUtf8.charCodeAt(i) > 0x7f) wide++
  if (wide - bad >= 4 * bad) return u
  try {
    return { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' }
  } catch {
    const asGb = lenient('gb18030', bytes)
    return {
      ok: false,
      issue: issue(
        'file.encoding',
        '无法识别文件编码：既不是有效的 UTF-8，也不是 GB18030/GBK（支持 UTF-8、UTF-16 带 BOM、GB18030/GBK）；此行有无效字节',
        'unrecognised text encoding: neither valid UTF-8 nor GB18030/GBK (UTF-8, UTF-16 with BOM and GB18030/GBK are accepted); this line has an invalid byte',
        { file, ...at(count(asGb, '\uFFFD') < bad ? asGb : asUtf8, file) },
      ),
    }
  }
}

function utf8(bytes: Uint8Array, file: string, encoding: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding }
  } catch {
    return {
      ok: false,
      issue: issue('file.encoding', '文件不是有效的 UTF-8：此行有无效字节', 'file is not valid UTF-8: this line has an invalid byte', {
        file,
        ...at(lenient('utf-8', bytes), file),
      }),
    }
  }
}

function strict(label: 'utf-16le' | 'utf-16be', bytes: Uint8Array, file: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding: label }
  } catch {
    return {
      ok: false,
      issue: issue(
        'file.encoding',
        `文件不是有效的 ${label.toUpperCase()}：此行有无效字符`,
        `file is not valid ${label.toUpperCase()}: this line has an invalid character`,
        {
          file,
          ...at(lenient(label, bytes), file),
        },
      ),
    }
  }
}
