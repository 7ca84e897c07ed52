import type { Library, ResolvedScenario, Scenario } from '../core'

/**
 * Return the part of a scenario that decides its resolution (records selected, classes, switch factors), with the
 * library version and the inventory load it is resolved on. Parameters count only when a selector reads them, so
 * moving a parameter, a schedule or an enabled flag reuses the resolution (README, "How it computes").
 */
export function reuseKey(s: Scenario, lib: Library, inventoryTag: string): string {
  return JSON.stringify([
    lib.version,
    inventoryTag,
    s.regions,
    s.years.start,
    s.years.end,
    // The scenario's own technologies and templates change the library it resolves on.
    [s.technologies ?? [], s.templates ?? []],
    s.measures.map((m) => {
      // A template of the scenario's own is not compiled yet: every parameter of its measures counts.
      const own = s.templates?.some((t) => t.id === m.template) ?? false
      const t = lib.templates.get(m.template)
      const read = new Set([...(t?.appliesTo.symbols ?? []), ...(m.scope ? scopeSymbols(m.scope) : [])])
      const params = Object.entries(m.params).filter(([k]) => own || read.has(k))
      return [m.id, m.template, m.scope ?? '', m.to ?? '', params]
    }),
  ])
}

// Names a scope expression may read; over-approximated by identifiers, which only costs an extra resolve.
function scopeSymbols(scope: string): string[] {
  return scope.replace(/"[^"]*"/g, '').match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []
}

/** Return the year a run is reported for (KPI cards, waterfall, costs, the CLI's report): the latest target year projected, else the last projected year. */
export function focusYearOf(r: ResolvedScenario, s: Scenario): number {
  const ys = s.targets.map((t) => t.year).filter((y) => r.years.includes(y))
  return ys.length > 0 ? Math.max(...ys) : (r.years[r.years.length - 1] ?? r.y0)
}
