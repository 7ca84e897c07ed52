import { issue, type Issue } from '../issues'

/** The WHATWG TextDecoder exists in browsers, workers and Node; the core declares only what it uses. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string }

/** Decode file bytes: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (what Excel on Chinese Windows writes). Never throws. */
export function decodeText(bytes: Uint8Array, file: string): { ok: true; text: string; encoding: string } | { ok: false; issue: Issue } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), file, 'utf-8-bom')
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
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
  try {
    return { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' }
  } catch {
    return {
      ok: false,
      issue: issue(
        'file.encoding',
        '无法识别文件编码（支持 UTF-8、UTF-16 带 BOM、GB18030/GBK）',
        'unrecognised text encoding (UTF-8, UTF-16 with BOM and GB18030/GBK are accepted)',
        { file },
      ),
    }
  }
}

function utf8(bytes: Uint8Array, file: string, encoding: string): { ok: true; text: string; encoding: string } | { ok: false; issue: Issue } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding }
  } catch {
    return { ok: false, issue: issue('file.encoding', '文件不是有效的 UTF-8', 'file is not valid UTF-8', { file }) }
  }
}
