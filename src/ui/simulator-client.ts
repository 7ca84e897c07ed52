import { wrap, type Remote } from 'comlink'
import type { SimulatorApi } from '../worker/simulator-api'

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

/** A simulator running in a Web Worker, with its Comlink proxy. */
export interface SimulatorClient {
  api: Remote<SimulatorApi>
  dispose(): void
}

/** Start the simulator worker and wrap it; call `dispose` to terminate it. */
export function createSimulatorClient(onCrash?: (e: ErrorEvent) => void): SimulatorClient {
  const worker = new Worker(new URL('../worker/simulator.worker.ts', import.meta.url), { type: 'module', name: 'lantian-simulator' })
  if (onCrash) worker.addEventListener('error', onCrash)
  const api = wrap<SimulatorApi>(worker)
  return {
    api,
    dispose() {
      worker.terminate()
    },
  }
}
