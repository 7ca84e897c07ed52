import { evaluateTargets } from '../evaluate/targets'
import { fail, ok, type Issue, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Scenario } from '../schema'
import { prepareRun, simulatePrepared } from '../simulate/run'
import { GapEvaluator } from './evaluator'
import { levelAssumptions, paramAssumptions } from './measure-inputs'
import { efAssumptions, growthAssumptions } from './other-inputs'
import { referenceAssumptions, referenceNotes } from './reference-inputs'
import type { Assumption, VerdictReport } from './types'

/** Options of a flip-point analysis. */
export interface VerdictOptions {
  /** Half-width of each growth rate's range, percentage points (default: Monte Carlo's, 1). */
  growthSpreadPp?: number
  file?: string
}

const KIND_ORDER: Record<Assumption['kind'], number> = { reference: 0, level: 1, param: 2, ef: 3, growth: 4 }

/**
 * Return how far an input must move to flip the verdict, relative to today's value: |flip − value| / |value|;
 * for a growth rate the relative change of the annual factor 1 + r, |Δr| / (100 + r); for a value of 0 the share
 * of the range. Null without a flip.
 */
export function relativeDistance(a: Pick<Assumption, 'kind' | 'value' | 'flip' | 'range'>): number | null {
  if (a.flip === null) return null
  const d = Math.abs(a.flip - a.value)
  if (a.kind === 'growth') return d / (100 + a.value)
  if (a.value !== 0) return d / Math.abs(a.value)
  const w = a.range[1] - a.range[0]
  return Number.isFinite(w) && w > 0 ? d / w : d
}

/** Return the id an assumption is sorted by after its distance (stable output). */
const keyOf = (a: Assumption) => `${a.measure ?? a.technology ?? a.sector ?? ''}:${a.param ?? a.pollutant ?? ''}`

/**
 * Compute, step by step, the flip points of every target (DESIGN §4.8): for each input the verdict depends on, the
 * value at which the verdict flips with everything else held, or null when none lies in the input's admissible
 * range. Closed form for the target's own numbers, measure levels, EFs and (through the removal fraction or share
 * scale) parameters; Brent's method on the full simulation for growth rates. Each step yields the input done, so a
 * worker can stop between steps when a newer edit arrives; the generator returns the report.
 */
export function* verdictSteps(r: ResolvedScenario, s: Scenario, o: VerdictOptions = {}): Generator<string, Result<VerdictReport>, void> {
  const prep = prepareRun(r, s, o.file)
  if (!prep.ok) return prep
  const pr = simulatePrepared(prep.value, { attribution: false })
  if (!pr.ok) return pr
  const t0 = evaluateTargets(pr.value, s, o.file)
  if (t0.issues.length > 0) return fail(t0.issues)
  const base = t0.results
  const ev = new GapEvaluator(prep.value, s, base)
  ev.runs = 1
  const gaps0 = Float64Array.from(base, (x) => x.gapT)
  const out: Assumption[][] = base.map(() => [])
  const warnings: Issue[] = []
  referenceAssumptions(s, base, out)
  const { notes, runs: noteRuns } = referenceNotes(r, s, base, o.file)
  ev.runs += noteRuns
  yield 'reference'
  yield* levelAssumptions(ev, gaps0, out)
  yield* paramAssumptions(ev, gaps0, out, warnings)
  yield* efAssumptions(ev, gaps0, out)
  yield* growthAssumptions(ev, gaps0, out, o.growthSpreadPp)
  const targets = base.map((tr, t) => {
    const list = (out[t] ?? []).map((a) => ({ ...a, distance: relativeDistance(a) }))
    list.sort(
      (a, b) =>
        (a.distance ?? Infinity) - (b.distance ?? Infinity) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0),
    )
    const note = notes[t]
    return {
      id: tr.id,
      pollutant: tr.pollutant,
      year: tr.year,
      kind: tr.kind,
      met: tr.met,
      projected: tr.projected,
      required: tr.required,
      gapT: tr.gapT,
      ...(note ? { reference: note } : {}),
      assumptions: list,
    }
  })
  return ok({ targets, warnings, runs: ev.runs }, warnings)
}

/** Compute every target's flip points at once (the CLI and tests); see `verdictSteps`. */
export function flipPoints(r: ResolvedScenario, s: Scenario, o: VerdictOptions = {}): Result<VerdictReport> {
  const it = verdictSteps(r, s, o)
  for (;;) {
    const step = it.next()
    if (step.done) return step.value
  }
}
