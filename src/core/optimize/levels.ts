import { affectedActivity, unitCostOf } from '../costs/activity'
import type { Issue } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Scenario } from '../schema'

/** A measure's mandate as parsed (DESIGN §4.9). */
export type Mandate = NonNullable<Scenario['measures'][number]['mandate']>
import { measureRuns, type MeasureRun } from '../simulate/measure-runs'
import { own } from '../own'

/** Return a copy of a scenario with each resolved measure's final level (schedule.level) replaced. */
export function withLevels(s: Scenario, r: ResolvedScenario, levels: ArrayLike<number>): Scenario {
  const measures = s.measures.map((m) => ({ ...m, schedule: { ...m.schedule } }))
  r.measures.forEach((m, mi) => {
    const inst = measures[m.index]
    if (inst) inst.schedule.level = levels[mi] as number
  })
  return { ...s, measures }
}

/** Return each resolved measure's final level as written in the scenario. */
export function currentLevels(s: Scenario, r: ResolvedScenario): Float64Array {
  return Float64Array.from(r.measures, (m) => s.measures[m.index]?.schedule.level ?? 0)
}

/** Why a measure is not a decision variable (`mandate`: the plan fixes its level, `bound: fixed`). */
export type FixedReason = 'disabled' | 'no-cost' | 'cost-unit' | 'given' | 'mandate'

/** One measure as the optimiser sees it. */
export interface Decision {
  id: string
  /** Index into `r.measures`. */
  measure: number
  free: boolean
  reason?: FixedReason
  current: number
  lower: number
  upper: number
  /** Annualised cost in the cost year per unit of final level, CNY/yr (cost = level × this; 0 without a usable unit cost). */
  costPerLevel: number
  /** Adoption per unit of final level in each year (the annual ramp; for share measures the moved fraction). */
  adoptionPerLevel: Float64Array
  /** The plan's mandate, when the measure carries one: its level is the lower bound (at-least) or the level (fixed). */
  mandate?: Mandate
}

/**
 * Set up the decision variables: every enabled measure with a unit cost is free within its bounds (default [0, 1]);
 * the others stay at their scenario level. A mandated measure (DESIGN §4.9) is never below its mandate's level: an
 * `at-least` mandate raises the lower bound (and lifts a measure that is not a decision variable to it), a `fixed`
 * mandate holds the level at the mandate's. Annual adoption is linear in the final level (the schedule integral is),
 * so cost and adoption per unit of level come from one run with every level at 1.
 */
export function decisions(
  r: ResolvedScenario,
  s: Scenario,
  costYear: number,
  bounds: Record<string, [number, number]> = {},
  fixed: readonly string[] = [],
  issues?: Issue[],
  file?: string,
): Decision[] {
  const ones = withLevels(s, r, new Float64Array(r.measures.length).fill(1))
  const runs = measureRuns(r, ones)
  const perLevel: MeasureRun[] = runs.ok ? runs.value : []
  const act = affectedActivity(r, ones, perLevel, file)
  issues?.push(...act.issues)
  const y = r.years.indexOf(costYear)
  const Y = r.years.length
  const current = currentLevels(s, r)
  return r.measures.map((m, mi) => {
    const inst = s.measures[m.index]
    const uc = unitCostOf(r, mi)
    const b = own(bounds, m.id) ?? [0, 1]
    // A switched-off measure keeps its mandate for the report (a mandated measure switched off is worth saying) but
    // no bound: the optimiser does not switch measures on.
    const mandate = inst?.mandate
    const bound = inst?.enabled ? mandate : undefined
    const reason: FixedReason | undefined = !inst?.enabled
      ? 'disabled'
      : bound?.bound === 'fixed'
        ? 'mandate'
        : fixed.includes(m.id)
          ? 'given'
          : !uc
            ? 'no-cost'
            : act.badUnit[mi]
              ? 'cost-unit'
              : undefined
    const cur = current[mi] as number
    const floor = bound?.level ?? 0
    // Held: at the mandate's level when it fixes it, else at the scenario's level but never below an at-least mandate.
    const held = bound?.bound === 'fixed' ? bound.level : Math.max(cur, floor)
    const lower = reason ? held : Math.max(0, Math.min(1, Math.max(b[0], floor)))
    return {
      id: m.id,
      measure: mi,
      free: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(mandate ? { mandate } : {}),
      current: cur,
      lower,
      upper: reason ? held : Math.max(lower, Math.min(1, b[1])),
      costPerLevel: uc && y >= 0 && !act.badUnit[mi] ? uc.value * (act.activity[mi * Y + y] as number) : 0,
      adoptionPerLevel: perLevel[mi]?.adoption ?? new Float64Array(Y),
    }
  })
}
