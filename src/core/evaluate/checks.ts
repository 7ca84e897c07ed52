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
