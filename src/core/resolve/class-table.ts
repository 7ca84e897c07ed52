import { issue, type Issue } from '../issues'
import type { InventoryTable } from '../parse/inventory-table'
import { POLLUTANTS } from '../schema'
import { isProblem } from '../units/unit-system'
import { partitionRecords } from './classes'
import type { Library, ResolvedTechnology } from './library'
import type { LinkedRecords } from './records'
import type { ResolvedClasses, ResolvedMeasure } from './resolved-types'
import { unitProblemIssue } from './unit-issues'

const P = POLLUTANTS.length

/** The classes of a resolution with the regions, sectors and groups (region × sector) they fall in. */
export interface ClassTable {
  classes: ResolvedClasses
  regions: string[]
  sectors: string[]
  groups: { region: number; sector: number }[]
  issues: Issue[]
}

/**
 * Aggregate the selected records into classes (same region, sector, technology and measure set) and sum their
 * activity and activity × EF; list each class's measures in canonical order with, for a switch or share, the
 * factor κ·EF_to that turns moved activity into the target technology's emissions.
 */
export function buildClasses(
  library: Library,
  inv: InventoryTable,
  linked: Pick<LinkedRecords, 'techList' | 'techOfCode' | 'activity' | 'include'>,
  measures: readonly ResolvedMeasure[],
  selected: readonly Int32Array[],
  canonical: readonly number[],
  file?: string,
): ClassTable {
  const { techList, techOfCode, activity, include } = linked
  const issues: Issue[] = []
  const nT = techList.length
  const nS = inv.sector.dict.length
  const part = partitionRecords(
    inv.n,
    include,
    (i) => ((inv.region.codes[i] ?? 0) * nS + (inv.sector.codes[i] ?? 0)) * nT + (techOfCode[inv.technology.codes[i] ?? 0] ?? 0),
    canonical.map((mi) => selected[mi] ?? new Int32Array(0)),
  )
  const { classIdx, firstRecord, records } = part
  const nC = part.count
  const group = new Int32Array(nC)
  const tech = new Int32Array(nC)
  const sumA = new Float64Array(nC)
  const sumAE = new Float64Array(nC * P)
  // Regions, sectors and groups numbered in order of first appearance among the classes.
  const regions: string[] = []
  const regionMap = new Map<number, number>()
  const sectors: string[] = []
  const sectorMap = new Map<number, number>()
  const groups: { region: number; sector: number }[] = []
  const groupIndex = new Map<number, number>()
  firstRecord.forEach((i, c) => {
    const rc = inv.region.codes[i] ?? 0
    const sc = inv.sector.codes[i] ?? 0
    let r = regionMap.get(rc)
    if (r === undefined) {
      r = regions.length
      regions.push(inv.region.dict[rc] ?? '')
      regionMap.set(rc, r)
    }
    let s = sectorMap.get(sc)
    if (s === undefined) {
      s = sectors.length
      sectors.push(inv.sector.dict[sc] ?? '')
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
      const c = classIdx[i] ?? -1
      if (c < 0) continue
      const a = activity[i] ?? NaN
      if (k === 0) sumA[c] = (sumA[c] ?? NaN) + a
      const obs = observed ? (observed[i] ?? NaN) : NaN
      sumAE[c * P + k] = (sumAE[c * P + k] ?? NaN) + (Number.isNaN(obs) ? a * (efOf[(tech[c] ?? 0) * P + k] ?? NaN) : obs)
    }
  }
  // Members per class in canonical order.
  const memberLists: number[][] = Array.from({ length: nC }, () => [])
  for (const mi of canonical) {
    const sel = selected[mi] ?? new Int32Array(0)
    const seen = new Uint8Array(nC)
    for (const i of sel) {
      const c = classIdx[i] ?? -1
      if (!seen[c]) {
        seen[c] = 1
        memberLists[c]?.push(mi)
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
    const from = techList[tech[c] ?? -1]
    l.forEach((mi, j) => {
      const pos = (memberStart[c] ?? 0) + j
      members[pos] = mi
      const m = measures[mi]
      if (!m?.to || !from) return
      const kappa = switchFactor(library, m, from, m.to, inv.ids[firstRecord[c] ?? 0] ?? '', file)
      if (typeof kappa !== 'number') {
        issues.push(kappa)
        return
      }
      for (let k = 0; k < P; k++) switchEf[pos * P + k] = kappa * (m.to.ef[k] ?? NaN)
    })
  })
  return {
    classes: { count: nC, group, tech, sumA, sumAE, memberStart, members, switchEf, firstRecord, records },
    regions,
    sectors,
    groups,
    issues: dedupe(issues),
  }
}

/**
 * Return κ = useful_from / useful_to (in the source's useful-output unit), so A_to = A_moved × κ; or the issue,
 * located at the measure's `to` (the target is what the user chose) and naming a record of the source technology.
 */
function switchFactor(library: Library, m: ResolvedMeasure, from: ResolvedTechnology, to: ResolvedTechnology, record: string, file?: string): number | Issue {
  const where = { file, path: ['measures', m.index, 'to'] }
  if (!from.useful || !to.useful)
    return issue(
      'switch.no-useful-output',
      `措施 "${m.id}"：技术 "${from.id}"（如记录 ${record}）没有有效产出，无法换算到 "${to.id}"`,
      `measure "${m.id}": technology "${from.id}" (e.g. record ${record}) has no useful output to convert to "${to.id}"`,
      where,
    )
  const f = library.units.factor(to.useful.unit, from.useful.unit)
  if (isProblem(f)) return unitProblemIssue(f, where, `measure ${m.id}: useful output of ${from.id} (e.g. record ${record}) vs ${to.id}`)
  return from.useful.value / (to.useful.value * f)
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>()
  return issues.filter((i) => (seen.has(i.en) ? false : (seen.add(i.en), true)))
}
