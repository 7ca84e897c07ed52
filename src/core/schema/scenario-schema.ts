import { z } from 'zod'
import {
  ExpressionSchema,
  IdSchema,
  LabelSchema,
  NameSchema,
  MonthSchema,
  PollutantSchema,
  SourceSchema,
  YearSchema,
} from './common'
import { ConventionsSchema } from './conventions-schema'
import { MeasureTemplateSchema } from './measure-schema'
import { MandateSchema, MeasureProvenanceSchema, ProvenanceSchema } from './provenance-schema'
import { TechnologySchema } from './technology-schema'

/** How a measure is phased in: 0 before the start month, final `level` after the completion month. */
export const ScheduleSchema = z
  .strictObject({
    start: MonthSchema.describe('ramp begins at the start of this month'),
    complete: MonthSchema.describe('final level reached at the end of this month'),
    level: z.number().min(0).max(1).default(1).describe('final adoption, a fraction 0–1'),
    shape: z.enum(['linear', 'step']).default('linear'),
  })
  .refine((s) => s.start <= s.complete, {
    message: 'start month must not be after the completion month / 开始月份不得晚于完成月份',
    path: ['complete'],
  })

/** One measure of the plan, instantiated from a template. */
export const MeasureInstanceSchema = z.strictObject({
  id: IdSchema,
  template: IdSchema,
  label: LabelSchema,
  clause: z.string().min(1).describe('the plan clause this implements, in the plan\'s Chinese, e.g. 六（三）'),
  enabled: z.boolean().default(true),
  scope: ExpressionSchema.optional().describe('extra selector, AND-ed with the template\'s applies_to'),
  params: z.record(NameSchema, z.number().finite()).default({}),
  to: IdSchema.optional().describe('switch/share target technology, overriding the template'),
  schedule: ScheduleSchema,
  basis: z.string().optional().describe('why these parameters: the plan text and sources'),
  provenance: MeasureProvenanceSchema.optional().describe('where each number of this measure comes from: plan, source or assumed'),
  mandate: MandateSchema.optional().describe('the plan makes this measure binding at this level'),
})
export type MeasureInstanceSpec = z.input<typeof MeasureInstanceSchema>
/** One measure of a parsed scenario (defaults filled in): what the app edits and the engine resolves. */
export type MeasureInstance = z.output<typeof MeasureInstanceSchema>

/** Activity growth of one sector (and its sub-sectors unless they have their own). */
export const GrowthSchema = z.union([
  z.strictObject({
    sector: NameSchema,
    rate_pct: z.number().min(-100).max(1000).describe('compound annual growth, % per year'),
    basis: SourceSchema,
    provenance: ProvenanceSchema.optional(),
  }),
  z.strictObject({
    sector: NameSchema,
    index: z
      .record(z.string().regex(/^\d{4}$/), z.number().nonnegative().max(1000))
      .describe('activity index by year, 1 = inventory year; at most 1000 (a larger one is a typo, and 1e308 overflows)'),
    basis: SourceSchema,
    provenance: ProvenanceSchema.optional(),
  }),
])
export type GrowthSpec = z.input<typeof GrowthSchema>

export const ReferenceSchema = z.union([
  z.strictObject({ year: YearSchema, value_t: z.number().positive(), source: SourceSchema }),
  z.strictObject({ year: YearSchema }).describe('the projected scenario emission in that (projection) year'),
  z
    .strictObject({ year: YearSchema, backcast: z.literal('growth'), source: SourceSchema.optional() })
    .describe(
      "the inventory-year emission back-cast to `year` (before the inventory year) with this scenario's growth: E(year) = Σ E_s(y0) × G_s(year), G_s(year) = (1 + r_s)^(year − y0); computed by the engine, so it moves with the inventory's EFs and the growth rates (Monte Carlo draws, flip points)",
    ),
])

const targetCommon = {
  id: IdSchema,
  label: LabelSchema.optional(),
  pollutant: PollutantSchema,
  year: YearSchema,
  regions: z.array(NameSchema).optional().describe('restrict to these regions; default all'),
  source: SourceSchema,
  provenance: z
    .strictObject({ value: ProvenanceSchema.optional(), reference: ProvenanceSchema.optional(), year: ProvenanceSchema.optional() })
    .optional()
    .describe('where the target value, its reference and its year come from'),
}

/** What the plan promises. */
export const TargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...targetCommon, kind: z.literal('reduction_pct'), value: z.number().min(-100).max(100), reference: ReferenceSchema }),
  z.strictObject({ ...targetCommon, kind: z.literal('cap_t'), value: z.number().nonnegative() }),
  z.strictObject({ ...targetCommon, kind: z.literal('engineering_t'), value: z.number().nonnegative() }),
])
export type TargetSpec = z.input<typeof TargetSchema>

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal('lantian-scenario/1'),
  id: IdSchema,
  title: LabelSchema,
  plan: z
    .strictObject({
      name: z.string().min(1),
      document: z.string().optional(),
      issued: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  conventions: ConventionsSchema.optional().describe('the reading conventions this scenario follows (seeds/CONVENTIONS.md)'),
  regions: z.array(NameSchema).min(1),
  inventory: NameSchema.describe('path of the inventory file, relative to the scenario'),
  years: z
    .strictObject({ start: YearSchema.describe('inventory year'), end: YearSchema })
    .refine((y) => y.start <= y.end && y.end - y.start <= 60, { message: 'years.end must be ≥ start and within 60 years / 结束年须不早于起始年且跨度不超过 60 年' }),
  growth: z.array(GrowthSchema).default([]),
  measures: z.array(MeasureInstanceSchema).default([]),
  targets: z.array(TargetSchema).default([]),
  // The scenario's own library entries: the schemas of models/technologies/*.yaml and models/measures/*.yaml,
  // laid over the model library entry by entry (src/core/resolve/scenario-library.ts, docs/formats.md).
  technologies: z
    .array(TechnologySchema)
    .optional()
    .describe('technologies of this scenario, added to the model library (an id of the library replaces its entry, with a warning)'),
  templates: z
    .array(MeasureTemplateSchema)
    .optional()
    .describe('measure templates of this scenario, added to the model library (an id of the library replaces its entry, with a warning)'),
  notes: z.string().optional(),
})
export type ScenarioSpec = z.input<typeof ScenarioSchema>
export type Scenario = z.output<typeof ScenarioSchema>
