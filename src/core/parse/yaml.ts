import { isNode, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { fail, issue, ok, type Issue, type Result } from '../issues'

/** Limits that keep a hostile YAML file from exhausting memory or the stack. */
const YAML_OPTIONS = { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false, strict: true } as const
export const MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024
const MAX_NESTING = 64

/** A parsed YAML/JSON document with the means to locate a path in it. */
export interface LocatedDoc {
  data: unknown
  lineOf(path: readonly PropertyKey[]): number | undefined
}

/** Parse YAML (or JSON, a YAML subset) text; syntax errors come back located. */
export function parseYamlText(text: string, file: string): Result<LocatedDoc> {
  if (text.length > MAX_TEXT_FILE_BYTES) {
    return fail([
      issue('file.too-large', `文件超过 ${MAX_TEXT_FILE_BYTES / 1048576} MB 上限`, `file is larger than the ${MAX_TEXT_FILE_BYTES / 1048576} MB limit`, {
        file,
      }),
    ])
  }
  if (text.trim().length === 0) return fail([issue('file.empty', '文件为空', 'file is empty', { file })])
  const lc = new LineCounter()
  let doc: Document.Parsed
  try {
    doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lc })
  } catch (e) {
    return fail([issue('yaml.syntax', `YAML 无法解析：${String(e)}`, `YAML cannot be parsed: ${String(e)}`, { file })])
  }
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.slice(0, 20).map((e) => {
        const line = e.linePos?.[0]?.line
        return issue('yaml.syntax', `YAML 语法错误：${e.message}`, `YAML syntax error: ${e.message}`, { file, ...(line ? { line } : {}) })
      }),
    )
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount })
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    return fail([issue('yaml.aliases', `YAML 别名展开过多或无效：${msg}`, `YAML aliases expand too far or are invalid: ${msg}`, { file })])
  }
  if (depthOf(data, 0) > MAX_NESTING) {
    return fail([issue('yaml.too-deep', `嵌套超过 ${MAX_NESTING} 层`, `nesting deeper than ${MAX_NESTING} levels`, { file })])
  }
  return ok({
    data,
    lineOf(path) {
      const node = doc.getIn(path as unknown[], true)
      if (!isNode(node) || !node.range) return undefined
      return lc.linePos(node.range[0]).line
    },
  })
}

function depthOf(v: unknown, d: number): number {
  if (d > MAX_NESTING) return d
  if (Array.isArray(v)) return v.reduce<number>((m, x) => Math.max(m, depthOf(x, d + 1)), d + 1)
  if (v !== null && typeof v === 'object') return Object.values(v).reduce<number>((m, x) => Math.max(m, depthOf(x, d + 1)), d + 1)
  return d
}

/** Turn zod issues into located bilingual issues. */
export function zodIssues(error: z.ZodError, file: string, doc?: LocatedDoc): Issue[] {
  return error.issues.slice(0, 50).map((zi) => {
    const path = zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
    const line = doc?.lineOf(path) ?? (path.length > 0 ? doc?.lineOf(path.slice(0, -1)) : undefined)
    const msg = zi.message
    const [zh, en] = msg.includes(' / ') ? splitBilingual(msg) : [`字段 ${path.join('.') || '(根)'} 无效：${msg}`, msg]
    return issue(`schema.${zi.code}`, zh, en, { file, path, ...(line ? { line } : {}) })
  })
}

function splitBilingual(msg: string): [string, string] {
  const i = msg.indexOf(' / ')
  const a = msg.slice(0, i)
  const b = msg.slice(i + 3)
  // Messages are written "english / 中文".
  return /[\u4e00-\u9fff]/.test(b) ? [b, a] : [a, b]
}

/** Parse YAML/JSON text and validate it with a zod schema. */
export function parseWithSchema<S extends z.ZodType>(text: string, file: string, schema: S): Result<z.output<S>> {
  const doc = parseYamlText(text, file)
  if (!doc.ok) return doc
  const r = schema.safeParse(doc.value.data)
  if (!r.success) return fail(zodIssues(r.error, file, doc.value))
  return ok(r.data)
}
