import './zod-jitless'
import { expose, wrap, type Endpoint } from 'comlink'
import type { DrawHelperApi } from './analysis-draws'
import { workerHighsSolver } from './analysis-highs'
import { createSimulatorApi } from './simulator-api'

// A Monte Carlo helper: a nested worker from the app's own origin (worker-src 'self'), reporting its death.
function spawnHelper() {
  const w = new Worker(new URL('./analysis-draws.worker.ts', import.meta.url), { type: 'module', name: 'lantian-mc-helper' })
  const failed = new Promise<never>((_, reject) => w.addEventListener('error', (e) => reject(new Error(e.message || 'helper worker error'))))
  failed.catch(() => {})
  return { api: wrap<DrawHelperApi>(w), failed, dispose: () => w.terminate() }
}

// The only side effect of the worker. The explicit endpoint keeps @vitest/web-worker happy (TOOLCHAIN.md gotcha 3).
expose(createSimulatorApi({ analysis: { solver: workerHighsSolver, spawnHelper } }), self as unknown as Endpoint)
