import { z } from 'zod'
import { IdSchema, PollutantSchema, YearSchema } from './common'

const Expect = z.union([
  z.strictObject({ approx: z.number().finite(), tol: z.number().nonnegative() }),
  z.strictObject({ gte: z.number().finite().optional(), lte: z.number().finite().optional() }),
  z.strictObject({ met: z.boolean() }),
])

/** One expectation about a scenario's results (what a seed must achieve, with its arithmetic). */
export const CheckSchema = z.strictObject({
  id: IdSchema,
  what: z.enum(['scenario', 'counterfactual', 'credited', 'net_change', 'measure', 'target']),
  pollutant: PollutantSchema.optional(),
  year: YearSchema.optional(),
  measure: IdSchema.optional(),
  target: IdSchema.optional(),
  expect: Expect,
  arithmetic: z.string().optional().describe('the hand calculation behind the expected value'),
})
export type CheckSpec = z.input<typeof CheckSchema>

export const ChecksFileSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal('lantian-checks/1'),
  checks: z.array(CheckSchema).min(1),
})
export type ChecksFileSpec = z.input<typeof ChecksFileSchema>
