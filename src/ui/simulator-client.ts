import { proxy, wrap, type Remote } from 'comlink'
import type { LibraryInfo, Result, SimulatorApi } from '../protocol'

/**
 * Run requests so that the newest one wins: while a run is in flight, later requests overwrite one pending
 * slot, so a slider drag never queues stale runs (SDEverywhere `model-scheduler.ts`). Each finished run is
 * delivered with `stale = true` when a newer request is already waiting.
 */
export class LatestRunner<I, O> {
  private pending: { input: I } | undefined
  private running = false

  constructor(
    private readonly exec: (input: I) => Promise<O>,
    private readonly deliver: (output: O, input: I, stale: boolean) => void,
    private readonly onError: (e: unknown) => void = (e) => console.error(e),
  ) {}

  /** Ask for a run; replaces any request that has not started yet. */
  request(input: I): void {
    this.pending = { input }
    if (!this.running) void this.pump()
  }

  /** Return true while a run is in flight or waiting. */
  get busy(): boolean {
    return this.running || this.pending !== undefined
  }

  private async pump(): Promise<void> {
    this.running = true
    try {
      while (this.pending) {
        const { input } = this.pending
        this.pending = undefined
        try {
          const out = await this.exec(input)
          this.deliver(out, input, this.pending !== undefined)
        } catch (e) {
          this.onError(e)
        }
      }
    } finally {
      this.running = false
    }
  }
}

/** A simulator running in a Web Worker, behind the contract's API. */
export interface SimulatorClient {
  api: SimulatorApi
  dispose(): void
}

/** A list of the API's method names: a name the API does not have (a rename) fails to compile. */
export type MethodList = readonly (keyof SimulatorApi)[]

/** Calls that set the worker's state; a restarted worker gets them again, in order. */
export const REPLAYED = ['loadLibrary', 'loadSeed', 'loadInventory'] as const satisfies MethodList
/** Long analysis calls: their callbacks are proxied and each progress report restarts the hang timer. */
export const LONG = ['monteCarlo', 'optimize'] as const satisfies MethodList
/** A call that has not answered after this long is taken as a hung worker. */
const CALL_TIMEOUT_MS = 60_000

type Name = keyof SimulatorApi
type Call = <K extends Name>(name: K, args: Parameters<SimulatorApi[K]>) => ReturnType<SimulatorApi[K]>

class WorkerCrash extends Error {}

const isReplayed = (name: Name): name is (typeof REPLAYED)[number] => (REPLAYED as readonly Name[]).includes(name)
const isLong = (name: Name): name is (typeof LONG)[number] => (LONG as readonly Name[]).includes(name)

/**
 * Return the API with every method going through `call`: written out, so that the object is checked against the
 * contract (a method renamed there, or added, fails to compile here).
 */
function through(call: Call): SimulatorApi {
  return {
    loadLibrary: () => call('loadLibrary', []),
    listSeeds: () => call('listSeeds', []),
    loadSeed: (...a) => call('loadSeed', a),
    loadInventory: (...a) => call('loadInventory', a),
    inventorySummary: () => call('inventorySummary', []),
    inventoryPage: (...a) => call('inventoryPage', a),
    refusedRows: () => call('refusedRows', []),
    inventoryXlsx: () => call('inventoryXlsx', []),
    run: (...a) => call('run', a),
    compare: (...a) => call('compare', a),
    importScenario: (...a) => call('importScenario', a),
    exportTables: () => call('exportTables', []),
    resolveCount: () => call('resolveCount', []),
    monteCarlo: (...a) => call('monteCarlo', a),
    sensitivity: (...a) => call('sensitivity', a),
    optimize: (...a) => call('optimize', a),
    cancelAnalysis: (...a) => call('cancelAnalysis', a),
  }
}

/**
 * Start the simulator worker behind the contract's API. If the worker dies (an error event) or hangs (no answer
 * within the timeout), the client terminates it, starts a new one, replays the calls that set its state (library,
 * plan, inventory) and retries the interrupted call once, so the last request is re-run.
 */
