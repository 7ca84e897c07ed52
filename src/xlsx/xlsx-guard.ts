import { Inflate } from 'fflate'
import { issue, type Issue } from '../core'
import { SheetScanner } from './sheet-scan'
import { dataOffset, zipDirectory, type ZipEntry } from './zip-directory'

/** Largest total size of an XLSX's entries once unzipped (checked from the zip directory, then while inflating). */
export const MAX_XLSX_UNZIPPED_BYTES = 100 * 1024 * 1024
/** Most rows an XLSX inventory's sheets may have together (exceljs builds an object per cell: use CSV beyond). */
export const MAX_XLSX_ROWS = 100_000
/** Most cells an XLSX's sheets may have together. */
export const MAX_XLSX_CELLS = 2_000_000
/** Most entries (parts) in an XLSX zip. */
const MAX_ENTRIES = 10_000
const CHUNK = 1 << 16
const MB = 1048576

class Stop extends Error {
  constructor(readonly issue: Issue) {
    super(issue.en)
  }
}

const worksheetName = (name: string) => /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(name)

/**
 * Check an XLSX's zip before exceljs reads it: the directory is readable, the entries are stored or deflated and not
 * encrypted, their total unzipped size is within MAX_XLSX_UNZIPPED_BYTES by the directory (a zip bomb is refused
 * before anything is inflated) and, inflated here as a stream without keeping the output, each entry is no larger
 * than the directory says; the worksheets have at most MAX_XLSX_ROWS rows and MAX_XLSX_CELLS cells, and every cell
 * has its `r` reference (exceljs cannot place one without). Returns the first problem, located by sheet and row
 * where it has one, or undefined when exceljs may load the file.
 */
