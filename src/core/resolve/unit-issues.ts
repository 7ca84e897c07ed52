import { issue, type Issue } from '../issues'
import type { UnitProblem } from '../units/unit-system'

/** Describe a unit problem as a located bilingual issue. */
export function unitProblemIssue(p: UnitProblem, where: Omit<Issue, 'code' | 'zh' | 'en'>, what: string): Issue {
  if (p.kind === 'unknown') return issue('unit.unknown', `${what}：无法识别的单位 "${p.unit}"`, `${what}: unknown unit "${p.unit}"`, where)
  return issue(
    'unit.mismatch',
    `${what}：单位 "${p.from}" 与 "${p.to}" 量纲不一致`,
    `${what}: unit "${p.from}" does not match "${p.to}" (different dimension)`,
    where,
  )
}