export function createSimulatorClient(onRestart?: (reason: string) => void): SimulatorClient {
  let worker: Worker
  let remote: Remote<SimulatorApi>
  let crashed: Promise<never>
  let fail: (e: Error) => void = () => {}
  let generation = 0
  let disposed = false
  // Resolves once a restarted worker has its state back; every call waits for it while `restarting`. Otherwise a
  // call posts its message at once, in the caller's task (an await, even of a settled promise, would post it only
  // after the caller's task has finished: for a slider step, after React's render of the edit).
  let ready: Promise<void> = Promise.resolve()
  let restarting = false
  const log: { name: (typeof REPLAYED)[number]; args: unknown[] }[] = []

  const start = () => {
    worker = new Worker(new URL('../worker/simulator.worker.ts', import.meta.url), { type: 'module', name: 'lantian-simulator' })
    remote = wrap<SimulatorApi>(worker)
    crashed = new Promise<never>((_, reject) => (fail = reject))
    crashed.catch(() => {})
    worker.addEventListener('error', (e) => fail(new WorkerCrash(e.message || 'worker error')))
    // A diagnostic handle (tests dispatch an error on it to simulate a crash).
    ;(globalThis as { __lantianWorker?: Worker }).__lantianWorker = worker
  }
  start()

  // Post one call to the current worker. Comlink's Remote types each method by its own signature; looked up by a
  // name that varies, the methods are one union, hence the one widening here.
  const post = (name: Name, args: readonly unknown[]): Promise<unknown> => (remote[name] as unknown as (...a: readonly unknown[]) => Promise<unknown>)(...args)

  const restart = (gen: number, reason: string): Promise<void> => {
    if (gen !== generation || disposed) return ready
    generation++
    worker.terminate()
    start()
    restarting = true
    ready = (async () => {
      try {
        for (const c of log) await post(c.name, c.args)
        onRestart?.(reason)
      } finally {
        restarting = false
      }
    })()
    return ready
  }

  // Only a call that changed the worker's state is replayed: a refused import leaves the last good inventory there.
  const remember = (name: Name, args: unknown[], out: unknown) => {
    if (!isReplayed(name) || (out as { ok?: unknown } | undefined)?.ok === false) return
    // Only the latest state matters: a new plan replaces the previous plan and any imported inventory.
    for (let i = log.length - 1; i >= 0; i--) {
      const n = log[i]?.name
      if (n === name || (name === 'loadSeed' && n === 'loadInventory')) log.splice(i, 1)
    }
    log.push({ name, args })
  }

  const attempt = async (name: Name, args: unknown[]): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      if (restarting) await ready
      const gen = generation
      let timer: ReturnType<typeof setTimeout> | undefined
      let arm = () => {}
      const timeout = new Promise<never>((_, reject) => {
        arm = () => {
          clearTimeout(timer)
          timer = setTimeout(() => reject(new WorkerCrash('no answer')), CALL_TIMEOUT_MS)
        }
        arm()
      })
      // A Monte Carlo run may take minutes: it is hung only when its progress stops, not when it is long.
      const sent = isLong(name)
        ? args.map((a) =>
            typeof a === 'function'
              ? proxy((...x: unknown[]) => {
                  arm()
                  return (a as (...y: unknown[]) => unknown)(...x)
                })
              : a,
          )
        : args
      try {
        return await Promise.race([post(name, sent), crashed, timeout])
      } catch (e) {
        if (!(e instanceof WorkerCrash) || attempt >= 1) throw e
        await restart(gen, e.message)
      } finally {
        clearTimeout(timer)
      }
    }
  }

  const call: Call = (name, args) =>
    attempt(name, [...args]).then((out) => {
      remember(name, [...args], out)
      return out
    }) as ReturnType<SimulatorApi[typeof name]>

  return {
    api: through(call),
    dispose() {
      disposed = true
      worker.terminate()
    },
  }
}

/** The simulator started before React renders, with the library already asked for; taken once by the app. */
let early: { c: SimulatorClient; library: Promise<Result<LibraryInfo>>; setOnRestart: (f: (reason: string) => void) => void } | undefined

/**
 * Start the simulator worker and ask for its library now (main.tsx calls this before the first render), so the
 * worker's fetch, compile and library load overlap the UI's own start instead of following React's first commit
 * and Plotly's evaluation on the main thread.
 */
export function startSimulatorEarly(): void {
  if (early) return
  let onRestart: (reason: string) => void = () => {}
  const c = createSimulatorClient((reason) => onRestart(reason))
  const library = c.api.loadLibrary()
  // A failure is the app's to report when it takes the promise; never an unhandled rejection meanwhile.
  library.catch(() => {})
  early = { c, library, setOnRestart: (f) => (onRestart = f) }
}

/** Take the simulator started by `startSimulatorEarly` (once; later callers get undefined and start their own). */
export function takeEarlySimulator(onRestart: (reason: string) => void): { c: SimulatorClient; library: Promise<Result<LibraryInfo>> } | undefined {
  const e = early
  early = undefined
  if (!e) return undefined
  e.setOnRestart(onRestart)
  return { c: e.c, library: e.library }
}
