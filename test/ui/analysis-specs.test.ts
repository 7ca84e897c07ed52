import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTextFiles } from '../../src/cli/files'
import { fanSpec, macSpec, tornadoSpec } from '../../src/ui/charts/analysis-specs'
import { autoWorkers } from '../../src/ui/components/analysis-state'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'
import { createSimulatorApi } from '../../src/worker/simulator-api'

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

async function xiping() {
  const files = Object.fromEntries(['scenario.yaml', 'inventory.csv'].map((f) => [`/seeds/xiping/${f}`, readFileSync(join('seeds/xiping', f), 'utf8')]))
  const api = createSimulatorApi({ models: () => readTextFiles('models'), seeds: () => groupSeedFiles(files) })
  const { scenario } = must(await api.loadSeed('xiping'))
  return { api, scenario }
}

describe('analysis chart specs', () => {
  it('draw the MC fan, the tornado and the MAC curve with scatter and bar traces only', async () => {
    const { api, scenario } = await xiping()
    const mc = must(await api.monteCarlo({ scenario, draws: 100, seed: 42 }))
    const tor = must(await api.sensitivity(scenario))
    const costs = must(await api.run(scenario)).costs
    const specs = [fanSpec(mc, 'NOx', 'zh'), tornadoSpec(tor[0]!, 'en'), macSpec(costs, 'NOx', 'zh'), macSpec(costs, 'VOCs', 'en')]
    for (const s of specs) for (const d of s.data) expect(['scatter', 'bar']).toContain(d.type)
    // Fan: the first five traces are P5, P95, P25, P75, P50 of the result.
    const fan = specs[0]!.data as { y: number[] }[]
    expect(fan.slice(0, 5).map((d) => d.y)).toEqual([
      mc.percentiles.p5.NOx,
      mc.percentiles.p95.NOx,
      mc.percentiles.p25.NOx,
      mc.percentiles.p75.NOx,
      mc.percentiles.p50.NOx,
    ])
    // Tornado: bars start at the base and reach the input's low and high totals.
    const [low, high] = specs[1]!.data as { x: number[]; base: number[] }[]
    const bar = tor[0]!.bars[0]!
    expect((low!.base[0] ?? 0) + (low!.x[0] ?? 0)).toBeCloseTo(bar.low, 9)
    expect((high!.base[0] ?? 0) + (high!.x[0] ?? 0)).toBeCloseTo(bar.high, 9)
  })

  it('make MAC bars as wide as their tonnes, side by side, and label the bars above the axis range', async () => {
    const { api, scenario } = await xiping()
    const costs = must(await api.run(scenario)).costs
    const steps = costs.mac.NOx
    const spec = macSpec(costs, 'NOx', 'en')
    const d = spec.data[0] as { x: number[]; width: number[]; y: number[]; text: string[] }
    expect(d.width).toEqual(steps.map((s) => s.reduction))
    d.x.forEach((x, i) => expect(x - (d.width[i] as number) / 2).toBeCloseTo(i === 0 ? 0 : (steps[i - 1]?.cumulative ?? 0), 9))
    const top = (spec.layout.yaxis as { range: [number, number] }).range[1]
    expect(top).toBeGreaterThan(0)
    d.y.forEach((y, i) => {
      if (y > top) expect(d.text[i]).toMatch(/^↑ /)
    })
    expect(d.y.some((y) => y > top)).toBe(true)
  })

  it('show emissions in 万吨 when the user chooses it (CNY per tonne stays per tonne)', async () => {
    const { api, scenario } = await xiping()
    const mc = must(await api.monteCarlo({ scenario, draws: 50, seed: 7 }))
    const tor = must(await api.sensitivity(scenario))
    const costs = must(await api.run(scenario)).costs
    const fan = fanSpec(mc, 'NOx', 'zh', 'wt')
    expect((fan.data[4] as { y: number[] }).y).toEqual(mc.percentiles.p50.NOx.map((v) => v / 10_000))
    expect(JSON.stringify(fan.layout.yaxis)).toContain('万吨/年')
    const [low] = tornadoSpec(tor[0]!, 'en', 10, 'wt').data as { x: number[]; base: number[] }[]
    expect((low!.base[0] ?? 0) + (low!.x[0] ?? 0)).toBeCloseTo(tor[0]!.bars[0]!.low / 10_000, 12)
    const mac = macSpec(costs, 'NOx', 'zh', 'wt').data[0] as { width: number[]; y: number[] }
    const inT = macSpec(costs, 'NOx', 'zh').data[0] as { width: number[]; y: number[] }
    expect(mac.width).toEqual(inT.width.map((w) => w / 10_000))
    expect(mac.y).toEqual(inT.y)
  })

  it('use helper workers only when cores are to spare', () => {
    expect([1, 2, 3, 4, 8, 16].map(autoWorkers)).toEqual([1, 1, 2, 3, 4, 4])
    expect(autoWorkers(undefined)).toBe(1)
  })
})
