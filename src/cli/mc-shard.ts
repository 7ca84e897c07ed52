import { issue, POLLUTANTS, runDraws, runResolved, summarizeDraws } from '../core'
import { inputsFor } from '../session/draw-pool'
import type { LibraryChoice } from './library'
import { readResolvedAsync, writeIssues } from './resolve-input'
import { encodeF64, MAX_PARTIAL_BYTES, shardRange, writePartial, type Shard } from './shard'

type Write = (s: string) => void

/** What `lantian mc … --shard i/n` was asked. */
export interface McShardOptions {
  arg: string
  library: LibraryChoice
  inventory?: string | undefined
  draws: number
  seed: number
  chunk: number
  shard: Shard
  out?: string | undefined
  /** Called after each chunk with the draws done and the shard's draws. */
  onProgress?: (done: number, total: number) => void
}

/**
 * Run one shard of a Monte Carlo job: draws [from, to) of the whole job's `draws` (shardRange), exactly the draws a
 * single run makes there, since draw d depends only on (seed, d). Write them with everything the output needs (the
 * deterministic run, its targets, the tornado, the inputs, the warnings) as a partial file (docs/scale-out.md) for
 * `lantian merge`, which gives the single run's numbers to the bit. Return the exit code.
 */
export async function mcShard(o: McShardOptions, write: Write, writeErr: Write): Promise<number> {
  const input = await readResolvedAsync(o.arg, o.library, o.inventory)
  if (!input.ok) return (writeIssues(input.issues, writeErr), 2)
  // What the session's draw pool does for a whole run (src/session/draw-pool.ts), for this shard's draws only.
  const { scenario, resolved, scenarioFile, session, prepared } = input.value
  const base = runResolved(resolved, scenario, prepared.file)
  if (!base.ok) return (writeIssues(base.issues, writeErr), 2)
  const inputs = inputsFor(resolved, scenario)
  const tornado = session.sensitivity(prepared)
  if (!tornado.ok) return (writeIssues(tornado.issues, writeErr), 2)
  const [from, to] = shardRange(o.draws, o.shard)
  const Y = resolved.years.length
  const T = scenario.targets.length
  const P = POLLUTANTS.length
  // base64 of the draws' totals: a partial must stay within what merge reads (and a JavaScript string holds).
  const bytes = ((to - from) * P * Y * 8 * 4) / 3
  if (bytes > MAX_PARTIAL_BYTES) {
    const zh = `分片 ${o.shard.index}/${o.shard.count} 的 ${to - from} 次抽样约 ${(bytes / 1024 ** 2).toFixed(0)} MB，超过 ${MAX_PARTIAL_BYTES / 1024 ** 2} MB：请分成更多片`
    const en = `shard ${o.shard.index}/${o.shard.count} holds ${to - from} draws, about ${(bytes / 1024 ** 2).toFixed(0)} MB, more than ${MAX_PARTIAL_BYTES / 1024 ** 2} MB: use more shards`
    return (writeIssues([issue('mc.shard-too-large', zh, en)], writeErr), 2)
  }
  const totals = new Float64Array((to - from) * P * Y)
  const met = new Uint8Array((to - from) * T)
  for (let a = from; a < to; a += o.chunk) {
    const b = Math.min(to, a + o.chunk)
    const block = runDraws(resolved, scenario, inputs, o.seed, a, b, prepared.file)
    if (!block.ok) return (writeIssues(block.issues, writeErr), 2)
    totals.set(block.value.totals, (a - from) * P * Y)
    met.set(block.value.met, (a - from) * T)
    o.onProgress?.(b - from, to - from)
  }
  const deterministic = summarizeDraws(scenario, base.value, [], o.seed, inputs)
  const job = {
    scenario: { id: scenario.id, file: scenarioFile, title: scenario.title },
    illustrative: resolved.inventory.illustrative,
    library: resolved.library.version,
    overlays: resolved.library.spec.overlays ?? [],
    seed: o.seed,
    draws: o.draws,
    years: resolved.years,
    inputs,
    deterministicTotals: encodeF64(deterministic.deterministicTotals),
    deterministicTargets: base.value.targets,
    basis: deterministic.basis,
    tornado: tornado.value,
    warnings: input.value.warnings,
  }
  const w = writePartial(
    { command: 'mc', shard: o.shard, job, draws: { from, to, totals: encodeF64(totals), met: Buffer.from(met).toString('base64') } },
    o.out,
    write,
  )
  if (w) return (writeIssues([w], writeErr), 2)
  return 0
}
