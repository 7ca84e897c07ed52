import { Worker } from 'node:worker_threads'
import { wrap } from 'comlink'
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs'
import type { DrawWorkerApi } from '../protocol'
import type { DrawWorkerHandle, SpawnDrawWorker } from '../session/draw-pool'
import { drawThreadUrl } from './bundled'
import type { LibraryChoice } from './library'

/** Return the port that starts Monte Carlo draw workers on worker threads, each with the library of `library`. */
export function drawThreads(library: LibraryChoice = {}): SpawnDrawWorker {
  return (): DrawWorkerHandle => {
    const w = new Worker(drawThreadUrl(), { workerData: { library } })
    const failed = new Promise<never>((_, reject) => w.on('error', (e) => reject(e)))
    failed.catch(() => {})
    const api = wrap<DrawWorkerApi>(nodeEndpoint(w))
    return {
      api: { ping: api.ping, setInventory: api.setInventory, inventoryTag: api.inventoryTag, draws: api.draws },
      failed,
      dispose: () => void w.terminate(),
    }
  }
}
