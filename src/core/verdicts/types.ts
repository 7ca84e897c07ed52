import type { TargetResult } from '../evaluate/targets'
import type { Issue } from '../issues'
import type { Label, Pollutant, ProvenanceKind } from '../schema'

/** What kind of input a flip point is about (the `kind` of `lantian verdicts --format json`). */
export type AssumptionKind = 'level' | 'param' | 'ef' | 'growth' | 'reference'

/** How a flip point was found: from two simulations of an affine gap, or by Brent's method on the simulation. */
export type FlipMethod = 'closed-form' | 'root-finder'

/** One input a target's verdict depends on, and the value at which the verdict flips with everything else held. */
export interface Assumption {
  kind: AssumptionKind
  /** Measure id (level, param). */
  measure?: string
  /** Template parameter (param); `value` or `value_t` (reference: the target's own value, the reference tonnage). */
  param?: string
  /** Technology id (ef). */
  technology?: string
  /** Pollutant of an EF. */
  pollutant?: Pollutant
  /** Growth entry's sector, or a sector without one (growth). */
  sector?: string
  label: Label
  /** Today's value, in `unit`. */
  value: number
  /** The value at which the verdict flips, or null when none lies in `range`. */
  flip: number | null
  /** Admissible range [lo, hi]; hi = Infinity for an unbounded tonnage (JSON writes it as null). */
  range: [number, number]
  unit: string
  /** Where today's value comes from (the scenario's `provenance`; library EF ranges are `source`). */
  provenance?: { kind: ProvenanceKind; text: string }
  /** Relative distance from today's value to the flip (README "Verdicts"), or null without a flip. */
  distance: number | null
  method: FlipMethod
}

/** A target's verdict and the inputs it rests on, closest flip first. */
export interface TargetVerdict {
  id: string
  pollutant: Pollutant
  year: number
  kind: TargetResult['kind']
  met: boolean
  projected: number
  required: number
  /** t; > 0 = missed by that much. */
  gapT: number
  /** How the reference of a `reduction_pct` target is built, and the verdict with a growth back-cast instead. */
  reference?: ReferenceNote
  assumptions: Assumption[]
}

/** The reference of a `reduction_pct` target: stated tonnage, projected year or growth back-cast. */
export interface ReferenceNote {
  method: 'stated' | 'projected' | 'backcast'
  year: number
  value: number
  /** For a stated tonnage before the inventory year: the growth back-cast of the same inventory and the verdict with it. */
  backcast?: { value: number; met: boolean; gapT: number }
}

/** What `verdicts` reports for a scenario. */
export interface VerdictReport {
  targets: TargetVerdict[]
  /** Inputs left out, with the reason (e.g. a parameter that selects records). */
  warnings: Issue[]
  /** Simulations run (totals only). */
  runs: number
}
