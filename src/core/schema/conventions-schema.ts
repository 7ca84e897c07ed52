import { z } from 'zod'

/**
 * The reading conventions a scenario follows (seeds/CONVENTIONS.md, README "Seeds"), in machine form so that a test
 * and the app can show and check them. `set` is the version of the convention file.
 */
export const ConventionsSchema = z.strictObject({
  set: z.number().int().min(1).describe('version of seeds/CONVENTIONS.md this scenario was read under'),
  reference_method: z
    .enum(['growth-backcast', 'flat', 'plan'])
    .describe('R1: how the reference of a reduction_pct target before the inventory year is built'),
  jiben_level: z.number().gt(0).lt(1).describe('R2: the level 基本 (basically) is read as; below 1 by definition'),
  gonggu: z.enum(['achieved']).describe('R3: 巩固 (consolidate) = already achieved in the inventory year, no credit'),
  pre_retrofit: z.enum(['standard-in-force']).describe('R4: c_before is the limit of the standard in force in the inventory year'),
  undated_complete: z.enum(['plan-horizon']).describe('R5: an undated clause completes at the end of the plan horizon'),
  default_level: z.number().gt(0).lt(1).describe('R6: the level of a clause that gives none (tagged assumed)'),
})
export type Conventions = z.output<typeof ConventionsSchema>
