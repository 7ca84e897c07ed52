import { issue, type Issue } from '../issues'
import { own } from '../own'
import { POLLUTANTS, type Scenario } from '../schema'
import { annualAdoption, monthIndex } from '../simulate/adoption'
import { seriesAt, type Projection } from '../simulate/projection'
import type { ResolvedScenario } from './resolved-types'

/** What a run must refuse (issues) and what it must tell (warnings) about the parts of a scenario each run reads. */
export interface RunChecks {
  issues: Issue[]
  warnings: Issue[]
}

/** Return the index of the growth entry a sector takes: its own, else its nearest ancestor's (as `growthSeries` does). */
function growthEntryOf(sector: string, growth: Scenario['growth']): number {
  let best = -1
  growth.forEach((g, i) => {
    if ((sector === g.sector || sector.startsWith(`${g.sector}.`)) && (best < 0 || g.sector.length > (growth[best]?.sector.length ?? 0))) best = i
  })
  return best
}

/**
 * Check the parts of a scenario that every run reads and a reused resolution does not cover (targets, growth,
 * schedules): every name must resolve, every entry must take effect, or the run says so at the entry's path.
 */
export function checkRunInputs(r: ResolvedScenario, s: Scenario, file?: string): RunChecks {
  const issues: Issue[] = []
  const warnings: Issue[] = []
  const at = (...path: (string | number)[]) => ({ file, path })
  const warn = (code: string, zh: string, en: string, ...path: (string | number)[]) =>
    warnings.push(issue(code, zh, en, { ...at(...path), severity: 'warning' }))
  const first = r.years[0] ?? s.years.start
  const last = r.years[r.years.length - 1] ?? s.years.end

  const targetIds = new Map<string, number>()
  s.targets.forEach((t, i) => {
    const dup = targetIds.get(t.id)
    if (dup !== undefined)
      issues.push(
        issue(
          'scenario.duplicate-target',
          `目标编号 "${t.id}" 重复（与 targets.${dup} 相同）`,
          `target id "${t.id}" appears twice (also targets.${dup})`,
          at('targets', i, 'id'),
        ),
      )
    else targetIds.set(t.id, i)
    if (t.regions === undefined) return
    if (t.regions.length === 0)
      issues.push(
        issue(
          'target.no-regions',
          `目标 "${t.id}" 的区域列表为空，目标将按 0 t 计`,
          `target "${t.id}" lists no regions: it would be judged on 0 t`,
          at('targets', i, 'regions'),
        ),
      )
    t.regions.forEach((region, k) => {
      if (!s.regions.includes(region))
        issues.push(
          issue(
            'target.unknown-region',
            `目标 "${t.id}" 的区域 "${region}" 不在情景的区域（${s.regions.join('、')}）之中`,
            `target "${t.id}": region "${region}" is not one of the scenario's regions (${s.regions.join(', ')})`,
            at('targets', i, 'regions', k),
          ),
        )
    })
  })

  const sectorOf = new Map<string, number>()
  const used = new Set(r.sectors.map((sec) => growthEntryOf(sec, s.growth)))
  s.growth.forEach((g, i) => {
    const dup = sectorOf.get(g.sector)
    if (dup !== undefined) {
      issues.push(
        issue(
          'growth.duplicate-sector',
          `行业 "${g.sector}" 的增长设定重复（与 growth.${dup} 相同）`,
          `growth for sector "${g.sector}" is given twice (also growth.${dup})`,
          at('growth', i, 'sector'),
        ),
      )
      return
    }
    sectorOf.set(g.sector, i)
    if (!r.library.sectors.has(g.sector)) {
      issues.push(issue('growth.unknown-sector', `未知行业 "${g.sector}"`, `unknown sector "${g.sector}"`, at('growth', i, 'sector')))
      return
    }
    if (!used.has(i)) {
      warn(
        'growth.unused',
        `行业 "${g.sector}" 的增长设定没有作用：清单中没有该行业（或其子行业）的记录，或子行业另有设定`,
        `growth for sector "${g.sector}" changes nothing: no record is in it (or in a sub-sector without its own entry)`,
        'growth',
        i,
        'sector',
      )
      return
    }
    if ('index' in g) {
      const lastGiven = Math.max(...Object.keys(g.index).map(Number))
      if (lastGiven < last)
        warn(
          'growth.held-flat',
          `行业 "${g.sector}" 的增长指数止于 ${lastGiven} 年，${lastGiven + 1}–${last} 年按 ${lastGiven} 年的值保持不变`,
          `growth index for sector "${g.sector}" ends in ${lastGiven}; ${lastGiven + 1}–${last} hold its ${lastGiven} value`,
          'growth',
          i,
          'index',
        )
    }
  })

  s.measures.forEach((m, i) => {
    const sc = m.schedule
    if (monthIndex(sc.complete) < first * 12) {
      issues.push(
        issue(
          'measure.schedule-before-projection',
          `措施 "${m.id}" 在 ${sc.complete} 已完成，早于清单年 ${first}：其效果已含在清单中，不能再计一次`,
          `measure "${m.id}" completes in ${sc.complete}, before the inventory year ${first}: its effect is already in the inventory and cannot count again`,
          at('measures', i, 'schedule', 'complete'),
        ),
      )
      return
    }
    if (!m.enabled || !(sc.level > 0)) return
    const rm = r.measures.find((x) => x.index === i)
    if (rm?.kind === 'reduce') {
      // Removal fractions at this measure's parameters: all zero (c_after = c_before…) means it removes nothing.
      const params = (name: string) => own(m.params, name) ?? own(rm.template.spec.params, name)?.default
      const removal = rm.template.removal.map((e) => (e ? e.evaluate(params) : 0))
      if (removal.every((v) => v === 0))
        warn(
          'measure.removes-nothing',
          `措施 "${m.id}" 在当前参数下对各污染物的去除率均为 0，不产生任何减排`,
          `measure "${m.id}" removes nothing: its removal fraction is 0 for every pollutant at these parameters`,
          'measures',
          i,
          'params',
        )
    }
    if (r.years.every((y) => annualAdoption(sc, y) === 0))
      warn(
        'measure.after-projection',
        `措施 "${m.id}" 的进度（${sc.start} 起，${sc.complete} 完成）在预测期 ${first}–${last} 内不产生任何效果`,
        `measure "${m.id}" (from ${sc.start}, complete ${sc.complete}) takes no effect within the projection ${first}–${last}`,
        'measures',
        i,
        'schedule',
      )
  })
  return { issues, warnings }
}

