import type { Assumption, Issue, ReferenceNote, TargetVerdict } from '../core'

/** One target's verdict and its closest flip points, as the app's "what this verdict rests on" panel shows them. */
export interface TargetVerdictView extends Omit<TargetVerdict, 'assumptions'> {
  reference?: ReferenceNote
  /** The closest `top` inputs with a flip point in their range, closest first. */
  assumptions: Assumption[]
  /** How many inputs this target depends on, and how many of them flip within their range. */
  inputs: number
  flipping: number
}

/** The flip points of the run on screen (DESIGN §4.8), for the app. */
export interface VerdictsView {
  /** The run (scenario hash) the flip points belong to. */
  scenarioHash: string
  targets: TargetVerdictView[]
  /** Inputs left out, with the reason. */
  warnings: Issue[]
  /** Simulations run and time taken in the worker, ms. */
  runs: number
  ms: number
}
