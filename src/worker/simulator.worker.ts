import '../zod-jitless'
import { expose, wrap, type Endpoint } from 'comlink'
import type { DrawWorkerApi } from '../protocol'
import type { DrawWorkerHandle } from '../session/draw-pool'
import { workerHighsSolver } from './analysis-highs'
import { createSimulatorApi } from './simulator-api'

/** How long a new draw worker may take to answer its first ping before the pool does without it. */
const START_TIMEOUT_MS = 20_000

// A Monte Carlo draw worker: a nested worker from the app's own origin (worker-src 'self'), reporting its death.
function spawnDrawWorker(): DrawWorkerHandle {
  const w = new Worker(new URL('./draw.worker.ts', import.meta.url), { type: 'module', name: 'lantian-mc-helper' })
  const failed = new Promise<never>((_, reject) => w.addEventListener('error', (e) => reject(new Error(e.message || 'helper worker error'))))
  failed.catch(() => {})
  const api = wrap<DrawWorkerApi>(w)
  const ping = () => Promise.race([api.ping(), new Promise<false>((r) => setTimeout(() => r(false), START_TIMEOUT_MS))])
  return {
    api: { ping, setInventory: api.setInventory, inventoryTag: api.inventoryTag, draws: api.draws },
    failed,
    dispose: () => w.terminate(),
  }
}

// The only side effect of the worker. The explicit endpoint: under @vitest/web-worker, Comlink's default one is not the worker.
expose(createSimulatorApi({ solver: workerHighsSolver, spawnDrawWorker }), self as unknown as Endpoint)
