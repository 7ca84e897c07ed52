import { z } from 'zod'

/**
 * Where one number of a scenario comes from (DESIGN §4.9, README "Provenance"): exactly one of
 * - `plan`: the plan's own number, with the clause (and, where useful, the plan's words), e.g. `三（三） 基本消除`;
 * - `source`: a citation outside the plan (a standard with its table, a statistical yearbook, FACTORS.md section);
 * - `assumed`: a one-line reason why this value was chosen although nothing gives it (e.g. a convention's default).
 */
export const ProvenanceSchema = z.union([
  z.strictObject({ plan: z.string().trim().min(1).describe('the plan clause (and words) that give this number') }),
  z.strictObject({ source: z.string().trim().min(3).describe('citation: standard and table, yearbook, FACTORS.md section') }),
  z.strictObject({ assumed: z.string().trim().min(3).describe('one-line reason for a number no source gives') }),
])
export type Provenance = z.infer<typeof ProvenanceSchema>
export type ProvenanceKind = 'plan' | 'source' | 'assumed'

/** Return the kind of a provenance entry and its text. */
export function provenanceOf(p: Provenance): { kind: ProvenanceKind; text: string } {
  if ('plan' in p) return { kind: 'plan', text: p.plan }
  if ('source' in p) return { kind: 'source', text: p.source }
  return { kind: 'assumed', text: p.assumed }
}

/**
 * The numbers of a measure instance that carry provenance: its schedule (`level`, `start`, `complete`), its target
 * technology (`to`) and each parameter (`params.<name>`, whether set in the scenario or taken from the template).
 */
export const MeasureProvenanceKeySchema = z
  .string()
  .regex(/^(level|start|complete|to|scope|params\.[A-Za-z_][A-Za-z0-9_]*)$/, {
    message:
      'provenance key must be level, start, complete, to, scope or params.<name> / 出处的键须为 level、start、complete、to、scope 或 params.<参数名>',
  })

/** Provenance of a measure's numbers, keyed as `MeasureProvenanceKeySchema` says. */
export const MeasureProvenanceSchema = z.record(MeasureProvenanceKeySchema, ProvenanceSchema)

/**
 * A measure the plan mandates (DESIGN §4.9): optimisation never sets it below `level` (`at-least`) or moves it at
 * all (`fixed`), and the app flags a level below it. `level` is the plan's level, kept apart from the schedule so
 * that an edit of the schedule cannot move the mandate with it.
 */
export const MandateSchema = z.strictObject({
  clause: z.string().trim().min(1).describe("the plan clause, in the plan's Chinese, e.g. 三（二）6"),
  words: z.string().trim().min(1).describe("the plan's wording that makes it binding, e.g. 全部关停"),
  level: z.number().min(0).max(1).describe('the final adoption the plan requires, 0–1'),
  bound: z.enum(['at-least', 'fixed']).default('at-least'),
})
export type MandateSpec = z.input<typeof MandateSchema>
