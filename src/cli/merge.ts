import { z } from 'zod'
import {
  fail,
  issue,
  ok,
  POLLUTANTS,
  summarizeBlocks,
  type DrawBlock,
  type Issue,
  type ProbabilityBasis,
  type Result,
  type TargetResult,
  type Tornado,
  type UncertainInput,
} from '../core'
import { argError, parseCli, writeOutput } from './args'
import { badMcOutput, mcText, type McReport } from './mc'
import { writeIssues } from './resolve-input'
import { combineCodes } from './run-shard'
import { checkShards, decodeF64, readPartial, type Partial } from './shard'

type Write = (s: string) => void

/** The help of `lantian merge`. */
export const MERGE_HELP = `lantian merge <partial.json>... [--format table|json|csv] [--what percentiles|targets|tornado] [--min-prob P] [--out FILE]
  Combine the partial files of the shards of one job (lantian mc|run … --shard i/n --out FILE) into the output the
  job gives when run whole, to the bit. mc shards: the output options are given here; run shards: as the shards had them.
  exit codes: as the job run whole (mc: 1 when P(all targets) < --min-prob; run: 2 if a scenario was invalid)`

const McPartSchema = z.looseObject({
  job: z.looseObject({
    scenario: z.looseObject({ title: z.strictObject({ zh: z.string(), en: z.string() }) }),
    illustrative: z.boolean(),
    seed: z.number().int(),
    draws: z.number().int().min(1),
    years: z.array(z.number().int()).min(1),
    inputs: z.array(z.unknown()),
    deterministicTotals: z.string(),
    deterministicTargets: z.array(z.looseObject({ met: z.boolean() })),
    basis: z.looseObject({ included: z.array(z.unknown()), references: z.array(z.unknown()) }),
    tornado: z.array(z.unknown()),
    warnings: z.array(z.unknown()),
  }),
  draws: z.strictObject({ from: z.number().int().min(0), to: z.number().int().min(0), totals: z.string(), met: z.string() }),
})

const RunPartSchema = z.looseObject({
  results: z.array(z.strictObject({ index: z.number().int(), arg: z.string(), out: z.string(), err: z.string(), code: z.number().int() })),
})

/** Run `lantian merge`; return the exit code. */
export async function mergeCommand(argv: string[], write: Write, writeErr: Write): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      format: { type: 'string' },
      what: { type: 'string' },
      'min-prob': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    MERGE_HELP,
  )
  if (!parsed.ok) return (writeErr(parsed.message), 2)
  const { values, positionals: files } = parsed
  if (values.help) return (write(`${MERGE_HELP}\n`), 0)
  const bad = (line: string) => (writeErr(line), 2)
  if (files.length === 0) return bad(argError('merge 需要各分片的部分结果文件', 'merge needs the partial files of every shard', MERGE_HELP))
  const parts: Partial[] = []
  const issues: Issue[] = []
  for (const f of files) {
    const p = readPartial(f)
    if (p.ok) parts.push(p.value)
    else issues.push(...p.issues)
  }
  if (issues.length > 0) return (writeIssues(issues, writeErr), 2)
  const shards = checkShards(files, parts)
  if (!shards.ok) return (writeIssues(shards.issues, writeErr), 2)
  const fileOf = (p: Partial) => files[parts.indexOf(p)] as string
  let out = ''
  const emit = (s: string) => (out += s)
  let code: number
  if (shards.value[0]?.command === 'mc') {
    const minProb = Number(values['min-prob'] ?? '0.5')
    const o = { format: values.format ?? 'table', what: values.what ?? 'percentiles' }
    const badOutput = badMcOutput(o, MERGE_HELP)
    if (badOutput) return bad(badOutput)
    if (!(minProb >= 0 && minProb <= 1)) return bad(argError('--min-prob 须在 0 与 1 之间', '--min-prob must be between 0 and 1', MERGE_HELP))
    const merged = mergeMc(shards.value, fileOf)
    if (!merged.ok) return (writeIssues(merged.issues, writeErr), 2)
    const { report, tornado, job } = merged.value
    if (o.format === 'table') writeIssues(job.warnings as Issue[], writeErr)
    emit(mcText(report, tornado, job.scenario, job.illustrative, o))
    code = report.targets.length > 0 && report.allTargets < minProb ? 1 : 0
  } else {
    const given = ['format', 'what', 'min-prob'].find((k) => values[k as keyof typeof values] !== undefined)
    if (given) return bad(argError(`--${given}：run 分片的输出选项在分片时已定`, `--${given}: run shards keep the options they were run with`, MERGE_HELP))
    code = 0
    for (const p of shards.value) {
      const r = RunPartSchema.safeParse(p)
      if (!r.success) return (writeIssues([malformed(fileOf(p), r.error)], writeErr), 2)
      for (const x of r.data.results) {
        writeErr(x.err)
        emit(x.out)
        code = combineCodes(code, x.code)
      }
    }
  }
  if (values.out) {
    const w = writeOutput(values.out, out)
    if (w) return (writeIssues([w], writeErr), 2)
  } else write(out)
  return code
}

function malformed(file: string, e: z.ZodError): Issue {
  const first = e.issues[0]
  return issue('partial.format', `部分结果文件格式不符：${first?.message ?? ''}`, `malformed partial file: ${first?.message ?? ''}`, {
    file,
    ...(first ? { path: first.path.map((k) => (typeof k === 'number' ? k : String(k))) } : {}),
  })
}

type McJob = z.output<typeof McPartSchema>['job']

/** Put the draws of Monte Carlo shards together (they must tile 0…draws) and summarise them as the whole run does. */
function mergeMc(parts: readonly Partial[], fileOf: (p: Partial) => string): Result<{ report: McReport; tornado: Tornado[]; job: McJob }> {
  const blocks: DrawBlock[] = []
  let job: McJob | undefined
  let next = 0
  for (const p of parts) {
    const r = McPartSchema.safeParse(p)
    if (!r.success) return fail([malformed(fileOf(p), r.error)])
    // Checked, but used as read: zod's output puts known keys first, and the output keeps the single run's key order.
    job = (p as unknown as { job: McJob }).job
    const { from, to, totals, met } = r.data.draws
    const Y = job.years.length
    const T = job.deterministicTargets.length
    const block = { from, to, totals: decodeF64(totals), met: new Uint8Array(Buffer.from(met, 'base64')) }
    const where = { file: fileOf(p), path: ['draws'] }
    if (from !== next || to < from || (p.shard.index === p.shard.count && to !== job.draws))
      return fail([
        issue(
          'merge.draws',
          `抽样 ${from}–${to} 与其他分片不衔接（应从 ${next} 起）`,
          `draws ${from}–${to} do not follow the other shards' (expected from ${next})`,
          where,
        ),
      ])
    if (block.totals.length !== (to - from) * POLLUTANTS.length * Y || block.met.length !== (to - from) * T)
      return fail([issue('merge.draws', '抽样数据长度与其范围不符', "the draws' data do not match their range", where)])
    blocks.push(block)
    next = to
  }
  if (!job) return fail([issue('merge.empty', '没有部分结果文件', 'no partial files given')])
  const deterministic = { years: job.years, totals: decodeF64(job.deterministicTotals), targets: job.deterministicTargets as unknown as TargetResult[] }
  const summary = summarizeBlocks(deterministic, blocks, job.seed, job.inputs as UncertainInput[], job.basis as unknown as ProbabilityBasis)
  return ok({ report: { ...summary, deterministic: { targets: deterministic.targets } }, tornado: job.tornado as Tornado[], job })
}
