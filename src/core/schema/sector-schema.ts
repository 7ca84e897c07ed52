import { z } from 'zod'
import { LabelSchema } from './common'

/** models/sectors.yaml: the sector tree as dotted ids; every prefix must itself be a sector. */
export const SectorsFileSchema = z.strictObject({
  format: z.literal('lantian-sectors/1'),
  sectors: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/),
        label: LabelSchema,
        note: z.string().optional(),
      }),
    )
    .min(1),
})
export type SectorsFileSpec = z.input<typeof SectorsFileSchema>
