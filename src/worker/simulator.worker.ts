import './zod-jitless'
import { expose, type Endpoint } from 'comlink'
import { createSimulatorApi } from './simulator-api'

// The only side effect of the worker. The explicit endpoint keeps @vitest/web-worker happy (TOOLCHAIN.md gotcha 3).
expose(createSimulatorApi(), self as unknown as Endpoint)
