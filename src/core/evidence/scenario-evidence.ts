import { own } from '../own'
import type { InventoryTable } from '../parse/inventory-table'
import type { Library } from '../resolve/library'
import { provenanceOf, type Provenance, type ProvenanceKind, type Scenario } from '../schema'
import { inventoryEvidence } from './inventory-evidence'

/** One number of a scenario or its inventory and where it comes from (`missing`: nothing says). */
export interface EvidenceItem {
  /** Where the number sits, e.g. `measures.cement-ule.params.c_before`, `inventory.CE01.activity`. */
  path: string
  value: string
  kind: ProvenanceKind | 'missing'
  text: string
}

/** How many numbers are plan, source, assumed or untagged. */
export type EvidenceCounts = Record<ProvenanceKind | 'missing', number>

function item(path: string, value: unknown, p: Provenance | undefined): EvidenceItem {
  if (!p) return { path, value: String(value), kind: 'missing', text: '' }
  const { kind, text } = provenanceOf(p)
  return { path, value: String(value), kind, text }
}

/**
 * List every number a scenario supplies with its provenance: each measure's level, start, completion, chosen
 * target technology and parameters (a template default is `source`: the library's citation), each target's
 * value, reference and year, and each growth entry. Scopes are listed only where they carry a provenance.
 */
export function scenarioEvidence(scenario: Scenario, library: Library): EvidenceItem[] {
  const out: EvidenceItem[] = []
  for (const m of scenario.measures) {
    const at = `measures.${m.id}`
    const p = m.provenance ?? {}
    out.push(item(`${at}.level`, m.schedule.level, p.level))
    out.push(item(`${at}.start`, m.schedule.start, p.start))
    out.push(item(`${at}.complete`, m.schedule.complete, p.complete))
    const tpl = library.templates.get(m.template)?.spec
    if (m.to !== undefined) out.push(item(`${at}.to`, m.to, p.to))
    if (m.scope !== undefined && p.scope) out.push(item(`${at}.scope`, m.scope, p.scope))
    const names = new Set([...Object.keys(tpl?.params ?? {}), ...Object.keys(m.params)])
    for (const name of [...names].sort()) {
      const set = own(m.params, name)
      const def = tpl ? own(tpl.params, name) : undefined
      const cited = own(p, `params.${name}`)
      if (set !== undefined) out.push(item(`${at}.params.${name}`, set, cited))
      else if (def) out.push(item(`${at}.params.${name}`, def.default, cited ?? { source: `template ${m.template} default: ${def.source}` }))
    }
  }
  for (const t of scenario.targets) {
    const at = `targets.${t.id}`
    out.push(item(`${at}.value`, t.value, t.provenance?.value))
    out.push(item(`${at}.year`, t.year, t.provenance?.year))
    if (t.kind === 'reduction_pct' && 'value_t' in t.reference) out.push(item(`${at}.reference`, t.reference.value_t, t.provenance?.reference))
  }
  for (const g of scenario.growth) out.push(item(`growth.${g.sector}`, 'rate_pct' in g ? g.rate_pct : JSON.stringify(g.index), g.provenance))
  return out
}

/** List each inventory record's activity level with its provenance (`activity_provenance`, `activity_basis`). */
export function inventoryEvidenceItems(inv: InventoryTable): EvidenceItem[] {
  const ev = inventoryEvidence(inv)
  return inv.ids.map((id, i) => {
    const kind = ev.kinds[i] ?? null
    return { path: `inventory.${id}.activity`, value: String(inv.activity[i]), kind: kind ?? 'missing', text: kind ? (ev.basis[i] ?? '') : '' }
  })
}

/** Count evidence items by kind. */
export function evidenceCounts(items: readonly EvidenceItem[]): EvidenceCounts {
  const c: EvidenceCounts = { plan: 0, source: 0, assumed: 0, missing: 0 }
  for (const it of items) c[it.kind]++
  return c
}

/** The header of the evidence export (CSV, XLSX sheet `evidence`, JSON `evidence`). */
export const EVIDENCE_HEADER = ['path', 'value', 'provenance', 'basis'] as const

/** Return the evidence rows of a scenario and its inventory for an export. */
export function evidenceRows(scenario: Scenario, library: Library, inv: InventoryTable): string[][] {
  return [...scenarioEvidence(scenario, library), ...inventoryEvidenceItems(inv)].map((e) => [e.path, e.value, e.kind, e.text])
}
