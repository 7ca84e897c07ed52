import { z } from 'zod'
import { NameSchema, SourceSchema } from './common'

/** models/units.yaml: custom units and the alias table for Chinese unit names. */
export const UnitsFileSchema = z.strictObject({
  format: z.literal('lantian-units/1'),
  custom: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
        definition: z.string().optional().describe('e.g. "10000 t"; omitted for a new base unit such as veh'),
        label: z.string().optional(),
        source: SourceSchema.optional(),
      }),
    )
    .default([]),
  aliases: z.record(NameSchema, NameSchema).default({}),
})
export type UnitsFileSpec = z.input<typeof UnitsFileSchema>
