import { z } from 'zod'
import { ExpressionSchema, IdSchema, LabelSchema, SourceSchema, visible } from './common'

/** A tunable parameter of a measure template. Values are plain numbers in `unit`. */
export const ParamSchema = z
  .strictObject({
    label: LabelSchema,
    unit: z.string().min(1).describe('"1" for a dimensionless fraction'),
    default: z.number().finite(),
    min: z.number().finite(),
    max: z.number().finite(),
    source: SourceSchema,
    verify: z.boolean().optional(),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, {
    message: 'default must lie within [min, max] / 默认值须在 [min, max] 之内',
  })
export type ParamSpec = z.input<typeof ParamSchema>

export const CostSchema = z.strictObject({
  value: z.number().finite().nonnegative(),
  unit: z.string().min(1).describe('CNY per activity unit affected per year, e.g. "CNY/t"'),
  range: z.tuple([z.number().finite(), z.number().finite()]).optional(),
  source: SourceSchema,
  verify: z.boolean().optional(),
})

/** The categories the measure panel groups templates by. */
export const MEASURE_CATEGORIES = ['industry', 'energy', 'transport', 'vocs', 'area'] as const
/** A measure template's category. */
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number]

const common = {
  id: IdSchema,
  label: LabelSchema,
  category: z.enum(MEASURE_CATEGORIES),
  applies_to: ExpressionSchema.describe('selector over record fields and parameters'),
  params: z.record(visible(z.string()).regex(/^[A-Za-z_][A-Za-z0-9_]*$/), ParamSchema).default({}),
  cost: CostSchema.optional(),
  source: SourceSchema,
  note: z.string().optional(),
}

/** A measure template: the declarative definition of one kind of policy measure. */
export const MeasureTemplateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('cut') }),
  z.strictObject({
    ...common,
    kind: z.literal('switch'),
    to: IdSchema.describe('default target technology; a scenario may override it'),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('share'),
    to: IdSchema.describe('technology that takes the moved activity'),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('reduce'),
    removal: z
      .strictObject({ NOx: ExpressionSchema.optional(), VOCs: ExpressionSchema.optional() })
      .describe('removal fraction ρ per pollutant, an expression over params'),
  }),
])
export type MeasureTemplateSpec = z.input<typeof MeasureTemplateSchema>
export type MeasureKind = MeasureTemplateSpec['kind']

export const MeasuresFileSchema = z.strictObject({
  format: z.literal('lantian-measures/1'),
  measures: z.array(MeasureTemplateSchema).min(1),
})
export type MeasuresFileSpec = z.input<typeof MeasuresFileSchema>
