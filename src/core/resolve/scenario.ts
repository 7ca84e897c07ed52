import { compileExpression, type CompiledExpr } from '../expr/compile'
import { clip, echo, fail, issue, ok, type Issue, type Result } from '../issues'
import { hasOwn, own } from '../own'
import { dictAt, type InventoryTable } from '../parse/inventory-table'
import { POLLUTANTS, type Scenario } from '../schema'
import { CAPACITY_UNIT, isProblem } from '../units/unit-system'
import type { Library, ResolvedTechnology, ResolvedTemplate } from './library'
import { partitionRecords } from './classes'
import { libraryForScenario } from './scenario-library'
import { Selector } from './select'
import { unitProblemIssue } from './unit-issues'
import { inventoryEvidence } from '../evidence/inventory-evidence'

const P = POLLUTANTS.length
const RECORD_FIELDS = ['id', 'region', 'sector', 'technology', 'activity'] as const

/** A measure instance linked to its template, with its selector compiled. */
export interface ResolvedMeasure {
  /** Position in the scenario's list. */
  index: number
  id: string
  template: ResolvedTemplate
  kind: 'cut' | 'switch' | 'share' | 'reduce'
  to?: ResolvedTechnology
  selector: CompiledExpr
  scope?: CompiledExpr
  /** Records selected (count), for reports. */
  selected: number
}

/**
 * Records that share region, sector, technology and measure set, summed. A parameter or adoption change
 * recomputes classes only, so its cost does not grow with the number of records (DESIGN §5).
 */
export interface ResolvedClasses {
  count: number
  /** Group (region × sector) of each class. */
  group: Int32Array
  tech: Int32Array
  /** Σ activity (in the technology's activity unit). */
  sumA: Float64Array
  /** Σ activity × EF, t/yr in the inventory year, [class × P]. */
  sumAE: Float64Array
  /** Measure indices (sorted by measure id) of each class: offsets into `members`. */
  memberStart: Int32Array
  members: Int32Array
  /** Per membership of a switch/share measure: κ × EF_to, t per source activity unit, [membership × P]. */
  switchEf: Float64Array
  /** First record and record count of each class, for messages. */
  firstRecord: Int32Array
  records: Int32Array
}

/** A scenario ready to simulate: inventory, library and measures linked; selectors evaluated. */
export interface ResolvedScenario {
  library: Library
  inventory: InventoryTable
  years: number[]
  y0: number
  regions: string[]
  sectors: string[]
  groups: { region: number; sector: number }[]
  technologies: ResolvedTechnology[]
  /** In the scenario's order. */
  measures: ResolvedMeasure[]
  /** Measure indices sorted by id: the canonical order of every computation. */
  canonical: number[]
  classes: ResolvedClasses
  /** What must stay equal for this resolution to be reused by a later run. */
  structureKey: string
  warnings: Issue[]
}

/** Source names for error messages. */
export interface ResolveFiles {
  scenario?: string
  inventory?: string
}

/**
 * Return the part of a scenario that decides classes: runs that share it reuse one resolution, so a change of
 * adoption, schedule, growth, targets or a parameter no selector reads costs no re-resolve.
 */
export function structureKeyOf(
  s: Scenario,
  inventoryTag: string,
  libraryVersion: string,
  selectorParams: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  return JSON.stringify([
    libraryVersion,
    inventoryTag,
    s.regions,
    s.years.start,
    // The scenario's own library entries change the library it resolves against.
    [s.technologies ?? [], s.templates ?? []],
    s.measures.map((m) => [m.id, m.template, m.scope ?? '', m.to ?? '', (selectorParams.get(m.id) ?? []).map((k) => own(m.params, k) ?? null)]),
  ])
}

/** Tell whether a resolution can be reused for a (possibly edited) scenario. */
export function canReuse(r: ResolvedScenario, s: Scenario, inventoryTag: string): boolean {
  return r.structureKey === structureKeyOf(s, inventoryTag, r.library.version, selectorParamsOf(r))
}

function selectorParamsOf(r: ResolvedScenario): Map<string, string[]> {
  return new Map(
    r.measures.map((m) => [m.id, [...new Set([...m.selector.symbols, ...(m.scope?.symbols ?? [])])].filter((k) => hasOwn(m.template.spec.params, k)).sort()]),
  )
}

