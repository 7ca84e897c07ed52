// A Monte Carlo draw worker on a worker thread: the app's draw worker (src/session/draw-worker.ts) over Comlink,
// with the library the CLI was given (`--models`, else the bundled models/).
import { parentPort, workerData } from 'node:worker_threads'
import { expose } from 'comlink'
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs'
import { createDrawWorker } from '../session/draw-worker'
import { readLibrary } from './files'

const { models } = workerData as { models?: string }
if (parentPort)
  expose(
    createDrawWorker(() => readLibrary(models)),
    nodeEndpoint(parentPort),
  )