/**
 * Return an issue when a projected emission is not a finite number (activity × growth × EF overflowed a double),
 * located at the growth entry of its sector when it has one; undefined when every number is finite.
 */
export function nonFiniteIssue(pr: Projection, s: Scenario, file?: string, inventory?: string): Issue | undefined {
  for (let g = 0; g < pr.groups.length; g++)
    for (let p = 0; p < POLLUTANTS.length; p++)
      for (let y = 0; y < pr.years.length; y++) {
        const cf = seriesAt(pr, 'counterfactual', g, p, y)
        if (Number.isFinite(cf) && Number.isFinite(seriesAt(pr, 'scenario', g, p, y))) continue
        const grp = pr.groups[g]
        const region = pr.regions[grp?.region ?? -1] ?? ''
        const sector = pr.sectors[grp?.sector ?? -1] ?? ''
        const entry = growthEntryOf(sector, s.growth)
        const where = entry >= 0 ? { file, path: ['growth', entry] } : { file: inventory }
        return issue(
          'projection.not-finite',
          `${region} ${sector} 的 ${POLLUTANTS[p]} 在 ${pr.years[y]} 年的预测值不是有限数（活动水平 × 增长指数 × 排放因子超出数值范围）`,
          `projected ${POLLUTANTS[p]} of ${region} ${sector} in ${pr.years[y]} is not a finite number (activity × growth index × emission factor overflows)`,
          where,
        )
      }
  // Each group finite, their sum may still overflow (two records of 1e308 t).
  for (let p = 0; p < POLLUTANTS.length; p++)
    for (let y = 0; y < pr.years.length; y++) {
      let cf = 0
      let sc = 0
      for (let g = 0; g < pr.groups.length; g++) {
        cf += seriesAt(pr, 'counterfactual', g, p, y)
        sc += seriesAt(pr, 'scenario', g, p, y)
      }
      if (!Number.isFinite(cf) || !Number.isFinite(sc))
        return issue(
          'projection.not-finite',
          `${POLLUTANTS[p]} 在 ${pr.years[y]} 年的预测总量不是有限数（各区域、行业之和超出数值范围）`,
          `projected total ${POLLUTANTS[p]} in ${pr.years[y]} is not a finite number (the sum over regions and sectors overflows)`,
          { file: inventory },
        )
    }
  return undefined
}
