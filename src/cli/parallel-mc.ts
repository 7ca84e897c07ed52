import { Worker } from 'node:worker_threads'
import { defaultInputs, fail, ok, runResolved, summarizeDraws, type DrawBlock, type Issue, type MonteCarloResult, type Result } from '../core'
import { mcWorkerUrl } from './bundled'
import type { LibraryChoice } from './library'
import type { ResolvedInput } from './resolve-input'
import type { McWorkerData } from './mc-worker'

/** Options of a Monte Carlo run split across worker threads. */
export interface ParallelMcOptions {
  arg: string
  library: LibraryChoice
  inventory?: string
  draws: number
  seed: number
  chunkSize: number
  workers: number
  onProgress?: (done: number, total: number) => void
}

/**
 * Run Monte Carlo draws on several threads. Draw d depends only on (seed, d), so the merged result is identical to a
 * single-thread run; chunks are dealt round-robin so progress advances evenly.
 */
export async function runMonteCarloParallel(input: ResolvedInput, o: ParallelMcOptions): Promise<Result<MonteCarloResult>> {
  const { resolved, scenario, scenarioFile } = input
  const base = runResolved(resolved, scenario, scenarioFile)
  if (!base.ok) return base
  const chunks: [number, number][] = []
  for (let from = 0; from < o.draws; from += o.chunkSize) chunks.push([from, Math.min(o.draws, from + o.chunkSize)])
  const shares = Array.from({ length: o.workers }, (_, w) => chunks.filter((_, i) => i % o.workers === w)).filter((c) => c.length > 0)
  const blocks: DrawBlock[] = []
  let done = 0
  const issues: Issue[] = []
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolveRun) => {
          const data: McWorkerData = {
            arg: o.arg,
            seed: o.seed,
            chunks: share,
            library: o.library,
            ...(o.inventory ? { inventory: o.inventory } : {}),
          }
          const worker = new Worker(mcWorkerUrl(), { workerData: data })
          worker.on('message', (m: { type: 'block'; block: DrawBlock } | { type: 'error'; issues: Issue[] } | { type: 'done' }) => {
            if (m.type === 'block') {
              blocks.push(m.block)
              done += m.block.to - m.block.from
              o.onProgress?.(done, o.draws)
            } else if (m.type === 'error') issues.push(...m.issues)
            if (m.type !== 'block') void worker.terminate().then(() => resolveRun())
          })
          worker.on('error', (e) => {
            issues.push({ code: 'mc.worker', zh: `蒙特卡洛工作线程出错：${e.message}`, en: `Monte Carlo worker failed: ${e.message}` })
            resolveRun()
          })
        }),
    ),
  )
  if (issues.length > 0) return fail(issues)
  return ok(summarizeDraws(scenario, base.value, blocks, o.seed, defaultInputs(resolved, scenario)))
}
