import type { RegionView } from '../protocol'
import type { SessionRun } from '../session/types'
import { regionView } from '../session/views'
import type { Library } from '../core'
import { regionsOption } from './args'

/** What `lantian run --region …` restricts its output to, and what it says about it. */
export interface RegionScope {
  view: RegionView
  /** Ids of the targets left out because they are set for another region set (the whole area, usually). */
  leftOut: string[]
  /** Notes for the reader, one bilingual line each: targets judged on the whole area, regions without records. */
  notes: string[]
}

/**
 * Read `--region` for one run: undefined when absent, the scope of the named regions, or the bilingual error
 * line (an unknown region; exit 2). The numbers are the session's region view, the one the app's picker shows.
 */
export function regionScope(run: SessionRun, lib: Library, values: readonly string[] | undefined, help?: string): RegionScope | undefined | { error: string } {
  const set = regionsOption(values, run.scenario.regions, help)
  if (set === undefined || 'error' in set) return set
  const view = regionView(run, lib, set)
  const others = run.out.targets.filter((t) => !view.targets.includes(t.id))
  const leftOut = others.map((t) => t.id)
  const whole = others.every((t) => t.regions === undefined)
  const notes: string[] = []
  if (leftOut.length > 0)
    notes.push(
      `note: targets ${leftOut.join(', ')} are set for ${whole ? 'the whole area' : 'other regions'} and judged there, not on ${set.join(' + ')}; run without --region for them / ` +
        `说明：目标 ${leftOut.join('、')} 适用于${whole ? '全市（全部地区）' : '其他地区'}，不按 ${set.join('、')} 评判；去掉 --region 可查看`,
    )
  const empty = set.filter((r) => !run.out.projection.regions.includes(r))
  if (empty.length > 0)
    notes.push(`note: ${empty.join(', ')} has no records in the inventory: its emissions are 0 / 说明：${empty.join('、')} 在清单中没有记录，排放为 0`)
  return { view, leftOut, notes }
}