/** Link a parsed scenario to the library and an inventory; evaluate selectors once and build classes. */
export function resolveScenario(
  library: Library,
  scenario: Scenario,
  inv: InventoryTable,
  files: ResolveFiles = {},
  inventoryTag = '',
): Result<ResolvedScenario> {
  const sf = files.scenario
  const invFile = files.inventory ?? scenario.inventory
  const issues: Issue[] = []
  const withOwn = libraryForScenario(library, scenario, sf)
  if (!withOwn.ok) return withOwn
  library = withOwn.value
  // Entries of overlays and of the scenario that replaced library entries (a warning each, in every run's output).
  const warnings: Issue[] = [...(library.spec.warnings ?? [])]
  const y0 = scenario.years.start
  if (inv.year !== y0)
    return fail([
      issue(
        'scenario.inventory-year',
        `清单年份 ${inv.year} 与情景起始年 ${y0} 不一致`,
        `inventory year ${inv.year} differs from the scenario's start year ${y0}`,
        { file: sf, path: ['years', 'start'] },
      ),
    ])
  const years = Array.from({ length: scenario.years.end - y0 + 1 }, (_, k) => y0 + k)
  const where = (i: number, column?: string): Omit<Issue, 'code' | 'zh' | 'en'> => ({ file: invFile, row: inv.rows[i] ?? i + 1, ...(column ? { column } : {}) })
  // Activity provenance tags (docs/formats.md): an unknown tag or a tag without its basis is an input error.
  issues.push(...inventoryEvidence(inv, invFile).issues)

  // Technologies and unit factors per (unit, technology) pair.
  const techList: ResolvedTechnology[] = []
  const techIndex = new Map<string, number>()
  const techOfCode = inv.technology.dict.map((id) => {
    const t = library.technologies.get(id)
    if (!t) return -1
    let k = techIndex.get(id)
    if (k === undefined) {
      k = techList.length
      techList.push(t)
      techIndex.set(id, k)
    }
    return k
  })
  const sectorKnown = inv.sector.dict.map((s) => library.sectors.has(s))
  const regionWanted = inv.region.dict.map((r) => scenario.regions.includes(r))
  // Unit factor per (unit code, technology), computed once per pair: no string key per record.
  const nTk = Math.max(1, techList.length)
  const factorOf = new Float64Array((inv.unit.dict.length + 1) * nTk).fill(NaN)
  const factorIssue = new Map<number, Issue>()
  const activity = new Float64Array(inv.n)
  const include = new Uint8Array(inv.n)
  let excluded = 0
  for (let i = 0; i < inv.n; i++) {
    const tc = inv.technology.codes[i] ?? -1
    const sc = inv.sector.codes[i] ?? -1
    const rc = inv.region.codes[i] ?? -1
    const tk = tc >= 0 ? (techOfCode[tc] ?? -1) : -1
    if (tk < 0) {
      issues.push(
        issue(
          'inventory.unknown-technology',
          `未知技术 ${echo(dictAt(inv.technology, i))}`,
          `unknown technology ${echo(dictAt(inv.technology, i))}`,
          where(i, 'technology'),
        ),
      )
      if (issues.length >= 100) break
      continue
    }
    if (sc < 0 || !sectorKnown[sc]) {
      issues.push(
        issue('inventory.unknown-sector', `未知行业 ${echo(dictAt(inv.sector, i))}`, `unknown sector ${echo(dictAt(inv.sector, i))}`, where(i, 'sector')),
      )
      continue
    }
    if (rc < 0 || !regionWanted[rc]) {
      excluded++
      continue
    }
    const tech = techList[tk] as ResolvedTechnology
    const pair = ((inv.unit.codes[i] ?? -1) + 1) * nTk + tk
    let f = factorOf[pair] as number
    if (Number.isNaN(f) && !factorIssue.has(pair)) {
      const unit = dictAt(inv.unit, i) ?? ''
      const r = library.units.factor(unit, tech.activityUnit)
      if (isProblem(r))
        factorIssue.set(
          pair,
          unitProblemIssue(r, where(i, 'unit'), `record ${clip(inv.ids[i] ?? '')} (technology ${tech.id}, activity unit ${tech.activityUnit})`),
        )
      else factorOf[pair] = f = r
    }
    const bad = factorIssue.get(pair)
    if (bad) {
      issues.push({ ...bad, ...where(i, 'unit') })
      if (issues.length >= 100) break
      continue
    }
    activity[i] = (inv.activity[i] ?? 0) * f
    include[i] = 1
    for (let k = 0; k < P; k++) {
      const obs = inv.observed[k]?.[i] ?? NaN
      if (!Number.isNaN(obs) && obs > 0 && !((activity[i] ?? 0) > 0))
        issues.push(
          issue(
            'inventory.observed-zero-activity',
            `记录 ${clip(inv.ids[i] ?? '')} 有实测排放但活动水平为 0`,
            `record ${clip(inv.ids[i] ?? '')} has observed emissions but zero activity`,
            where(i),
          ),
        )
    }
  }
  if (excluded > 0)
    warnings.push(
      issue(
        'inventory.regions-excluded',
        `${excluded} 条记录的区域不在情景范围内，已忽略`,
        `${excluded} records are outside the scenario's regions and were left out`,
        { file: invFile, severity: 'warning' },
      ),
    )
  if (issues.length > 0) return fail(issues)

  // Normalise capacity to t/h once, so selectors compare plain numbers.
  const attrNumbers = new Map<string, Float64Array>()
  const attrText = new Map<string, { dict: string[]; codes: Int32Array }>()
  for (const a of inv.attributes) {
    if (a.kind === 'text') {
      attrText.set(a.name, a.values)
      continue
    }
    let values = a.values
    if (a.name === 'capacity' && a.unit) {
      values = new Float64Array(a.values)
      const unitCol = a.unit
      const capFactor = new Map<number, ReturnType<typeof library.units.factor>>()
      for (let i = 0; i < inv.n; i++) {
        const uc = unitCol.codes[i] ?? -1
        if (uc < 0 || Number.isNaN(values[i] ?? NaN)) continue
        let f = capFactor.get(uc)
        if (f === undefined) {
          f = library.units.factor(unitCol.dict[uc] ?? '', CAPACITY_UNIT)
          capFactor.set(uc, f)
        }
        if (isProblem(f)) {
          issues.push(unitProblemIssue(f, where(i, 'capacity_unit'), `record ${clip(inv.ids[i] ?? '')} capacity`))
          if (issues.length >= 100) break
        } else values[i] = (values[i] ?? 0) * f
      }
    }
    attrNumbers.set(a.name, values)
  }
  if (issues.length > 0) return fail(issues)

  // Measures.
  const measures: ResolvedMeasure[] = []
  const ids = new Set<string>()
  scenario.measures.forEach((m, index) => {
    const path = ['measures', index]
    if (ids.has(m.id))
      issues.push(issue('scenario.duplicate-measure', `措施编号 "${m.id}" 重复`, `measure id "${m.id}" appears twice`, { file: sf, path: [...path, 'id'] }))
    ids.add(m.id)
    const template = library.templates.get(m.template)
    if (!template) {
      issues.push(
        issue('scenario.unknown-template', `未知措施模板 "${m.template}"`, `unknown measure template "${m.template}"`, {
          file: sf,
          path: [...path, 'template'],
        }),
      )
      return
    }
    const t = template.spec
    for (const [k, v] of Object.entries(m.params)) {
      const def = own(t.params, k)
      if (!def)
        issues.push(
          issue('scenario.unknown-param', `模板 "${t.id}" 没有参数 ${echo(k)}`, `template "${t.id}" has no parameter ${echo(k)}`, {
            file: sf,
            path: [...path, 'params', k],
          }),
        )
      else if (v < def.min || v > def.max)
        issues.push(
          issue(
            'scenario.param-range',
            `参数 "${k}" = ${v} 超出范围 [${def.min}, ${def.max}] ${def.unit}`,
            `parameter "${k}" = ${v} is outside [${def.min}, ${def.max}] ${def.unit}`,
            { file: sf, path: [...path, 'params', k] },
          ),
        )
    }
    let to: ResolvedTechnology | undefined
    if (t.kind === 'switch' || t.kind === 'share') {
      const toId = m.to ?? t.to
      to = library.technologies.get(toId)
      if (!to)
        issues.push(
          issue('scenario.unknown-technology', `目标技术 "${toId}" 未定义`, `unknown target technology "${toId}"`, { file: sf, path: [...path, 'to'] }),
        )
      else if (!to.useful)
        issues.push(
          issue('scenario.no-useful-output', `目标技术 "${toId}" 没有有效产出，无法换算`, `target technology "${toId}" has no useful output to convert on`, {
            file: sf,
            path: [...path, 'to'],
          }),
        )
    } else if (m.to !== undefined) {
      issues.push(
        issue('scenario.to-not-allowed', `"${t.kind}" 类措施不能指定目标技术`, `a "${t.kind}" measure takes no target technology`, {
          file: sf,
          path: [...path, 'to'],
        }),
      )
    }
    let scope: CompiledExpr | undefined
    if (m.scope !== undefined) {
      const c = compileExpression(m.scope, { file: sf, path: [...path, 'scope'] })
      if (!c.ok) issues.push(c.issue)
      else scope = c.expr
    }
    const known = (s: string) => (RECORD_FIELDS as readonly string[]).includes(s) || attrNumbers.has(s) || attrText.has(s) || hasOwn(t.params, s)
    for (const expr of [template.appliesTo, scope]) {
      if (!expr) continue
      for (const s of expr.symbols)
        if (!known(s))
          issues.push(
            issue(
              'scenario.unknown-name',
              `措施 "${m.id}" 的选择条件引用了清单中不存在的字段 "${s}"`,
              `measure "${m.id}": selector uses "${s}", which is neither a record field, an inventory column nor a parameter`,
              {
                file: sf,
                path: [...path, expr === scope ? 'scope' : 'template'],
              },
            ),
          )
    }
    measures.push({ index, id: m.id, template, kind: t.kind, ...(to ? { to } : {}), selector: template.appliesTo, ...(scope ? { scope } : {}), selected: 0 })
  })
  if (issues.length > 0) return fail(issues)

  // Selection, memoised on the codes of the names a selector reads.
  const selector = new Selector({ inv, activity, include, attrNumbers, attrText })
  const techCodeOf = new Map(inv.technology.dict.map((id, code) => [id, code]))
  const selected: Int32Array[] = measures.map((m) => {
    const overrides = scenario.measures[m.index]?.params ?? {}
    const params: Record<string, number> = Object.fromEntries(Object.entries(m.template.spec.params).map(([k, d]) => [k, own(overrides, k) ?? d.default]))
    const exprs = m.scope ? [m.selector, m.scope] : [m.selector]
    const sel = selector.select(exprs, params, m.to ? (techCodeOf.get(m.to.id) ?? -1) : -1)
    m.selected = sel.length
    return sel
  })
  measures.forEach((m) => {
    if (m.selected === 0)
      warnings.push(
        issue('measure.no-records', `措施 "${m.id}" 没有选中任何清单记录`, `measure "${m.id}" selects no inventory records`, {
          file: sf,
          path: ['measures', m.index],
          severity: 'warning',
        }),
      )
  })

  // Class ids by refinement: records keep equal ids iff they share region, sector, technology and selections.
  const canonical = measures.map((m) => m.index).sort((a, b) => cmp(scenario.measures[a]?.id ?? '', scenario.measures[b]?.id ?? ''))
  const groupIndex = new Map<number, number>()
  const groups: { region: number; sector: number }[] = []
  const regionsOut: string[] = []
  const regionMap = new Map<number, number>()
  const sectorsOut: string[] = []
  const sectorMap = new Map<number, number>()
  const nT = techList.length
  const nS = inv.sector.dict.length
  const part = partitionRecords(
    inv.n,
    include,
    (i) => ((inv.region.codes[i] ?? 0) * nS + (inv.sector.codes[i] ?? 0)) * nT + (techOfCode[inv.technology.codes[i] ?? 0] ?? 0),
    canonical.map((mi) => selected[mi] as Int32Array),
  )
  const { classIdx, firstRecord, records: recordCount } = part
  const nC = part.count
  const group = new Int32Array(nC)
  const tech = new Int32Array(nC)
  const sumA = new Float64Array(nC)
  const sumAE = new Float64Array(nC * P)
  firstRecord.forEach((i, c) => {
    const rc = inv.region.codes[i] ?? 0
    const sc = inv.sector.codes[i] ?? 0
    let r = regionMap.get(rc)
    if (r === undefined) {
      r = regionsOut.length
      regionsOut.push(inv.region.dict[rc] ?? '')
      regionMap.set(rc, r)
    }
    let s = sectorMap.get(sc)
    if (s === undefined) {
      s = sectorsOut.length
      sectorsOut.push(inv.sector.dict[sc] ?? '')
      sectorMap.set(sc, s)
    }
    const gk = r * 1_000_000 + s
    let g = groupIndex.get(gk)
    if (g === undefined) {
      g = groups.length
      groups.push({ region: r, sector: s })
      groupIndex.set(gk, g)
    }
    group[c] = g
    tech[c] = techOfCode[inv.technology.codes[i] ?? 0] ?? 0
  })
  const efOf = new Float64Array(Math.max(1, nT) * P)
  techList.forEach((t, k) => efOf.set(t.ef.subarray(0, P), k * P))
  for (let k = 0; k < P; k++) {
    const observed = inv.observed[k]
    for (let i = 0; i < inv.n; i++) {
      const c = classIdx[i] as number
      if (c < 0) continue
      const a = activity[i] as number
      if (k === 0) sumA[c] = (sumA[c] as number) + a
      const obs = observed ? (observed[i] as number) : NaN
      sumAE[c * P + k] = (sumAE[c * P + k] as number) + (Number.isNaN(obs) ? a * (efOf[(tech[c] as number) * P + k] as number) : obs)
    }
  }
  // Members per class in canonical order.
  const memberLists: number[][] = Array.from({ length: nC }, () => [])
  for (const mi of canonical) {
    const sel = selected[mi] as Int32Array
    const seen = new Uint8Array(nC)
    for (let j = 0; j < sel.length; j++) {
      const c = classIdx[sel[j] as number] as number
      if (!seen[c]) {
        seen[c] = 1
        ;(memberLists[c] as number[]).push(mi)
      }
    }
  }
  const memberStart = new Int32Array(nC + 1)
  let total = 0
  memberLists.forEach((l, c) => {
    memberStart[c] = total
    total += l.length
  })
  memberStart[nC] = total
  const members = new Int32Array(total)
  const switchEf = new Float64Array(total * P)
  memberLists.forEach((l, c) => {
    const from = techList[tech[c] as number] as ResolvedTechnology
    l.forEach((mi, j) => {
      const pos = (memberStart[c] as number) + j
      members[pos] = mi
      const m = measures[mi] as ResolvedMeasure
      if (!m.to) return
      const to = m.to
      const i = firstRecord[c] as number
      if (!from.useful || !to.useful) {
        issues.push(
          issue(
            'switch.no-useful-output',
            `措施 "${m.id}"：技术 "${from.id}" 没有有效产出，无法换算到 "${to.id}"`,
            `measure "${m.id}": technology "${from.id}" has no useful output to convert to "${to.id}"`,
            where(i, 'technology'),
          ),
        )
        return
      }
      const f = library.units.factor(to.useful.unit, from.useful.unit)
      if (isProblem(f)) {
        issues.push(unitProblemIssue(f, where(i, 'technology'), `measure ${m.id}: useful output of ${from.id} vs ${to.id}`))
        return
      }
      // A_to = A_moved × useful_from / useful_to (both in the source's useful-output unit).
      const kappa = from.useful.value / (to.useful.value * f)
      for (let k = 0; k < P; k++) switchEf[pos * P + k] = kappa * (to.ef[k] as number)
    })
  })
  if (issues.length > 0) return fail(issues.slice(0, 100))
  const resolved: ResolvedScenario = {
    library,
    inventory: inv,
    years,
    y0,
    regions: regionsOut,
    sectors: sectorsOut,
    groups,
    technologies: techList,
    measures,
    canonical,
    classes: {
      count: nC,
      group,
      tech,
      sumA,
      sumAE,
      memberStart,
      members,
      switchEf,
      firstRecord,
      records: recordCount,
    },
    structureKey: '',
    warnings,
  }
  resolved.structureKey = structureKeyOf(scenario, inventoryTag, library.version, selectorParamsOf(resolved))
  return ok(resolved, warnings)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export type { Library }
