import './zod-jitless'
import { expose, type Endpoint } from 'comlink'
import { createDrawHelper } from './analysis-draws'

// A Monte Carlo helper worker, started by the simulator worker when the machine has cores to spare.
expose(createDrawHelper(), self as unknown as Endpoint)
