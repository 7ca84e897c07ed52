import { z } from 'zod'
import { IdSchema, LabelSchema, NameSchema, QuantitySchema, SourceSchema } from './common'

/** One technology: what one unit of activity yields and emits. */
export const TechnologySchema = z.strictObject({
  id: IdSchema,
  label: LabelSchema,
  sector: NameSchema.describe('usual sector of records using this technology'),
  activity_unit: NameSchema.describe('unit of annual activity, e.g. t (coal burned per year), wm3, veh, t km'),
  useful_output: QuantitySchema.optional().describe('useful output per one activity_unit; needed for switch/share'),
  ef: z
    .strictObject({ NOx: QuantitySchema.optional(), VOCs: QuantitySchema.optional() })
    .describe('emission factor per pollutant; unit × activity_unit must be a mass'),
  source: SourceSchema.optional(),
  note: z.string().optional(),
})
export type TechnologySpec = z.input<typeof TechnologySchema>

export const TechnologiesFileSchema = z.strictObject({
  format: z.literal('lantian-technologies/1'),
  technologies: z.array(TechnologySchema).min(1),
})
export type TechnologiesFileSpec = z.input<typeof TechnologiesFileSchema>
