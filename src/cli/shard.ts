import { readFileSync, statSync } from 'node:fs'
import { z } from 'zod'
import { echo, fail, fingerprint, issue, ok, type Issue, type Result } from '../core'
import { argError, writeOutput } from './args'

/** The `format` of a partial result file (docs/scale-out.md). */
export const PARTIAL_FORMAT = 'lantian-partial/1'
/** Largest partial file `lantian merge` reads (a shard of 1,000,000 draws of a 60-year scenario is about 1.3 GB). */
export const MAX_PARTIAL_BYTES = 2 * 1024 ** 3

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

/** Read `--shard i/n` (1 ≤ i ≤ n ≤ 100,000); return the shard or a bilingual error line (followed by `help`). */
export function parseShard(text: string, help?: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (!m || !(index >= 1 && index <= count && count <= 100_000))
    return argError(
      `--shard 须为 i/n（1 ≤ i ≤ n ≤ 100000），如 2/4（实际为 ${echo(text)}）`,
      `--shard must be i/n with 1 ≤ i ≤ n ≤ 100000, e.g. 2/4 (got ${echo(text)})`,
      help,
    )
  return { index, count }
}

/** Return the items [from, to) of `total` that a shard takes: contiguous, in order, sizes differing by at most one. */
export function shardRange(total: number, s: Shard): [number, number] {
  return [Math.floor(((s.index - 1) * total) / s.count), Math.floor((s.index * total) / s.count)]
}

/** Write a Float64Array as base64 of its IEEE 754 little-endian bytes (exact, and the same on every machine). */
export function encodeF64(a: Float64Array): string {
  const bytes = new Uint8Array(a.length * 8)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < a.length; i++) view.setFloat64(i * 8, a[i] as number, true)
  return Buffer.from(bytes).toString('base64')
}

/** Read what encodeF64 wrote. */
export function decodeF64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Float64Array(Math.floor(bytes.byteLength / 8))
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true)
  return out
}

// JSON has no NaN, Infinity or −0: such numbers are written as {"$f64": base64} so that a partial gives back every
// number to the bit.
const replacer = (_k: string, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { $f64: encodeF64(Float64Array.of(v)) } : v)
const reviver = (_k: string, v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $f64?: unknown }).$f64 === 'string'
    ? decodeF64((v as { $f64: string }).$f64)[0]
    : v

/** The common frame of every partial file. */
const FrameSchema = z.looseObject({
  format: z.literal(PARTIAL_FORMAT),
  command: z.enum(['mc', 'run']),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  /** Fingerprint of everything the shards of one job must share (the `job` object). */
  fingerprint: z.string(),
  job: z.record(z.string(), z.unknown()),
})

/** A partial file as read: its frame and the rest of what it holds. */
export type Partial = z.output<typeof FrameSchema> & Record<string, unknown>

/** Return the fingerprint of a job description (what all its shards must agree on). */
export function jobFingerprint(job: unknown): string {
  return fingerprint([{ path: 'job', text: JSON.stringify(job, replacer) }])
}

/** Write a partial file (or to `write` when no file is given); return the issue if the file cannot be written. */
export function writePartial(p: Record<string, unknown> & { job: unknown }, out: string | undefined, write: (s: string) => void): Issue | undefined {
  const text = `${JSON.stringify({ format: PARTIAL_FORMAT, ...p, fingerprint: jobFingerprint(p.job) }, replacer)}\n`
  if (out) return writeOutput(out, text)
  write(text)
  return undefined
}

/** Read and check one partial file; errors are located by file and path. */
export function readPartial(file: string): Result<Partial> {
  let text: string
  try {
    const size = statSync(file).size
    if (size > MAX_PARTIAL_BYTES)
      return fail([
        issue(
          'file.too-large',
          `部分结果文件超过 ${MAX_PARTIAL_BYTES / 1024 ** 3} GB 上限`,
          `partial file is larger than the ${MAX_PARTIAL_BYTES / 1024 ** 3} GB limit`,
          { file },
        ),
      ])
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    return fail([issue('file.unreadable', `无法读取部分结果文件：${msg}`, `cannot read the partial file: ${msg}`, { file })])
  }
  let data: unknown
  try {
    data = JSON.parse(text, reviver)
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    return fail([issue('partial.json', `不是 JSON：${msg}`, `not JSON: ${msg}`, { file })])
  }
  const r = FrameSchema.safeParse(data)
  if (!r.success) {
    const first = r.error.issues[0]
    const format = (data as { format?: unknown } | null)?.format
    const what =
      format !== PARTIAL_FORMAT
        ? { zh: `不是 lantian 部分结果文件（format 须为 ${PARTIAL_FORMAT}）`, en: `not a lantian partial file (format must be ${PARTIAL_FORMAT})` }
        : { zh: `部分结果文件格式不符：${first?.message ?? ''}`, en: `malformed partial file: ${first?.message ?? ''}` }
    return fail([
      issue('partial.format', what.zh, what.en, { file, ...(first ? { path: first.path.map((k) => (typeof k === 'number' ? k : String(k))) } : {}) }),
    ])
  }
  if (r.data.fingerprint !== jobFingerprint(r.data.job))
    return fail([
      issue('partial.damaged', '部分结果文件的 job 与其指纹不符（文件被改动过？）', "the partial file's job does not match its fingerprint (edited?)", {
        file,
        path: ['job'],
      }),
    ])
  return ok(r.data as Partial)
}

/**
 * Check that partial files are the shards 1…n of one job, each once; return them in shard order, or issues naming
 * the files (a different job, a missing or repeated shard).
 */
export function checkShards(files: readonly string[], parts: readonly Partial[]): Result<Partial[]> {
  const issues: Issue[] = []
  const first = parts[0]
  if (!first) return fail([issue('merge.empty', '没有部分结果文件', 'no partial files given')])
  parts.forEach((p, k) => {
    if (p.command !== first.command || p.fingerprint !== first.fingerprint || p.shard.count !== first.shard.count)
      issues.push(
        issue(
          'merge.other-job',
          `${files[k]} 与 ${files[0]} 不属于同一任务（命令、情景、参数或分片数不同）`,
          `${files[k]} is not a shard of the same job as ${files[0]} (another command, scenario, option or shard count)`,
          { file: files[k] as string },
        ),
      )
  })
  if (issues.length > 0) return fail(issues)
  const byIndex = new Map<number, number>()
  parts.forEach((p, k) => {
    const prev = byIndex.get(p.shard.index)
    if (prev !== undefined)
      issues.push(
        issue(
          'merge.repeated-shard',
          `分片 ${p.shard.index}/${p.shard.count} 出现两次：${files[prev]} 与 ${files[k]}`,
          `shard ${p.shard.index}/${p.shard.count} is given twice: ${files[prev]} and ${files[k]}`,
          {
            file: files[k] as string,
          },
        ),
      )
    else byIndex.set(p.shard.index, k)
  })
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i))
  if (missing.length > 0)
    issues.push(
      issue(
        'merge.missing-shard',
        `缺少分片 ${missing.join(', ')}（共 ${first.shard.count} 片）`,
        `shard ${missing.join(', ')} of ${first.shard.count} is missing`,
      ),
    )
  if (issues.length > 0) return fail(issues)
  return ok([...parts].sort((a, b) => a.shard.index - b.shard.index))
}
