import { z } from 'zod'
import { NameSchema, YearSchema } from './common'

/** One source record of an inventory (JSON form; CSV columns map onto it). */
export const InventoryRecordSchema = z.strictObject({
  id: NameSchema,
  region: NameSchema,
  sector: NameSchema,
  technology: NameSchema,
  activity: z.number().finite().nonnegative(),
  unit: NameSchema,
  nox_t: z.number().finite().nonnegative().optional().describe('observed NOx, t/yr; overrides technology EF'),
  vocs_t: z.number().finite().nonnegative().optional().describe('observed VOCs, t/yr; overrides technology EF'),
  attributes: z.record(NameSchema, z.union([z.string(), z.number().finite()])).default({}),
})
export type InventoryRecordSpec = z.input<typeof InventoryRecordSchema>

export const InventoryMetaSchema = z.strictObject({
  format: z.literal('lantian-inventory/1'),
  year: YearSchema,
  name: z.string().optional(),
  illustrative: z.boolean().default(false).describe('true for a constructed, not measured, inventory'),
  note: z.string().optional(),
})

/** An inventory in JSON. CSV carries the same metadata as leading `# key: value` lines. */
export const InventoryFileSchema = z.strictObject({
  ...InventoryMetaSchema.shape,
  records: z.array(InventoryRecordSchema),
})
export type InventoryFileSpec = z.input<typeof InventoryFileSchema>
