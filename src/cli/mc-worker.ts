// One Monte Carlo worker thread: resolve the same scenario and run its share of draw chunks.
import { parentPort, workerData } from 'node:worker_threads'
import { defaultInputs, runDraws } from '../core'
import type { LibraryChoice } from './library'
import { readResolvedAsync } from './resolve-input'

/** What the main thread sends: the scenario to read, the seed and this worker's chunks [from, to). */
export interface McWorkerData {
  arg: string
  library: LibraryChoice
  inventory?: string
  seed: number
  chunks: [number, number][]
}

const data = workerData as McWorkerData
const port = parentPort
if (port) {
  const input = await readResolvedAsync(data.arg, data.library, data.inventory)
  if (!input.ok) port.postMessage({ type: 'error', issues: input.issues })
  else {
    const { resolved, scenario, scenarioFile } = input.value
    const inputs = defaultInputs(resolved, scenario)
    let failed = false
    for (const [from, to] of data.chunks) {
      const b = runDraws(resolved, scenario, inputs, data.seed, from, to, scenarioFile)
      if (!b.ok) {
        port.postMessage({ type: 'error', issues: b.issues })
        failed = true
        break
      }
      port.postMessage({ type: 'block', block: b.value }, [b.value.totals.buffer as ArrayBuffer, b.value.met.buffer as ArrayBuffer])
    }
    if (!failed) port.postMessage({ type: 'done' })
  }
}
