import { inventoryEvidence } from '../evidence/inventory-evidence'
import { fail, issue, ok, type Issue, type Result } from '../issues'
import { own } from '../own'
import type { InventoryTable } from '../parse/inventory-table'
import type { Scenario } from '../schema'
import { readAttributes } from './attributes'
import { buildClasses } from './class-table'
import type { Library } from './library'
import { linkMeasures } from './measures'
import { linkRecords } from './records'
import type { RecordLocator, ResolvedMeasure, ResolvedScenario, ResolveFiles } from './resolved-types'
import { resolutionKey } from './reuse-key'
import { libraryForScenario } from './scenario-library'
import { Selector } from './select'

export type { ResolvedMeasure, ResolvedClasses, ResolvedScenario, ResolveFiles } from './resolved-types'

/**
 * Link a parsed scenario to the library and an inventory, evaluate selectors once and build classes. The steps, each
 * in its own module: records (technology, sector, region, activity unit), attributes (capacity in t/h), measures
 * (templates, parameters, targets, scopes), selection, classes. Expected failures come back as located issues; what
 * the resolution ignored (records outside the regions, measures that select nothing) as located warnings.
 */
export function resolveScenario(
  library: Library,
  scenario: Scenario,
  inv: InventoryTable,
  files: ResolveFiles = {},
  inventoryTag = '',
): Result<ResolvedScenario> {
  const sf = files.scenario
  const invFile = files.inventory ?? scenario.inventory
  // The scenario's own technologies and templates laid over the library (docs/formats.md, "Library overlays").
  const withOwn = libraryForScenario(library, scenario, sf)
  if (!withOwn.ok) return withOwn
  library = withOwn.value
  const y0 = scenario.years.start
  if (inv.year !== y0)
    return fail([
      issue(
        'scenario.inventory-year',
        `清单年份 ${inv.year} 与情景起始年 ${y0} 不一致`,
        `inventory year ${inv.year} differs from the scenario's start year ${y0}`,
        {
          file: sf,
          path: ['years', 'start'],
        },
      ),
    ])
  const years = Array.from({ length: scenario.years.end - y0 + 1 }, (_, k) => y0 + k)
  const where: RecordLocator = (i, column) => ({ file: invFile, row: inv.rows[i] ?? i + 1, ...(column ? { column } : {}) })

  // Activity provenance tags (docs/formats.md): an unknown tag or a tag without its basis is an input error.
  const evidence = inventoryEvidence(inv, invFile).issues
  const linked = linkRecords(library, scenario, inv, where, sf)
  if (evidence.length + linked.issues.length > 0) return fail([...evidence, ...linked.issues].slice(0, 100))
  const attrs = readAttributes(library, inv, where)
  if (attrs.issues.length > 0) return fail(attrs.issues)
  const { measures, issues } = linkMeasures(library, scenario, attrs, sf)
  if (issues.length > 0) return fail(issues)

  // Selection, memoised on the codes of the names a selector reads.
  const selector = new Selector({ inv, activity: linked.activity, include: linked.include, attrNumbers: attrs.numbers, attrText: attrs.text })
  const techCodeOf = new Map(inv.technology.dict.map((id, code) => [id, code]))
  const paramsOf = (m: ResolvedMeasure): Record<string, number> => {
    const overrides = scenario.measures[m.index]?.params ?? {}
    return Object.fromEntries(Object.entries(m.template.spec.params).map(([k, d]) => [k, own(overrides, k) ?? d.default]))
  }
  const selected = measures.map((m) => {
    const toCode = m.to ? (techCodeOf.get(m.to.id) ?? -1) : -1
    const sel = selector.select(m.scope ? [m.selector, m.scope] : [m.selector], paramsOf(m), toCode)
    m.selected = sel.length
    return sel
  })
  // Entries of overlays and of the scenario that replaced library entries come first (a warning each).
  const warnings: Issue[] = [...(library.spec.warnings ?? []), ...linked.warnings]
  for (const m of measures) {
    if (m.selected > 0) continue
    // Which part selects nothing: the template's applicability, or the scope that narrows it.
    const byTemplate = m.scope ? selector.select([m.selector], paramsOf(m), m.to ? (techCodeOf.get(m.to.id) ?? -1) : -1).length : 0
    warnings.push(noRecordsWarning(m, byTemplate, sf))
  }

  // Classes by refinement: records share a class iff they share region, sector, technology and selections.
  const canonical = measures.map((m) => m.index).sort((a, b) => cmp(scenario.measures[a]?.id ?? '', scenario.measures[b]?.id ?? ''))
  const table = buildClasses(library, inv, linked, measures, selected, canonical, sf)
  if (table.issues.length > 0) return fail(table.issues.slice(0, 100))
  const resolved: ResolvedScenario = {
    library,
    inventory: inv,
    years,
    y0,
    regions: table.regions,
    sectors: table.sectors,
    groups: table.groups,
    technologies: linked.techList,
    measures,
    canonical,
    classes: table.classes,
    structureKey: resolutionKey(scenario, library, inventoryTag),
    warnings,
  }
  return ok(resolved, warnings)
}

/** The warning for a measure that selects no record, located at the part that selects nothing. */
function noRecordsWarning(m: ResolvedMeasure, byTemplate: number, file?: string): Issue {
  const path: (string | number)[] = ['measures', m.index]
  if (m.scope && byTemplate > 0)
    return issue(
      'measure.no-records',
      `措施 "${m.id}" 的范围（scope）排除了模板 "${m.template.spec.id}" 适用的全部 ${byTemplate} 条记录，该措施不产生任何减排`,
      `measure "${m.id}": its scope excludes ${byTemplate === 1 ? 'the 1 record' : `all ${byTemplate} records`} template "${m.template.spec.id}" applies to, so it reduces nothing`,
      { file, path: [...path, 'scope'], severity: 'warning' },
    )
  return issue(
    'measure.no-records',
    `措施 "${m.id}" 没有选中任何清单记录（模板 "${m.template.spec.id}" 的适用条件：${m.selector.source}），该措施不产生任何减排`,
    `measure "${m.id}" selects no inventory records (template "${m.template.spec.id}" applies to: ${m.selector.source}), so it reduces nothing`,
    { file, path: [...path, 'template'], severity: 'warning' },
  )
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export type { Library }
