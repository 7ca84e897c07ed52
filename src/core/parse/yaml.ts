import { isNode, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { echo, fail, issue, ok, type Issue, type Result } from '../issues'
import { checkYamlNodes } from './yaml-guards'
import { own } from '../own'

/** Aliases a YAML file may use (each expansion counts); beyond this it is refused as an alias bomb. */
export const MAX_YAML_ALIASES = 100
/** Limits that keep a hostile YAML file from exhausting memory or the stack. */
const YAML_OPTIONS = { maxAliasCount: MAX_YAML_ALIASES, uniqueKeys: true, prettyErrors: false, strict: true } as const
/** Largest YAML/JSON file accepted (scenario, checks, models, JSON inventory), in bytes (characters for text). */
export const MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024
/** Deepest nesting of lists and mappings accepted in a YAML/JSON file. */
export const MAX_NESTING = 64
const MAX_SYNTAX_ISSUES = 20

/** A parsed YAML/JSON document with the means to locate a path in it. */
export interface LocatedDoc {
  data: unknown
  lineOf(path: readonly PropertyKey[]): number | undefined
}

const tooDeep = (file: string): Issue => issue('yaml.too-deep', `嵌套超过 ${MAX_NESTING} 层`, `nesting deeper than ${MAX_NESTING} levels`, { file })

const isStackOverflow = (e: unknown): boolean => e instanceof RangeError || (e instanceof Error && /call stack/i.test(e.message))

/** Parse YAML (or JSON, a YAML subset) text; syntax errors come back located. Never throws. */
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
    if (isStackOverflow(e)) return fail([tooDeep(file)])
    return fail([issue('yaml.syntax', `YAML 无法解析：${String(e)}`, `YAML cannot be parsed: ${String(e)}`, { file })])
  }
  if (doc.errors.length > 0) {
    if (doc.errors.some(isStackOverflow)) return fail([tooDeep(file)])
    const seen = new Set<string>()
    const issues: Issue[] = []
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? (e.pos ? lc.linePos(e.pos[0]).line : undefined)
      const message = e.message.split('\n')[0] ?? e.message
      const key = `${line}:${message}`
      if (seen.has(key)) continue
      seen.add(key)
      issues.push(issue('yaml.syntax', `YAML 语法错误：${message}`, `YAML syntax error: ${message}`, { file, ...(line ? { line } : {}) }))
      if (issues.length >= MAX_SYNTAX_ISSUES) break
    }
    return fail(issues)
  }
  // Tags, recursive or unknown aliases, reserved keys and nesting, each at its line, before anything is built.
  let guard: ReturnType<typeof checkYamlNodes>
  try {
    guard = checkYamlNodes(doc.contents, lc, file, MAX_NESTING)
  } catch (e) {
    if (isStackOverflow(e)) return fail([tooDeep(file)])
    throw e
  }
  if (guard.issues.length > 0) return fail(guard.issues)
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount })
  } catch (e) {
    if (isStackOverflow(e)) return fail([tooDeep(file)])
    // The aliases are known to resolve (checked above), so what is left is their count.
    return fail([
      issue(
        'yaml.aliases',
        `YAML 别名（&/*）展开过多（上限 ${MAX_YAML_ALIASES} 次），可能是"别名炸弹"`,
        `YAML aliases (&/*) expand too far (limit ${MAX_YAML_ALIASES}): an alias bomb?`,
        { file, ...(guard.firstAlias !== undefined ? { line: guard.firstAlias } : {}) },
      ),
    ])
  }
  if (depthOf(data, 0) > MAX_NESTING) return fail([tooDeep(file)])
  return ok({
    data,
    lineOf(path) {
      try {
        const node = doc.getIn(path as unknown[], true)
        if (!isNode(node) || !node.range) return undefined
        return lc.linePos(node.range[0]).line
      } catch {
        return undefined
      }
    },
  })
}

function depthOf(v: unknown, d: number): number {
  if (d > MAX_NESTING) return d
  let m = d
  if (Array.isArray(v)) {
    for (const x of v) if ((m = Math.max(m, depthOf(x, d + 1))) > MAX_NESTING) return m
    return Math.max(m, d + 1)
  }
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) if ((m = Math.max(m, depthOf(x, d + 1))) > MAX_NESTING) return m
    return Math.max(m, d + 1)
  }
  return d
}

/** Names a path for messages, e.g. `record 2 (id "B2"), field "activity"`; undefined for the default wording. */
export type PathNamer = (path: readonly (string | number)[]) => { zh: string; en: string } | undefined

