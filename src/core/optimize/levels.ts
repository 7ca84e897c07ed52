import { affectedActivity, unitCostOf } from '../costs/activity'
import type { ResolvedScenario } from '../resolve/scenario'
import type { Scenario } from '../schema'
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

/** Why a measure is not a decision variable. */
export type FixedReason = 'disabled' | 'no-cost' | 'cost-unit' | 'given'

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
}

/**
 * Set up the decision variables: every enabled measure with a unit cost is free within its bounds (default [0, 1]);
 * the others stay at their scenario level. Annual adoption is linear in the final level (the schedule integral is),
 * so cost and adoption per unit of level come from one run with every level at 1.
 */
export function decisions(
  r: ResolvedScenario,
  s: Scenario,
  costYear: number,
  bounds: Record<string, [number, number]> = {},
  fixed: readonly string[] = [],
): Decision[] {
  const ones = withLevels(s, r, new Float64Array(r.measures.length).fill(1))
  const runs = measureRuns(r, ones)
  const perLevel: MeasureRun[] = runs.ok ? runs.value : []
  const act = affectedActivity(r, ones, perLevel)
  const y = r.years.indexOf(costYear)
  const Y = r.years.length
  const current = currentLevels(s, r)
  return r.measures.map((m, mi) => {
    const inst = s.measures[m.index]
    const uc = unitCostOf(r, mi)
    const b = own(bounds, m.id) ?? [0, 1]
    const reason: FixedReason | undefined = !inst?.enabled
      ? 'disabled'
      : fixed.includes(m.id)
        ? 'given'
        : !uc
          ? 'no-cost'
          : act.badUnit[mi]
            ? 'cost-unit'
            : undefined
    const cur = current[mi] as number
    return {
      id: m.id,
      measure: mi,
      free: reason === undefined,
      ...(reason ? { reason } : {}),
      current: cur,
      lower: reason ? cur : Math.max(0, Math.min(1, b[0])),
      upper: reason ? cur : Math.max(0, Math.min(1, b[1])),
      costPerLevel: uc && y >= 0 && !act.badUnit[mi] ? uc.value * (act.activity[mi * Y + y] as number) : 0,
      adoptionPerLevel: perLevel[mi]?.adoption ?? new Float64Array(Y),
    }
  })
}
