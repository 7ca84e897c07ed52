import { describe, expect, it } from 'vitest'
import { readTextFiles } from '../../src/cli/files'
import { sectorSpec, trajectorySpec, waterfallSpec } from '../../src/ui/charts/chart-specs'
import { niceStep, stableMax, stableRange } from '../../src/ui/charts/stable-range'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'
import type { RunView } from '../../src/protocol'
import { createSimulatorApi } from '../../src/worker/simulator-api'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

async function seedRun(id: string): Promise<{ view: RunView; run: (level: number) => Promise<RunView> }> {
  const files = Object.fromEntries(['scenario.yaml', 'inventory.csv'].map((f) => [`/seeds/${id}/${f}`, readFileSync(join('seeds', id, f), 'utf8')]))
  const api = createSimulatorApi({ models: () => readTextFiles('models'), seeds: () => groupSeedFiles(files) })
  const { scenario } = must(await api.loadSeed(id))
  const run = async (level: number) =>
    must(await api.run({ ...scenario, measures: scenario.measures.map((m, i) => (i === 0 ? { ...m, schedule: { ...m.schedule, level } } : m)) }))
  return { view: must(await api.run(scenario)), run }
}

type Bars = { x: number[]; base: number[]; customdata: string[]; y: number[] }
type Line = { x: (number | null)[]; y: (number | null)[]; text?: string[]; textposition?: string[] }

describe('stable axis ranges', () => {
  it('step 1, 2 or 5 × 10^k near a tenth of the span', () => {
    expect(niceStep(67_803)).toBe(10_000)
    expect(niceStep(18_029)).toBe(2_000)
    expect(niceStep(45)).toBe(5)
    expect(niceStep(0.7)).toBeCloseTo(0.1, 12)
  })

  it('cover the values with head room and move only when a value crosses a step', () => {
    expect(stableMax(67_803)).toBe(80_000)
    expect(stableMax(66_000)).toBe(70_000)
    expect(stableMax(0)).toBe(1)
    for (const v of [1, 9.99, 123, 4_567, 67_803, 1e6]) expect(stableMax(v)).toBeGreaterThanOrEqual(v * 1.05)
    const [lo, hi] = stableRange(51_843, 69_872)
    expect([lo, hi]).toEqual([50_000, 70_000])
    // Small moves of the data keep the same range: the axes stand still during a drag.
    expect(stableRange(51_900, 69_872)).toEqual([50_000, 70_000])
    expect(stableRange(3, 5)[0]).toBeGreaterThanOrEqual(0)
  })
})

describe('main chart specs', () => {
  it('waterfall: floating bars from the counterfactual down to the scenario, connectors and values at the bar ends', async () => {
    const { view } = await seedRun('nanyang')
    for (const p of ['NOx', 'VOCs'] as const) {
      const spec = waterfallSpec(view, p, 'zh')
      const [bars, connectors, values] = spec.data as unknown as [Bars, Line, Line]
      const yi = view.years.indexOf(view.focusYear)
      const n = bars.x.length
      expect(bars.customdata[0]).toBe('__cf')
      expect(bars.customdata[n - 1]).toBe('__sc')
      expect(bars.x[0]).toBe(view.counterfactual[p][yi])
      expect(bars.x[n - 1]).toBe(view.scenario[p][yi])
      expect(bars.y).toEqual(bars.x.map((_, k) => k))
      // Each measure bar starts where the one before it ended; the last ends at the scenario total.
      let end = bars.x[0] as number
      for (let k = 1; k < n - 1; k++) {
        expect(bars.base[k]).toBe(end)
        end = (bars.base[k] as number) + (bars.x[k] as number)
      }
      expect(end).toBeCloseTo(view.scenario[p][yi] as number, 6)
      // A connector per gap between bars, at the running total; a value label at each bar's far end.
      expect(connectors.x.filter((x) => x !== null)).toHaveLength(2 * (n - 1))
      expect(values.x).toHaveLength(n)
      expect(values.x[n - 1]).toBe(bars.x[n - 1])
      expect(values.textposition?.[1]).toBe('middle left')
      // The value axis holds every bar end.
      const range = spec.layout.xaxis?.range as [number, number]
      for (const x of values.x) expect(x as number).toBeGreaterThanOrEqual(range[0])
      for (const x of values.x) expect(x as number).toBeLessThanOrEqual(range[1])
    }
  })

  it('trajectory and sectors: fixed value axes that hold the data and do not move for a small slider step', async () => {
    const { view, run } = await seedRun('xiping')
    const moved = await run(0.97)
    for (const v of [view, moved]) {
      const traj = trajectorySpec(v, 'NOx', 'zh')
      const top = traj.layout.yaxis?.range?.[1] as number
      for (const d of traj.data as unknown as Line[]) for (const y of d.y) expect(y as number).toBeLessThanOrEqual(top)
      const sectors = sectorSpec(v, 'NOx', 'zh', {})
      const stackTop = sectors.layout.yaxis?.range?.[1] as number
      v.years.forEach((_, i) => expect((sectors.data as unknown as Line[]).reduce((a, d) => a + (d.y[i] as number), 0)).toBeLessThanOrEqual(stackTop))
    }
    expect(moved.scenario.NOx).not.toEqual(view.scenario.NOx)
    // Only data arrays differ: what Plotly's light update path needs (src/ui/charts/plotly-chart.tsx).
    expect(trajectorySpec(moved, 'NOx', 'zh').layout).toEqual(trajectorySpec(view, 'NOx', 'zh').layout)
    expect(sectorSpec(moved, 'NOx', 'zh', {}).layout).toEqual(sectorSpec(view, 'NOx', 'zh', {}).layout)
  })
})