type ZodIssue = z.core.$ZodIssue

const TYPE_NAMES = new Map<string, [string, string]>(
  Object.entries({
    number: ['数值', 'a number'],
    int: ['整数', 'a whole number'],
    string: ['文本', 'text'],
    boolean: ['布尔值（true/false）', 'true or false'],
    array: ['列表', 'a list'],
    object: ['映射（键: 值）', 'a mapping (key: value)'],
    record: ['映射（键: 值）', 'a mapping (key: value)'],
  }),
)

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s)

/** Say what a value is, in both languages. */
function describe(v: unknown): [string, string] {
  if (v === undefined) return ['缺失', 'nothing']
  if (v === null) return ['空值', 'null']
  if (typeof v === 'string') return [`文本 "${clip(v)}"`, `text "${clip(v)}"`]
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return ['NaN', 'NaN']
    if (!Number.isFinite(v)) return ['超出范围的数（如 1e400）', 'a number out of range (e.g. 1e400)']
    return [`数值 ${v}`, `the number ${v}`]
  }
  if (typeof v === 'boolean') return [`布尔值 ${v}`, `the boolean ${v}`]
  if (Array.isArray(v)) return ['列表', 'a list']
  if (typeof v === 'object') return ['映射', 'a mapping']
  return [typeof v, typeof v]
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = Array.isArray(v) ? (typeof k === 'number' ? v[k] : undefined) : own(v as Record<string, unknown>, String(k))
  }
  return v
}

function splitBilingual(msg: string): [string, string] | undefined {
  const i = msg.indexOf(' / ')
  if (i < 0) return undefined
  const a = msg.slice(0, i)
  const b = msg.slice(i + 3)
  // Messages are written "english / 中文".
  return /[\u4e00-\u9fff]/.test(b) ? [b, a] : [a, b]
}

/** Pick the union branch that explains the failure best: the fewest issues, unknown keys counting as a worse fit. */
function bestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  let best: readonly ZodIssue[] | undefined
  let score = Infinity
  for (const b of branches) {
    const s = b.length + b.filter((x) => x.code === 'unrecognized_keys').length * 10
    if (s < score) {
      best = b
      score = s
    }
  }
  return best
}

/** The detail of one zod issue, [中文, English]; `key` is the last path element. */
function detail(zi: ZodIssue, value: unknown, key: string | number | undefined): [string, string] {
  const [gotZh, gotEn] = describe(value)
  const own = splitBilingual(zi.message)
  switch (zi.code) {
    case 'invalid_type': {
      if (value === undefined && key !== undefined) return [`缺少必填字段 "${key}"`, `required field "${key}" is missing`]
      if (typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value))
        return ['数值超出范围（溢出为无穷大，如 1e400）', 'number out of range (overflows to infinity, e.g. 1e400)']
      const [tZh, tEn] = TYPE_NAMES.get(zi.expected) ?? [zi.expected, zi.expected]
      return [`应为${tZh}，实际为${gotZh}`, `expected ${tEn}, got ${gotEn}`]
    }
    case 'too_big':
    case 'too_small': {
      const big = zi.code === 'too_big'
      const bound = String(big ? zi.maximum : zi.minimum)
      const inclusive = zi.inclusive !== false
      const op = big ? (inclusive ? '≤' : '<') : inclusive ? '≥' : '>'
      if (zi.origin === 'string') return [`长度须 ${op} ${bound} 个字符`, `must be ${big ? 'at most' : 'at least'} ${bound} characters long`]
      if (zi.origin === 'array' || zi.origin === 'set')
        return [`须有 ${op} ${bound} 项`, `must have ${big ? 'at most' : 'at least'} ${bound} item${bound === '1' ? '' : 's'}`]
      return [`须 ${op} ${bound}，实际为${gotZh}`, `must be ${op} ${bound}, got ${gotEn}`]
    }
    case 'invalid_value': {
      const vals = zi.values.map((v) => JSON.stringify(v)).join(', ')
      return zi.values.length === 1
        ? [`须为 ${vals}，实际为${gotZh}`, `must be ${vals}, got ${gotEn}`]
        : [`须为 ${vals} 之一，实际为${gotZh}`, `must be one of ${vals}, got ${gotEn}`]
    }
    case 'unrecognized_keys': {
      const keys = zi.keys.map((k) => echo(k)).join(', ')
      return [`未知字段 ${keys}（可能拼写错误）`, `unknown field${zi.keys.length === 1 ? '' : 's'} ${keys} (misspelt?)`]
    }
    case 'invalid_format':
      return own ?? [`格式无效（${zi.format}），实际为${gotZh}`, `invalid format (${zi.format}), got ${gotEn}`]
    case 'invalid_union': {
      const opts = (zi as { options?: unknown[] }).options
      if (Array.isArray(opts)) {
        const vals = opts.map((v) => JSON.stringify(v)).join(', ')
        return [`须为 ${vals} 之一，实际为${gotZh}`, `must be one of ${vals}, got ${gotEn}`]
      }
      return own ?? ['不符合任何允许的形式', 'matches none of the allowed forms']
    }
    default:
      return own ?? [`无效：${zi.message}`, zi.message]
  }
}

