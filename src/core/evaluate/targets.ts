import { issue, type Issue } from '../issues'
import type { Scenario, TargetSpec } from '../schema'
import type { Projection } from '../simulate/projection'
import { backcastTotal, credited, total } from './totals'

/** How the scenario fares against one target (DESIGN §4.5). */
export interface TargetResult {
  id: string
  pollutant: 'NOx' | 'VOCs'
  year: number
  kind: TargetSpec['kind']
  /** Projected scenario emission (reduction_pct, cap_t) or credited reduction (engineering_t), t. */
  projected: number
  /** Required emission ceiling (or, for engineering_t, the required credited reduction), t. */
  required: number
  /** Shortfall in t: positive means the target is missed by that much. */
  gapT: number
  /** For reduction_pct: achieved and required reduction in %, and the shortfall in percentage points. */
  achievedPct?: number
  requiredPct?: number
  gapPp?: number
  reference?: number
  met: boolean
  source: string
  /** The regions the target is set for (absent: the whole area, every region of the scenario). */
  regions?: string[]
}

/** Evaluate every target of a scenario on a projection. */
export function evaluateTargets(pr: Projection, s: Scenario, file?: string): { results: TargetResult[]; issues: Issue[] } {
  const results: TargetResult[] = []
  const issues: Issue[] = []
  s.targets.forEach((t, i) => {
    const path = ['targets', i]
    if (!pr.years.includes(t.year)) {
      issues.push(
        issue(
          'target.year',
          `目标 "${t.id}" 的年份 ${t.year} 不在 ${pr.years[0]}–${pr.years[pr.years.length - 1]} 之内`,
          `target "${t.id}": year ${t.year} is outside ${pr.years[0]}–${pr.years[pr.years.length - 1]}`,
          { file, path: [...path, 'year'] },
        ),
      )
      return
    }
    const regions = t.regions
    const scen = total(pr, 'scenario', t.pollutant, t.year, regions)
    const base = { id: t.id, pollutant: t.pollutant, year: t.year, kind: t.kind, source: t.source, ...(regions ? { regions: [...regions] } : {}) }
    if (t.kind === 'reduction_pct') {
      let reference: number
      if ('value_t' in t.reference) reference = t.reference.value_t
      else if ('backcast' in t.reference) {
        reference = backcastTotal(pr, t.pollutant, t.reference.year, regions)
        // The projection carries the back-cast of every target that asks for one (prepareRun); a projection made
        // for another scenario does not, and a guessed reference would be silent.
        if (Number.isNaN(reference)) {
          issues.push(
            issue(
              'target.backcast-missing',
              `目标 "${t.id}"：预测结果中没有 ${t.reference.year} 年的倒推排放`,
              `target "${t.id}": the projection has no back-cast emission for ${t.reference.year}`,
              { file, path: [...path, 'reference'] },
            ),
          )
          return
        }
      } else {
        if (!pr.years.includes(t.reference.year)) {
          issues.push(
            issue(
              'target.reference-year',
              `目标 "${t.id}" 的基准年 ${t.reference.year} 不在预测年份内，请给出 value_t`,
              `target "${t.id}": reference year ${t.reference.year} is not projected; give value_t`,
              { file, path: [...path, 'reference'] },
            ),
          )
          return
        }
        reference = total(pr, 'scenario', t.pollutant, t.reference.year, regions)
      }
      const required = reference * (1 - t.value / 100)
      const achievedPct = reference > 0 ? (1 - scen / reference) * 100 : 0
      results.push({
        ...base,
        projected: scen,
        required,
        gapT: scen - required,
        achievedPct,
        requiredPct: t.value,
        gapPp: t.value - achievedPct,
        reference,
        met: scen <= required * (1 + 1e-12),
      })
    } else if (t.kind === 'cap_t') {
      results.push({ ...base, projected: scen, required: t.value, gapT: scen - t.value, met: scen <= t.value * (1 + 1e-12) })
    } else {
      const c = credited(pr, t.pollutant, t.year, regions)
      results.push({ ...base, projected: c, required: t.value, gapT: t.value - c, met: c >= t.value * (1 - 1e-12) })
    }
  })
  return { results, issues }
}
