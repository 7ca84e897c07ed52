import { compileExpression } from '../expr/compile'
import type { Scenario } from '../schema'
import { own } from '../own'
import type { Library } from './library'
import type { ResolvedScenario } from './resolved-types'

// Names each scope expression reads, compiled once per distinct text (a scope that does not compile reads nothing:
// its resolution fails and is never reused).
const scopeNames = new Map<string, readonly string[]>()

function namesOfScope(scope: string): readonly string[] {
  let names = scopeNames.get(scope)
  if (!names) {
    const c = compileExpression(scope)
    names = c.ok ? [...c.expr.symbols] : []
    if (scopeNames.size > 10_000) scopeNames.clear()
    scopeNames.set(scope, names)
  }
  return names
}

/**
 * Return the reuse key of a scenario's resolution: runs whose keys are equal can share one resolution. It holds every
 * field the resolution depends on: the library and inventory (by version and tag), the regions, the projection years
 * (start and end), the scenario's own technologies and templates, and for each measure in list order its id, template, scope, target technology and the values of
 * the parameters its selectors read. Adoption, schedules, enabled flags, other parameters, growth and targets are not
 * in it: they are read by each run, so changing them costs no re-resolve (DESIGN §5).
 */
export function resolutionKey(s: Scenario, library: Library, inventoryTag: string): string {
  return JSON.stringify([
    library.version,
    inventoryTag,
    s.regions,
    s.years.start,
    s.years.end,
    // The scenario's own technologies and templates change the library it resolves on.
    [s.technologies ?? [], s.templates ?? []],
    s.measures.map((m) => {
      // A template of the scenario's own is not compiled yet: every parameter of its measures counts.
      const ownTemplate = s.templates?.some((t) => t.id === m.template) ?? false
      const template = library.templates.get(m.template)
      const read = new Set([...(template?.appliesTo.symbols ?? []), ...(m.scope === undefined ? [] : namesOfScope(m.scope))])
      const params = [...new Set([...Object.keys(template?.spec.params ?? {}), ...(ownTemplate ? Object.keys(m.params) : [])])]
        .filter((k) => ownTemplate || read.has(k))
        .sort()
        .map((k) => [k, own(m.params, k) ?? null])
      return [m.id, m.template, m.scope ?? null, m.to ?? null, params]
    }),
  ])
}

/** Tell whether a resolution can be reused for a (possibly edited) scenario on the inventory with this tag. */
export function canReuse(r: ResolvedScenario, s: Scenario, inventoryTag: string): boolean {
  return r.structureKey === resolutionKey(s, r.library, inventoryTag)
}
