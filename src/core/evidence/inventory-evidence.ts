import { own } from '../own'
import { issue, type Issue } from '../issues'
import { dictAt, type InventoryTable } from '../parse/inventory-table'
import type { ProvenanceKind } from '../schema'

/** The inventory column that tags each record's activity level (docs/formats.md, "Provenance of activity levels"). */
export const ACTIVITY_PROVENANCE = 'activity_provenance'
/** The inventory column that gives the clause, citation or reason behind the tag. */
export const ACTIVITY_BASIS = 'activity_basis'

// The Chinese spellings a user may type in the tag column.
const KIND_OF: Record<string, ProvenanceKind> = {
  plan: 'plan',
  source: 'source',
  assumed: 'assumed',
  方案: 'plan',
  来源: 'source',
  出处: 'source',
  假设: 'assumed',
}

/** Return the provenance kind a tag cell names (plan, source, assumed or their Chinese spellings), or null. */
export function activityProvenanceKind(raw: string): ProvenanceKind | null {
  const v = raw.trim()
  return own(KIND_OF, v.toLowerCase()) ?? own(KIND_OF, v) ?? null
}

/** Each record's activity provenance: its kind (null = untagged) and its basis. */
export interface InventoryEvidence {
  kinds: (ProvenanceKind | null)[]
  basis: (string | null)[]
  /** Located errors: an unknown tag, or a tag without its basis. */
  issues: Issue[]
}

function textAt(inv: InventoryTable, name: string, i: number): string | null {
  const col = inv.attributes.find((a) => a.name === name)
  if (!col) return null
  if (col.kind === 'text') return dictAt(col.values, i)
  const v = col.values[i] ?? NaN
  return Number.isNaN(v) ? null : String(v)
}

/** Read the `activity_provenance` and `activity_basis` columns of an inventory, checking every value. */
export function inventoryEvidence(inv: InventoryTable, file?: string): InventoryEvidence {
  const kinds: (ProvenanceKind | null)[] = new Array<ProvenanceKind | null>(inv.n).fill(null)
  const basis: (string | null)[] = new Array<string | null>(inv.n).fill(null)
  const issues: Issue[] = []
  const tagged = inv.attributes.some((a) => a.name === ACTIVITY_PROVENANCE)
  if (!tagged) return { kinds, basis, issues }
  for (let i = 0; i < inv.n && issues.length < 100; i++) {
    const raw = textAt(inv, ACTIVITY_PROVENANCE, i)
    const b = textAt(inv, ACTIVITY_BASIS, i)?.trim() || null
    basis[i] = b
    if (raw === null) continue
    const kind = activityProvenanceKind(raw)
    const where = { file, row: inv.rows[i] ?? i + 1 }
    if (!kind) {
      issues.push(
        issue(
          'inventory.provenance-kind',
          `活动水平出处 "${raw}" 无效：应为 plan（方案）、source（来源）或 assumed（假设）`,
          `activity provenance "${raw}" is not one of plan, source, assumed`,
          { ...where, column: ACTIVITY_PROVENANCE },
        ),
      )
      continue
    }
    kinds[i] = kind
    if (!b)
      issues.push(
        issue(
          'inventory.provenance-basis',
          `活动水平出处为 ${kind}，但 ${ACTIVITY_BASIS} 为空：请写明条款、引用或理由`,
          `activity provenance is ${kind} but ${ACTIVITY_BASIS} is empty: give the clause, the citation or the reason`,
          { ...where, column: ACTIVITY_BASIS },
        ),
      )
  }
  return { kinds, basis, issues }
}
