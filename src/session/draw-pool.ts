import {
  defaultInputs,
  fail,
  issue,
  ok,
  runDraws,
  runResolved,
  scaleSpread,
  summarizeDraws,
  type CancelSignal,
  type DrawBlock,
  type Issue,
  type MonteCarloResult,
  type ResolvedScenario,
  type Result,
  type Scenario,
  type UncertainInput,
} from '../core'
import type { DrawWorkerApi } from '../protocol'
import type { Prepared, SessionInventory } from './types'

/** A started draw worker: its API, a promise that rejects if it dies, and how to stop it. */
export interface DrawWorkerHandle {
  api: DrawWorkerApi
  failed?: Promise<never>
  dispose(): void
}

/** The port the pool starts draw workers through: nested Web Workers in the app, worker threads in the CLI, in-process ones in tests. */
export type SpawnDrawWorker = () => DrawWorkerHandle

/** One Monte Carlo run of the pool. */
export interface PoolRun {
  draws: number
  seed: number
  /** Draws per chunk between progress reports and cancel checks (default 50). */
  chunkSize?: number
  /** Threads to use, the calling one included (default 1: no draw workers). */
  workers?: number
  /** Scale of every input's spread (default 1 = the library ranges and defaults; 0 = the deterministic run). */
  spread?: number
  signal?: CancelSignal
  onProgress?: (done: number, total: number) => void
  /** Called after each chunk drawn on the calling thread, so its event loop can run (progress, a cancel). */
  pause?: () => Promise<void>
}

/** Return the default uncertain inputs with every spread scaled (1 = as the library and defaults give them). */
export function inputsFor(r: ResolvedScenario, s: Scenario, spread = 1): UncertainInput[] {
  const inputs = defaultInputs(r, s)
  return spread === 1 ? inputs : inputs.map((u) => ({ ...u, dist: scaleSpread(u.dist, spread) }))
}

const cancelled = () => issue('mc.cancelled', '蒙特卡洛模拟已取消', 'Monte Carlo run cancelled')
const never = new Promise<never>(() => {})

/**
 * Run Monte Carlo draws on the calling thread and on draw workers started through one port, chunk by chunk from a
 * shared queue, and merge the blocks. Draw d depends only on (seed, d), so the result is the same to the bit on one
 * thread or several, in any chunking (`summarizeDraws`). Workers are kept for later runs until `close`.
 */
export class DrawPool {
  readonly #helpers: DrawWorkerHandle[] = []
  readonly #max: number

  /** Make a pool over `spawn` (none: every run stays on the calling thread) of at most `maxWorkers` threads. */
  constructor(
    private readonly spawn?: SpawnDrawWorker,
    maxWorkers = 8,
  ) {
    this.#max = Math.max(1, Math.floor(maxWorkers))
  }

  /** Run the draws of a prepared scenario; with `workers > 1` split over draw workers given the same inventory. */
  async run(p: Prepared, inventory: SessionInventory, o: PoolRun): Promise<Result<{ mc: MonteCarloResult; workers: number }>> {
    if (!Number.isInteger(o.draws) || o.draws < 1 || o.draws > 1_000_000)
      return fail([issue('mc.draws', '抽样次数须为 1 至 1,000,000 之间的整数', 'draws must be an integer from 1 to 1,000,000')])
    if (!Number.isInteger(o.seed)) return fail([issue('mc.seed', '随机种子须为整数', 'seed must be an integer')])
    const { scenario: s, resolved: r, file } = p
    const base = runResolved(r, s, file)
    if (!base.ok) return base
    const chunk = Math.max(1, Math.floor(o.chunkSize ?? 50))
    const want = Math.min(this.#max, Math.max(1, Math.floor(o.workers ?? 1)))
    const hs = want > 1 && o.draws > chunk ? await this.#helpersUpTo(want - 1) : []
    await Promise.all(
      hs.map(async (h) => {
        if ((await h.api.inventoryTag()) !== inventory.tag) await h.api.setInventory(inventory.table, inventory.tag, inventory.info.file)
      }),
    )
    const inputs = inputsFor(r, s, o.spread)
    const queue: [number, number][] = []
    for (let from = 0; from < o.draws; from += chunk) queue.push([from, Math.min(o.draws, from + chunk)])
    const blocks: DrawBlock[] = []
    const issues: Issue[] = []
    let done = 0
    const take = () => (o.signal?.aborted || issues.length > 0 ? undefined : queue.shift())
    const deliver = (b: Result<DrawBlock>) => {
      if (!b.ok) return void issues.push(...b.issues)
      blocks.push(b.value)
      done += b.value.to - b.value.from
      o.onProgress?.(done, o.draws)
    }
    const local = async () => {
      for (let c = take(); c; c = take()) {
        deliver(runDraws(r, s, inputs, o.seed, c[0], c[1], file))
        await o.pause?.()
      }
    }
    const remote = async (h: DrawWorkerHandle) => {
      for (let c = take(); c; c = take())
        deliver(
          await Promise.race([h.api.draws(s, o.seed, c[0], c[1], o.spread), h.failed ?? never]).catch((e: unknown): Result<DrawBlock> =>
            fail([issue('mc.worker', `蒙特卡洛辅助线程出错：${String(e)}`, `Monte Carlo helper worker failed: ${String(e)}`)]),
          ),
        )
    }
    await Promise.all([local(), ...hs.map(remote)])
    if (issues.length > 0) return fail(issues)
    if (o.signal?.aborted) return fail([cancelled()])
    const mc = summarizeDraws(s, { projection: base.value.projection, targets: base.value.targets }, blocks, o.seed, inputs)
    return ok({ mc, workers: hs.length + 1 }, base.warnings)
  }

  /** How many draw workers are running. */
  get size(): number {
    return this.#helpers.length
  }

  /** Stop the draw workers (they start again on the next run that wants them). */
  close(): void {
    for (const h of this.#helpers.splice(0)) h.dispose()
  }

  // Start workers up to n (kept for later runs), each checked with a ping so a worker that cannot start is dropped
  // (the port's ping answers false when a worker does not come up in time).
  async #helpersUpTo(n: number): Promise<DrawWorkerHandle[]> {
    while (this.spawn && this.#helpers.length < n) {
      const h = this.spawn()
      const up = await Promise.race([h.api.ping(), h.failed ?? never]).catch(() => false)
      if (!up) {
        h.dispose()
        break
      }
      this.#helpers.push(h)
    }
    return this.#helpers.slice(0, n)
  }
}