/** Flatten union issues into the issues of their best-fitting branch, with full paths. */
function flatten(issues: readonly ZodIssue[], prefix: readonly PropertyKey[] = []): ZodIssue[] {
  const out: ZodIssue[] = []
  for (const zi of issues) {
    const path = [...prefix, ...zi.path]
    // A record key that fails its schema (e.g. an invisible character): report the key's own issue at the key.
    if (zi.code === 'invalid_key' && zi.issues.length > 0) {
      out.push(...flatten(zi.issues, path))
      continue
    }
    if (zi.code === 'invalid_union' && zi.errors.length > 0) {
      // Alternatives of plain types at the same place (string | number): say so in one issue.
      const simple = zi.errors.every((b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0)
      if (simple) {
        const expected = zi.errors.map((b) => (b[0] as { expected: string }).expected)
        out.push({ ...(zi.errors[0]?.[0] as ZodIssue), path, expected: expected.join('|') } as ZodIssue)
        continue
      }
      const best = bestBranch(zi.errors)
      if (best) {
        out.push(...flatten(best, path))
        continue
      }
    }
    out.push({ ...zi, path } as ZodIssue)
  }
  return out
}

const typeName = (expected: string): [string, string] => {
  const parts = expected.split('|').map((e) => TYPE_NAMES.get(e) ?? [e, e])
  return [parts.map((p) => p[0]).join('或'), parts.map((p) => p[1]).join(' or ')]
}

/** Turn zod issues into located bilingual issues; `name` may describe a path (e.g. a record by index and id). */
export function zodIssues(error: z.ZodError, file: string, doc?: LocatedDoc, name?: PathNamer): Issue[] {
  return flatten(error.issues)
    .slice(0, 50)
    .map((zi) => {
      let path = zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[]
      if (zi.code === 'unrecognized_keys' && zi.keys.length === 1) path = [...path, zi.keys[0] as string]
      const value = doc ? valueAt(doc.data, path) : undefined
      let [zh, en] =
        zi.code === 'invalid_type' && zi.expected.includes('|')
          ? (() => {
              const [tZh, tEn] = typeName(zi.expected)
              const [gZh, gEn] = describe(value)
              return [`应为${tZh}，实际为${gZh}`, `expected ${tEn}, got ${gEn}`] as [string, string]
            })()
          : detail(zi, value, zi.code === 'unrecognized_keys' ? undefined : path.at(-1))
      const fieldPath = zi.code === 'unrecognized_keys' ? path.slice(0, -1) : path
      const named = name?.(fieldPath)
      const subject =
        named ?? (fieldPath.length > 0 ? { zh: `字段 ${echo(fieldPath.join('.'))}`, en: `field ${echo(fieldPath.join('.'))}` } : { zh: '文件', en: 'file' })
      zh = `${subject.zh}：${zh}`
      en = `${subject.en}: ${en}`
      const line = doc?.lineOf(path) ?? (path.length > 0 ? doc?.lineOf(path.slice(0, -1)) : undefined)
      const ownCode = zi.code === 'custom' ? (zi.params as { code?: unknown } | undefined)?.code : undefined
      if (typeof ownCode === 'string') return issue(ownCode, zh, en, { file, path, ...(line ? { line } : {}) })
      const code = zi.code === 'invalid_type' && typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value) ? 'out_of_range' : zi.code
      return issue(`schema.${code}`, zh, en, { file, path, ...(line ? { line } : {}) })
    })
}

/** Parse YAML/JSON text and validate it with a zod schema. */
export function parseWithSchema<S extends z.ZodType>(text: string, file: string, schema: S): Result<z.output<S>> {
  const doc = parseYamlText(text, file)
  if (!doc.ok) return doc
  const r = schema.safeParse(doc.value.data)
  if (!r.success) return fail(zodIssues(r.error, file, doc.value))
  return ok(r.data)
}
