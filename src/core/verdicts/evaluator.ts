import { evaluateTargets, type TargetResult } from '../evaluate/targets'
import type { MeasureBase } from '../simulate/measure-runs'
import { RunScratch, simulatePrepared, type PreparedRun, type RunOverrides } from '../simulate/run'
import type { Scenario } from '../schema'

/**
 * Run a prepared scenario again and again with one input changed, totals only, and return each target's gap
 * (t; ≤ 0 = met). Every flip point is read off these gaps, so each flip is a property of the full simulation.
 */
export class GapEvaluator {
  /** Simulations run so far. */
  runs = 0
  private readonly scratch = new RunScratch()

  constructor(
    readonly prep: PreparedRun,
    readonly scenario: Scenario,
    readonly base: readonly TargetResult[],
  ) {}

  /**
   * Return the targets' gaps with `o`'s multipliers and, where given, one measure's base or the classes' switch EFs
   * replaced; null when the change makes the scenario invalid.
   */
  gaps(o: RunOverrides = {}, replace?: { measure: number; base: MeasureBase }, switchEf?: Float64Array): Float64Array | null {
    let prep = this.prep
    if (replace) {
      const bases = prep.bases.slice()
      bases[replace.measure] = replace.base
      prep = { ...prep, bases }
    }
    if (switchEf) prep = { ...prep, r: { ...prep.r, classes: { ...prep.r.classes, switchEf } } }
    this.runs++
    const pr = simulatePrepared(prep, { ...o, attribution: false }, this.scratch)
    if (!pr.ok) return null
    const t = evaluateTargets(pr.value, this.scenario, prep.file)
    if (t.issues.length > 0 || t.results.length !== this.base.length) return null
    return Float64Array.from(t.results, (x) => x.gapT)
  }

  /** Return one target's gap as a function for a root finder (NaN where the scenario becomes invalid). */
  gapOf(target: number, at: (x: number) => Float64Array | null): (x: number) => number {
    return (x) => at(x)?.[target] ?? NaN
  }
}
