import { POLLUTANTS } from '../schema'
import type { MeasureRun } from './measure-runs'

const P = POLLUTANTS.length

/**
 * A projection: emissions per group (region × sector), pollutant and year, with and without the new measures, and
 * the exact Shapley attribution of the difference to measures. The arrays are flat; this module owns their layout:
 * read and write them through `seriesIndex` / `attributionIndex` (or the `…At` readers), never by hand.
 */
export interface Projection {
  years: number[]
  regions: string[]
  sectors: string[]
  groups: { region: number; sector: number }[]
  measures: MeasureRun[]
  /** [group × pollutant × year], see `seriesIndex`. */
  counterfactual: Float64Array
  scenario: Float64Array
  /** [measure × group × pollutant × year], see `attributionIndex`; empty for totals-only runs. */
  attribution: Float64Array
  /**
   * Back-cast emissions for the years before the inventory year that targets use as a reference
   * (`reference: { year, backcast: growth }`): index (g × P + p) × B + b, b indexing `years`. Absent when none.
   */
  backcast?: { years: number[]; values: Float64Array }
  stats: { records: number; classes: number }
}

/** The two emission series of a projection. */
export type Series = 'counterfactual' | 'scenario'

/** The sizes that fix a projection's layout. */
export interface ProjectionShape {
  groups: number
  years: number
}

/** Return the layout of a projection. */
export const shapeOf = (pr: Pick<Projection, 'groups' | 'years'>): ProjectionShape => ({ groups: pr.groups.length, years: pr.years.length })

/** Return the length of a series array: groups × pollutants × years. */
export const seriesLength = (s: ProjectionShape): number => s.groups * P * s.years

/** Return the length of an attribution array for `measures` measures. */
export const attributionLength = (s: ProjectionShape, measures: number): number => measures * seriesLength(s)

// The layout itself, in one place: series [(g × P + p) × Y + y], attribution [((m × G + g) × P + p) × Y + y].
const flat = (G: number, Y: number, m: number, g: number, p: number, y: number): number => ((m * G + g) * P + p) * Y + y

/** Return the flat index of (group g, pollutant index p, year index y) in a series. */
export function seriesIndex(s: ProjectionShape, g: number, p: number, y: number): number {
  return flat(s.groups, s.years, 0, g, p, y)
}

/** Return the flat index of (measure m, group g, pollutant index p, year index y) in the attribution. */
export function attributionIndex(s: ProjectionShape, m: number, g: number, p: number, y: number): number {
  return flat(s.groups, s.years, m, g, p, y)
}

function read(a: Float64Array, i: number, what: string): number {
  const v = a[i]
  // A wrong index is a bug: say so rather than let `undefined` turn into NaN in a total.
  if (v === undefined) throw new RangeError(`${what} index ${i} is outside the projection (length ${a.length})`)
  return v
}

/** Return a series value of (group, pollutant index, year index). */
export function seriesAt(pr: Projection, series: Series, g: number, p: number, y: number): number {
  return read(pr[series], flat(pr.groups.length, pr.years.length, 0, g, p, y), series)
}

/** Return a measure's credited reduction in (group, pollutant index, year index). */
export function attributionAt(pr: Projection, m: number, g: number, p: number, y: number): number {
  return read(pr.attribution, flat(pr.groups.length, pr.years.length, m, g, p, y), 'attribution')
}
