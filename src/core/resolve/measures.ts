import { compileExpression, type CompiledExpr } from '../expr/compile'
import { echo, issue, type Issue } from '../issues'
import { hasOwn, own } from '../own'
import type { Scenario } from '../schema'
import type { Attributes } from './attributes'
import type { Library, ResolvedTechnology } from './library'
import type { ResolvedMeasure } from './resolved-types'
import { compatibleTargets } from './switch-targets'

const RECORD_FIELDS: readonly string[] = ['id', 'region', 'sector', 'technology', 'activity']

/**
 * Link each measure of the scenario to its template: unique id, known parameters within their ranges, a target
 * technology the template may switch to, and a scope that compiles and reads only names the inventory has.
 * Every problem is an issue located at the measure's path.
 */
export function linkMeasures(
  library: Library,
  scenario: Scenario,
  attrs: Pick<Attributes, 'numbers' | 'text'>,
  file?: string,
): { measures: ResolvedMeasure[]; issues: Issue[] } {
  const issues: Issue[] = []
  const measures: ResolvedMeasure[] = []
  const firstOf = new Map<string, number>()
  scenario.measures.forEach((m, index) => {
    const path = ['measures', index]
    const at = (...rest: (string | number)[]) => ({ file, path: [...path, ...rest] })
    const dup = firstOf.get(m.id)
    if (dup !== undefined)
      issues.push(issue('scenario.duplicate-measure', `措施编号 "${m.id}" 重复`, `measure id "${m.id}" appears twice (first at measures.${dup})`, at('id')))
    else firstOf.set(m.id, index)
    const template = library.templates.get(m.template)
    if (!template) {
      issues.push(issue('scenario.unknown-template', `未知措施模板 "${m.template}"`, `unknown measure template "${m.template}"`, at('template')))
      return
    }
    const t = template.spec
    for (const [k, v] of Object.entries(m.params)) {
      const def = own(t.params, k)
      if (!def)
        issues.push(issue('scenario.unknown-param', `模板 "${t.id}" 没有参数 ${echo(k)}`, `template "${t.id}" has no parameter ${echo(k)}`, at('params', k)))
      else if (v < def.min || v > def.max)
        issues.push(
          issue(
            'scenario.param-range',
            `参数 "${k}" = ${v} 超出范围 [${def.min}, ${def.max}] ${def.unit}`,
            `parameter "${k}" = ${v} is outside [${def.min}, ${def.max}] ${def.unit}`,
            at('params', k),
          ),
        )
    }
    let to: ResolvedTechnology | undefined
    if (t.kind === 'switch' || t.kind === 'share') {
      const toId = m.to ?? t.to
      to = library.technologies.get(toId)
      const allowed = compatibleTargets(library, template)
      if (!to) issues.push(issue('scenario.unknown-technology', `目标技术 "${toId}" 未定义`, `unknown target technology "${toId}"`, at('to')))
      else if (!to.useful)
        issues.push(
          issue(
            'scenario.no-useful-output',
            `目标技术 "${toId}" 没有有效产出，无法换算`,
            `target technology "${toId}" has no useful output to convert on`,
            at('to'),
          ),
        )
      else if (!allowed.includes(toId))
        issues.push(
          issue(
            'scenario.incompatible-target',
            `模板 "${t.id}" 不能把活动转移到 "${toId}"（${to.sector}）；可选：${allowed.join('、')}`,
            `template "${t.id}" cannot move activity to "${toId}" (${to.sector}); it may move to: ${allowed.join(', ')}`,
            at('to'),
          ),
        )
    } else if (m.to !== undefined) {
      issues.push(issue('scenario.to-not-allowed', `"${t.kind}" 类措施不能指定目标技术`, `a "${t.kind}" measure takes no target technology`, at('to')))
    }
    let scope: CompiledExpr | undefined
    if (m.scope !== undefined) {
      const c = compileExpression(m.scope, at('scope'))
      if (!c.ok) issues.push(c.issue)
      else scope = c.expr
    }
    const known = (s: string) => RECORD_FIELDS.includes(s) || attrs.numbers.has(s) || attrs.text.has(s) || hasOwn(t.params, s)
    for (const expr of [template.appliesTo, scope]) {
      if (!expr) continue
      for (const s of expr.symbols)
        if (!known(s))
          issues.push(
            issue(
              'scenario.unknown-name',
              `措施 "${m.id}" 的选择条件引用了清单中不存在的字段 "${s}"`,
              `measure "${m.id}": selector uses "${s}", which is neither a record field, an inventory column nor a parameter`,
              at(expr === scope ? 'scope' : 'template'),
            ),
          )
    }
    measures.push({ index, id: m.id, template, kind: t.kind, ...(to ? { to } : {}), selector: template.appliesTo, ...(scope ? { scope } : {}), selected: 0 })
  })
  return { measures, issues }
}
