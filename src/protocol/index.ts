// The contract between the app, the worker and the CLI: request and response types only, no implementation
// (lint refuses anything else here). The app imports from here and from the core, never from src/worker/.
export type { Issue, Result } from '../core'
export type * from './analysis'
export type * from './api'
export type * from './compare'
export type * from './inventory'
export type * from './library'
export type * from './run'
