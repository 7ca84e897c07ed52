import { z } from 'zod'
import { describeInvisible, invisibleAt } from '../names'

/**
 * Refuse a name with an invisible character (zero-width space, BOM, bidi control, control character), with the
 * character and its position; checked first, so the name's other rules do not add a confusing second message.
 */
export function visible<S extends z.ZodString>(schema: S): S {
  return schema.refine((v) => invisibleAt(v) < 0, {
    abort: true,
    params: { code: 'name.invisible' },
    error: (iss) => {
      const v = String(iss.input)
      const d = describeInvisible(v, invisibleAt(v))
      return `${d.en} / ${d.zh}`
    },
  }) as S
}

/** A name written in a file (a region, a sector, a path): non-empty, without invisible characters. */
export const NameSchema = visible(z.string()).min(1)

/** Pollutants Lantian projects. Order is the index used in every typed array. */
export const POLLUTANTS = ['NOx', 'VOCs'] as const
export type Pollutant = (typeof POLLUTANTS)[number]
export const PollutantSchema = z.enum(POLLUTANTS)

/** A label in 简体中文 and English. */
export const LabelSchema = z.strictObject({
  zh: z.string().min(1),
  en: z.string().min(1),
})
export type Label = z.infer<typeof LabelSchema>

/** Where a number comes from: a FACTORS.md section, a standard, a URL or a derivation. */
export const SourceSchema = z.string().min(3).describe('Where the number comes from (FACTORS.md section, standard, URL, derivation).')

/** A calendar month written YYYY-MM. */
export const MonthSchema = z
  .string()
  .regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM with month 01–12 / 月份须为 YYYY-MM 格式（月 01–12）')

/** A restricted expression (see src/core/expr). */
export const ExpressionSchema = z.string().min(1).max(2000)

export const YearSchema = z.number().int().min(1990).max(2100)

/** An identifier used in files: letters, digits, dot, dash, underscore. */
export const IdSchema = visible(z.string())
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id may contain only letters, digits, ".", "-", "_" / 标识只能包含字母、数字、“.”、“-”、“_”')
  .max(120)

/** A number with unit, a plausible range and its source. */
export const QuantitySchema = z.strictObject({
  value: z.number().finite(),
  unit: z.string().min(1),
  range: z.tuple([z.number().finite(), z.number().finite()]).optional(),
  source: SourceSchema,
  verify: z.boolean().optional().describe('true for [K] numbers still to verify against the original'),
})
export type QuantitySpec = z.infer<typeof QuantitySchema>
