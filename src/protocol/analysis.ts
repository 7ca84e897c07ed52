import type { Label, OptimizedMeasure, Pollutant, Scenario, TargetLimit, TargetResult } from '../core'
import type { PollutantSeries } from './run'

/** Progress of a long analysis call. */
export interface AnalysisProgress {
  phase: 'mc' | 'optimize'
  done: number
  total: number
}

/** A progress callback (a Comlink proxy when it comes from the UI). */
export type ProgressFn = (p: AnalysisProgress) => unknown

/** A Monte Carlo request from the UI. */
export interface MonteCarloRequest {
  scenario: unknown
  draws: number
  seed: number
  /** Workers to use, the main one included (1 = no helpers). */
  workers?: number
  /** An id the UI can cancel the run by (`cancelAnalysis`). */
  id?: string
  /** Draws per chunk between progress reports and cancel checks (default 50). */
  chunkSize?: number
  /** Scale of every input's spread (default 1 = the library ranges and defaults; 0 = the deterministic run). */
  spread?: number
}

/** The probability of one target, with what the fan chart needs to draw its line. */
export interface TargetProbabilityView {
  id: string
  pollutant: Pollutant
  year: number
  kind: TargetResult['kind']
  required: number
  probability: number
  deterministicMet: boolean
}

/** A Monte Carlo result as plain data for the UI (series indexed like `years`). */
export interface MonteCarloView {
  scenarioHash: string
  draws: number
  seed: number
  workers: number
  years: number[]
  percentiles: Record<'p5' | 'p25' | 'p50' | 'p75' | 'p95', PollutantSeries>
  mean: PollutantSeries
  deterministic: PollutantSeries
  targets: TargetProbabilityView[]
  allTargets: number
  inputs: number
  ms: number
}

/** One tornado (pollutant, year): the top inputs by swing. */
export interface TornadoView {
  pollutant: Pollutant
  year: number
  base: number
  /** Inputs with an effect; `bars` holds the largest `top` of them. */
  inputs: number
  bars: { input: string; kind: string; label: Label; lowValue: number; highValue: number; low: number; high: number; swing: number }[]
}

/** An optimisation request from the UI. */
export interface OptimizeRequest {
  scenario: unknown
  id?: string
  maxIterations?: number
}

/** What the optimiser proposes, as plain data: levels now → proposed, costs, targets, limits when infeasible. */
export interface OptimizeView {
  scenarioHash: string
  status: 'optimal' | 'infeasible' | 'not-converged'
  costYear: number
  iterations: number
  solves: number
  measures: OptimizedMeasure[]
  totalCost: number
  currentCost: number
  targets: TargetResult[]
  limits: TargetLimit[]
  /** The scenario with the proposed levels (what Accept puts into the history). */
  proposal: Scenario
  ms: number
}
