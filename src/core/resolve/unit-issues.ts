import { echo, issue, type Issue } from '../issues'
import type { UnitProblem } from '../units/unit-system'

/** Describe a unit problem as a located bilingual issue. */
export function unitProblemIssue(p: UnitProblem, where: Omit<Issue, 'code' | 'zh' | 'en'>, what: string): Issue {
  if (p.kind === 'unknown') return issue('unit.unknown', `${what}：无法识别的单位 ${echo(p.unit)}`, `${what}: unknown unit ${echo(p.unit)}`, where)
  if (p.kind === 'number')
    return issue(
      'unit.number',
      `${what}：单位 ${echo(p.unit)} 含数值；单位不能带数值（请把数值乘进数量，或用 万吨、万立方米 等单位）`,
      `${what}: unit ${echo(p.unit)} carries a number; a unit takes no number (multiply it into the quantity, or use a unit such as 万吨 or wt)`,
      where,
    )
  if (p.kind === 'ambiguous')
    return issue(
      'unit.ambiguous',
      `${what}：单位 ${echo(p.unit)} 中的 "${p.name}" 有歧义（ton 是美制短吨 907 kg，mt 是毫吨）；公吨请写 t 或 吨`,
      `${what}: "${p.name}" in unit ${echo(p.unit)} is ambiguous (ton is the US short ton of 907 kg, mt the millitonne); write t or 吨 for the metric tonne`,
      where,
    )
  return issue(
    'unit.mismatch',
    `${what}：单位 ${echo(p.from)} 与 ${echo(p.to)} 量纲不一致`,
    `${what}: unit ${echo(p.from)} does not match ${echo(p.to)} (different dimension)`,
    where,
  )
}
