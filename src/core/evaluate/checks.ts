import { issue, type Issue } from '../issues'
import type { CheckSpec } from '../schema'
import type { Projection } from '../simulate/projection'
import type { TargetResult } from './targets'
import { credited, measureCredit, netChange, total } from './totals'

/** The outcome of one check. */
export interface CheckResult {
  id: string
  pass: boolean
  actual: number | boolean | null
  expected: string
  message: string
}

/** Evaluate a seed's checks against a projection and its target results. */
export function runChecks(checks: readonly CheckSpec[], pr: Projection, targets: readonly TargetResult[], measureIds: readonly string[]): CheckResult[] {
  return checks.map((c) => {
    const expected = JSON.stringify(c.expect)
    const res = (actual: number | boolean | null, pass: boolean, message = ''): CheckResult => ({ id: c.id, pass, actual, expected, message })
    if (c.what === 'target') {
      const t = targets.find((x) => x.id === c.target)
      if (!t) return res(null, false, `unknown target "${c.target}"`)
      if (!('met' in c.expect)) return res(t.met, false, 'a target check expects {met: true|false}')
      return res(t.met, t.met === c.expect.met, `projected ${t.projected.toFixed(2)} t vs required ${t.required.toFixed(2)} t`)
    }
    if (!c.pollutant || c.year === undefined) return res(null, false, 'pollutant and year are required')
    let v: number
    switch (c.what) {
      case 'scenario':
      case 'counterfactual':
        v = total(pr, c.what, c.pollutant, c.year)
        break
      case 'credited':
        v = credited(pr, c.pollutant, c.year)
        break
      case 'net_change':
        v = netChange(pr, c.pollutant, c.year)
        break
      case 'measure': {
        const m = measureIds.indexOf(c.measure ?? '')
        if (m < 0) return res(null, false, `unknown measure "${c.measure}"`)
        v = measureCredit(pr, m, c.pollutant, c.year)
        break
      }
    }
    if (Number.isNaN(v)) return res(null, false, `year ${c.year} is not projected`)
    const e = c.expect
    if ('approx' in e) return res(v, Math.abs(v - e.approx) <= e.tol, `|${v.toFixed(4)} − ${e.approx}| ${Math.abs(v - e.approx) <= e.tol ? '≤' : '>'} ${e.tol}`)
    if ('met' in e) return res(v, false, 'a numeric check expects approx, gte or lte')
    const pass = (e.gte === undefined || v >= e.gte) && (e.lte === undefined || v <= e.lte)
    return res(v, pass, `${v.toFixed(4)} within [${e.gte ?? '−∞'}, ${e.lte ?? '∞'}]`)
  })
}

/**
 * Check that every name and year a checks file uses resolves: unique check ids, a measure or target the scenario has,
 * a pollutant and a projected year where the check needs them. Each problem is an issue at `checks.N.<field>`, so a
 * mistyped check is invalid input (exit 2), not a failed check.
 */
export function validateChecks(
  checks: readonly CheckSpec[],
  years: readonly number[],
  targetIds: readonly string[],
  measureIds: readonly string[],
  file?: string,
): Issue[] {
  const issues: Issue[] = []
  const first = new Map<string, number>()
  const span = `${years[0]}–${years[years.length - 1]}`
  checks.forEach((c, i) => {
    const at = (field: string) => ({ file, path: ['checks', i, field] })
    const dup = first.get(c.id)
    if (dup !== undefined)
      issues.push(
        issue('checks.duplicate-id', `检查编号 "${c.id}" 重复（与 checks.${dup} 相同）`, `check id "${c.id}" appears twice (also checks.${dup})`, at('id')),
      )
    else first.set(c.id, i)
    if (c.what === 'target') {
      if (c.target === undefined) issues.push(issue('checks.missing-field', `检查 "${c.id}" 缺少 target`, `check "${c.id}" needs a target`, at('target')))
      else if (!targetIds.includes(c.target))
        issues.push(
          issue(
            'checks.unknown-target',
            `检查 "${c.id}"：情景中没有目标 "${c.target}"`,
            `check "${c.id}": the scenario has no target "${c.target}"`,
            at('target'),
          ),
        )
      if (!('met' in c.expect))
        issues.push(
          issue('checks.expect', `检查 "${c.id}"：目标检查须写 {met: true|false}`, `check "${c.id}": a target check expects {met: true|false}`, at('expect')),
        )
      return
    }
    if (c.what === 'measure') {
      if (c.measure === undefined) issues.push(issue('checks.missing-field', `检查 "${c.id}" 缺少 measure`, `check "${c.id}" needs a measure`, at('measure')))
      else if (!measureIds.includes(c.measure))
        issues.push(
          issue(
            'checks.unknown-measure',
            `检查 "${c.id}"：情景中没有措施 "${c.measure}"`,
            `check "${c.id}": the scenario has no measure "${c.measure}"`,
            at('measure'),
          ),
        )
    }
    if (c.pollutant === undefined)
      issues.push(issue('checks.missing-field', `检查 "${c.id}" 缺少 pollutant`, `check "${c.id}" needs a pollutant`, at('pollutant')))
    if (c.year === undefined) issues.push(issue('checks.missing-field', `检查 "${c.id}" 缺少 year`, `check "${c.id}" needs a year`, at('year')))
    else if (!years.includes(c.year))
      issues.push(
        issue(
          'checks.year',
          `检查 "${c.id}"：${c.year} 年不在预测期 ${span} 之内`,
          `check "${c.id}": year ${c.year} is outside the projection ${span}`,
          at('year'),
        ),
      )
    if ('met' in c.expect)
      issues.push(
        issue('checks.expect', `检查 "${c.id}"：数值检查须写 approx、gte 或 lte`, `check "${c.id}": a numeric check expects approx, gte or lte`, at('expect')),
      )
  })
  return issues
}
