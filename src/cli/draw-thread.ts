// A Monte Carlo draw worker on a worker thread: the app's draw worker (src/session/draw-worker.ts) over Comlink,
// with the library the CLI was given (the bundled one or `--library`, with any `--models` overlays).
import { parentPort, workerData } from 'node:worker_threads'
import { expose } from 'comlink'
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs'
import { createDrawWorker } from '../session/draw-worker'
import { readCliLibrary, type LibraryChoice } from './library'

const { library } = workerData as { library: LibraryChoice }
if (parentPort)
  expose(
    createDrawWorker(() => readCliLibrary(library)),
    nodeEndpoint(parentPort),
  )