export function guardXlsx(bytes: Uint8Array, file: string): Issue | undefined {
  const refuse = (code: string, zh: string, en: string, where: Omit<Issue, 'code' | 'zh' | 'en'> = {}) => issue(code, zh, en, { file, ...where })
  const dir = zipDirectory(bytes, MAX_ENTRIES)
  if (dir === 'no-directory' || dir === 'truncated')
    return refuse(
      'xlsx.damaged',
      'XLSX 文件已损坏（zip 目录缺失或被截断）；请在表格软件中重新保存',
      'the XLSX file is damaged (its zip directory is missing or truncated); save it again in the spreadsheet program',
    )
  if (!Array.isArray(dir))
    return refuse(
      'xlsx.too-many-parts',
      `XLSX 压缩包有 ${dir.tooMany} 个条目，超过 ${MAX_ENTRIES} 个上限`,
      `the XLSX zip has ${dir.tooMany} entries, more than ${MAX_ENTRIES}`,
    )
  const total = dir.reduce((s, e) => s + e.size, 0)
  if (total > MAX_XLSX_UNZIPPED_BYTES)
    return refuse(
      'xlsx.unzipped-too-large',
      `XLSX 解压后 ${(total / MB).toFixed(1)} MB，超过 ${MAX_XLSX_UNZIPPED_BYTES / MB} MB 上限（更大的清单请用 CSV）`,
      `the XLSX unzips to ${(total / MB).toFixed(1)} MB, more than the ${MAX_XLSX_UNZIPPED_BYTES / MB} MB limit (use CSV for larger inventories)`,
    )
  const names = sheetNames(bytes, dir)
  let rows = 0
  let cells = 0
  try {
    for (const e of dir) {
      if (e.name.endsWith('/') && e.size === 0) continue
      if ((e.flags & 1) !== 0 || (e.method !== 0 && e.method !== 8))
        throw new Stop(
          refuse(
            'xlsx.compression',
            `XLSX 条目 ${e.name} 已加密或使用了不支持的压缩方式；请在表格软件中另存为普通 .xlsx`,
            `the XLSX part ${e.name} is encrypted or uses an unsupported compression; save it as a plain .xlsx`,
          ),
        )
      const sheet = worksheetName(e.name) ? (names.get(e.name.replace(/^\//, '')) ?? e.name) : undefined
      const scan = sheet !== undefined ? new SheetScanner() : undefined
      inflateEntry(bytes, e, (chunk) => {
        if (!scan) return
        scan.feed(chunk)
        if (rows + scan.rows > MAX_XLSX_ROWS)
          throw new Stop(
            refuse(
              'xlsx.too-many-rows',
              `工作表行数超过 ${MAX_XLSX_ROWS.toLocaleString('en-US')} 行的上限（各工作表合计；更大的清单请用 CSV）`,
              `more than the limit of ${MAX_XLSX_ROWS.toLocaleString('en-US')} rows (all sheets together; use CSV for larger inventories)`,
              { sheet },
            ),
          )
        if (cells + scan.cells > MAX_XLSX_CELLS)
          throw new Stop(
            refuse(
              'xlsx.too-many-cells',
              `单元格数超过 ${MAX_XLSX_CELLS.toLocaleString('en-US')} 个的上限（各工作表合计；更大的清单请用 CSV）`,
              `more than the limit of ${MAX_XLSX_CELLS.toLocaleString('en-US')} cells (all sheets together; use CSV for larger inventories)`,
              { sheet },
            ),
          )
        if (scan.missingRef !== undefined)
          throw new Stop(
            refuse(
              'xlsx.cell-no-ref',
              '单元格缺少位置标记（r="A1" 之类）：该文件由不写单元格位置的工具生成，无法读取；请在 Excel、WPS 或 LibreOffice 中打开并另存为 .xlsx，或导出 CSV',
              'cells without a reference (r="A1" and so on): the file was written by a tool that omits them and cannot be read; open it in Excel, WPS or LibreOffice and save it as .xlsx again, or export CSV',
              { sheet, row: scan.missingRef },
            ),
          )
      })
      rows += scan?.rows ?? 0
      cells += scan?.cells ?? 0
    }
  } catch (e) {
    if (e instanceof Stop) return e.issue
    throw e
  }
  return undefined
}

/** Inflate one entry as a stream, passing each chunk on and refusing output beyond the size the directory declared. */
function inflateEntry(bytes: Uint8Array, e: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  const damaged = () =>
    new Stop(
      issue('xlsx.damaged', `XLSX 文件已损坏：条目 ${e.name} 与 zip 目录不符`, `the XLSX file is damaged: the part ${e.name} does not match the zip directory`),
    )
  const start = dataOffset(bytes, e)
  if (start < 0) throw damaged()
  const data = bytes.subarray(start, start + e.compressedSize)
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw damaged()
    for (let p = 0; p < data.length; p += CHUNK) onChunk(data.subarray(p, p + CHUNK))
    return
  }
  let out = 0
  const inf = new Inflate((chunk) => {
    out += chunk.length
    // A directory that understates an entry (a zip bomb in disguise) is caught here, before the output grows.
    if (out > e.size) throw damaged()
    onChunk(chunk)
  })
  try {
    for (let p = 0; p < data.length; p += CHUNK) inf.push(data.subarray(p, p + CHUNK), p + CHUNK >= data.length)
    if (data.length === 0) inf.push(new Uint8Array(0), true)
  } catch (err) {
    if (err instanceof Stop) throw err
    throw damaged()
  }
  if (out !== e.size) throw damaged()
}

/** Map worksheet part names (`xl/worksheets/sheet1.xml`) to their sheet names, from workbook.xml and its rels. */
function sheetNames(bytes: Uint8Array, dir: readonly ZipEntry[]): Map<string, string> {
  const out = new Map<string, string>()
  const text = (name: string): string | undefined => {
    const e = dir.find((x) => x.name.replace(/^\//, '') === name)
    if (!e || e.size > 4 * MB) return undefined
    const parts: Uint8Array[] = []
    try {
      inflateEntry(bytes, e, (c) => parts.push(c.slice()))
    } catch {
      return undefined
    }
    return new TextDecoder().decode(concat(parts))
  }
  const wb = text('xl/workbook.xml')
  const rels = text('xl/_rels/workbook.xml.rels')
  if (!wb || !rels) return out
  const attrs = (tag: string) => new Map([...tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']))
  const targets = new Map<string, string>()
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attrs(m[0])
    const t = a.get('Target')
    if (a.get('Id') && t) targets.set(a.get('Id') ?? '', t.startsWith('/') ? t.slice(1) : `xl/${t}`)
  }
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrs(m[0])
    const id = [...a].find(([k]) => k.endsWith(':id'))?.[1]
    const target = id ? targets.get(id) : undefined
    if (target && a.get('name')) out.set(target, unescapeXml(a.get('name') ?? ''))
  }
  return out
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos);/g, (_, x: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[x as 'lt'] ?? '')

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
