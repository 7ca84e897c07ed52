import { useCallback, useEffect, useMemo, useState } from 'react'
import type { TargetResult } from '../../core'
import type { RunView } from '../../protocol'

/** The URL search parameter that keeps the picked region (so a reload or a share link shows the same region). */
const PARAM = 'region'

/** A run as the picked region sees it. */
export interface RegionalView {
  /** The run with the region's emissions, sectors and measure credits, and only the targets set for that region. */
  view: RunView
  /** The picked region, or undefined for the whole area. */
  region?: string
  /** The run's targets that are set for another area (the whole area, or other regions): shown greyed. */
  elsewhere: TargetResult[]
}

/**
 * Return the run for one of its regions, from the per-region results the run already carries (no new worker
 * call: the picker is instant). The whole area, or a region the run does not have, gives the run itself.
 */
export function regionalView(view: RunView, region: string | undefined): RegionalView {
  const r = region === undefined ? undefined : view.regions.find((x) => x.regions.length === 1 && x.regions[0] === region)
  if (!r) return { view, elsewhere: [] }
  return {
    view: {
      ...view,
      counterfactual: r.counterfactual,
      scenario: r.scenario,
      sectors: r.sectors,
      measures: view.measures.map((m, i) => ({ ...m, credited: r.credited[i] ?? m.credited })),
      targets: view.targets.filter((t) => r.targets.includes(t.id)),
    },
    region,
    elsewhere: view.targets.filter((t) => !r.targets.includes(t.id)),
  }
}

/** Read the region kept in the page's URL, if any. */
function regionInUrl(): string | undefined {
  return new URLSearchParams(location.search).get(PARAM) ?? undefined
}

/** Keep the picked region in the page's URL (replacing the entry: picking is not a navigation step). */
function writeRegionToUrl(region: string | undefined): void {
  const u = new URL(location.href)
  if (region === undefined) u.searchParams.delete(PARAM)
  else u.searchParams.set(PARAM, region)
  if (u.href !== location.href) history.replaceState(history.state, '', u.href)
}

/**
 * Hold the region picked in the app (undefined: 全部 / All), kept in the URL's `?region=`. A pick that the plan on
 * screen does not have (another plan chosen, an old link) falls back to the whole area and leaves the URL.
 */
export function useRegionPick(view: RunView | undefined): { regional: RegionalView | undefined; region?: string; pick: (r: string | undefined) => void } {
  const [region, setRegion] = useState<string | undefined>(regionInUrl)
  const pick = useCallback((r: string | undefined) => {
    setRegion(r)
    writeRegionToUrl(r)
  }, [])
  const known = view !== undefined && region !== undefined && view.regions.some((x) => x.regions[0] === region)
  useEffect(() => {
    if (view && region !== undefined && !known) pick(undefined)
  }, [view, region, known, pick])
  const regional = useMemo(() => (view ? regionalView(view, known ? region : undefined) : undefined), [view, region, known])
  return { regional, ...(known ? { region } : {}), pick }
}
