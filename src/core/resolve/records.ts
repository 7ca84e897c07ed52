import { clip, echo, issue, type Issue } from '../issues'
import { dictAt, type InventoryTable } from '../parse/inventory-table'
import { POLLUTANTS, type Scenario } from '../schema'
import { isProblem } from '../units/unit-system'
import type { Library, ResolvedTechnology } from './library'
import type { RecordLocator } from './resolved-types'
import { unitProblemIssue } from './unit-issues'

const P = POLLUTANTS.length
/** Issues past this many are dropped: the first hundred locate the problem. */
const MAX_ISSUES = 100

/** The inventory's records linked to the library: technology, activity in its unit, and which records take part. */
export interface LinkedRecords {
  /** The technologies the inventory uses, in order of first use. */
  techList: ResolvedTechnology[]
  /** Index into techList of each technology code of the inventory, −1 when unknown. */
  techOfCode: number[]
  /** Activity in the technology's activity unit. */
  activity: Float64Array
  /** 1 for records that take part (known technology and sector, a scenario region, a valid unit). */
  include: Uint8Array
  issues: Issue[]
  warnings: Issue[]
}

// Characters a copy from a web page or Word leaves in a name unseen: BOM, zero-width spaces and joiners, no-break space.
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060\u00A0]/

/**
 * Check that every region the scenario lists has records in the inventory (a region that matches nothing would make
 * targets look met on 0 t), and warn, with the regions and a row, about records outside the scenario's regions.
 */
function checkRegions(scenario: Scenario, inv: InventoryTable, file?: string): Issue[] {
  const out: Issue[] = []
  // Every dictionary entry is some record's value (the readers build the dictionary from the records).
  const present = new Set(inv.region.dict)
  const known = [...present].slice(0, 12).join('、')
  const seen = new Set<string>()
  scenario.regions.forEach((r, k) => {
    const path = ['regions', k]
    if (seen.has(r)) {
      out.push(issue('scenario.duplicate-region', `区域 "${r}" 重复列出`, `region "${r}" is listed twice`, { file, path }))
      return
    }
    seen.add(r)
    if (present.has(r)) return
    const hidden = INVISIBLE.test(r) || r !== r.trim()
    // Show invisible characters as code points, so the message itself shows what is wrong with the name.
    const shown = r.replace(new RegExp(INVISIBLE.source, 'g'), (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
    out.push(
      issue(
        'scenario.unknown-region',
        `区域 "${shown}" 在清单中没有任何记录${hidden ? '（名称含不可见字符或首尾空格，如 BOM）' : ''}；清单中的区域：${known}`,
        `region "${shown}" has no records in the inventory${hidden ? ' (the name holds an invisible character or surrounding spaces, e.g. a BOM)' : ''}; the inventory's regions: ${known}`,
        { file, path },
      ),
    )
  })
  return out
}

/**
 * Link each inventory record to its technology and sector, convert its activity to the technology's unit (one unit
 * factor per (unit, technology) pair, no string key per record) and keep the records of the scenario's regions.
 */
export function linkRecords(library: Library, scenario: Scenario, inv: InventoryTable, where: RecordLocator, scenarioFile?: string): LinkedRecords {
  const issues: Issue[] = checkRegions(scenario, inv, scenarioFile)
  const warnings: Issue[] = []
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
  const nTk = Math.max(1, techList.length)
  const factorOf = new Float64Array((inv.unit.dict.length + 1) * nTk).fill(NaN)
  const factorIssue = new Map<number, Issue>()
  const activity = new Float64Array(inv.n)
  const include = new Uint8Array(inv.n)
  // Records left out because of their region: how many per region, and the first one, for the warning.
  const outside = new Map<string, { count: number; first: number }>()
  for (let i = 0; i < inv.n && issues.length < MAX_ISSUES; i++) {
    const tc = inv.technology.codes[i] ?? -1
    const sc = inv.sector.codes[i] ?? -1
    const rc = inv.region.codes[i] ?? -1
    const tk = tc >= 0 ? (techOfCode[tc] ?? -1) : -1
    const tech = techList[tk]
    if (!tech) {
      const name = dictAt(inv.technology, i)
      issues.push(issue('inventory.unknown-technology', `未知技术 ${echo(name)}`, `unknown technology ${echo(name)}`, where(i, 'technology')))
      continue
    }
    if (sc < 0 || !sectorKnown[sc]) {
      const name = dictAt(inv.sector, i)
      issues.push(issue('inventory.unknown-sector', `未知行业 ${echo(name)}`, `unknown sector ${echo(name)}`, where(i, 'sector')))
      continue
    }
    if (rc < 0 || !regionWanted[rc]) {
      const name = dictAt(inv.region, i) ?? ''
      const o = outside.get(name)
      if (o) o.count++
      else outside.set(name, { count: 1, first: i })
      continue
    }
    const pair = ((inv.unit.codes[i] ?? -1) + 1) * nTk + tk
    let f = factorOf[pair] ?? NaN
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
      continue
    }
    const a = (inv.activity[i] ?? NaN) * f
    activity[i] = a
    include[i] = 1
    for (let k = 0; k < P; k++) {
      const obs = inv.observed[k]?.[i] ?? NaN
      if (!Number.isNaN(obs) && obs > 0 && !(a > 0))
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
  for (const [region, o] of outside) {
    const named = region === '' ? '（区域为空）' : echo(region)
    const namedEn = region === '' ? '(no region)' : echo(region)
    warnings.push(
      issue(
        'inventory.outside-regions',
        `${o.count} 条记录的区域 ${named} 不在情景的区域（${scenario.regions.join('、')}）之内，已忽略（如 ${inv.ids[o.first]}）`,
        `${o.count} record${o.count === 1 ? '' : 's'} in region ${namedEn}, outside the scenario's regions (${scenario.regions.join(', ')}), left out (e.g. ${inv.ids[o.first]})`,
        { ...where(o.first, 'region'), severity: 'warning' },
      ),
    )
  }
  return { techList, techOfCode, activity, include, issues: issues.slice(0, MAX_ISSUES), warnings }
}
