import '../zod-jitless'
import { expose, type Endpoint } from 'comlink'
import { buildLibrary } from '../core'
import { createDrawWorker } from '../session/draw-worker'
import { bundledLibrary } from './bundled-models'

// A Monte Carlo draw worker, started by the simulator worker when the machine has cores to spare.
expose(
  createDrawWorker(() => buildLibrary(bundledLibrary())),
  self as unknown as Endpoint,
)
