import { describe, expect, it } from 'vitest'
import {
  defaultInputs,
  PERCENTILES,
  POLLUTANTS,
  runDraws,
  runMonteCarlo,
  runResolved,
  scaleSpread,
  summarizeDraws,
  total,
  type DrawBlock,
  type MonteCarloResult,
} from '../../src/core'
import { optScenario } from '../optimize/fixture'

const { scenario, resolved } = optScenario()

const arrays = (m: MonteCarloResult) => ({
  ...Object.fromEntries(PERCENTILES.map((q) => [`p${q}`, Array.from(m.percentiles[`p${q}`])])),
  mean: Array.from(m.mean),
  targets: m.targets,
  all: m.allTargets,
})

async function mc(draws: number, seed: number, chunkSize?: number) {
  const r = await runMonteCarlo(resolved, scenario, { draws, seed, ...(chunkSize ? { chunkSize } : {}) })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

describe('default uncertain inputs', () => {
  it('cover EF ranges, removal, growth and adoption', () => {
    const inputs = defaultInputs(resolved, scenario)
    const ids = inputs.map((u) => u.id)
    // coat-solvent VOCs 400 kg/t, range [300, 500] → multipliers 0.75 / 1 / 1.25, read on a log scale.
    expect(inputs.find((u) => u.id === 'ef:coat-solvent:VOCs')?.dist).toEqual({ kind: 'logtriangular', low: 0.75, mode: 1, high: 1.25 })
    expect(inputs.find((u) => u.id === 'removal:lownox:NOx')?.dist).toEqual({ kind: 'triangular', low: 0.9, mode: 1, high: 1.1 })
    expect(inputs.find((u) => u.id === 'adoption:share')?.dist).toEqual({ kind: 'triangular', low: 0.8, mode: 1, high: 1 })
    // No growth entries: each inventory sector gets its own ±1 pp input.
    expect(ids.filter((i) => i.startsWith('growth:')).sort()).toEqual(['growth:industry.boiler', 'growth:solvent.coating', 'growth:transport.road.freight'])
    expect(inputs.find((u) => u.id === 'growth:solvent.coating')?.dist).toEqual({ kind: 'uniform', low: -0.01, high: 0.01 })
  })
})

describe('Monte Carlo', () => {
  it('reproduces the deterministic run exactly when every range is zero', async () => {
    const inputs = defaultInputs(resolved, scenario).map((u) => ({ ...u, dist: scaleSpread(u.dist, 0) }))
    // 7 EFs with ranges (hdt-cn6, rail and coat-water are only switch targets), 3 removals, 3 growth rates, 7 adoptions.
    expect(inputs.length).toBe(20)
    const r = await runMonteCarlo(resolved, scenario, { draws: 40, seed: 7, inputs, chunkSize: 16 })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const det = runResolved(resolved, scenario)
    if (!det.ok) throw new Error('deterministic run failed')
    const pr = det.value.projection
    const Y = pr.years.length
    POLLUTANTS.forEach((p, k) =>
      pr.years.forEach((y, yi) => {
        const d = total(pr, 'scenario', p, y)
        for (const q of PERCENTILES) expect(r.value.percentiles[`p${q}`][k * Y + yi]).toBe(d)
        expect(r.value.mean[k * Y + yi]).toBe(d)
        expect(r.value.deterministicTotals[k * Y + yi]).toBe(d)
      }),
    )
    r.value.targets.forEach((t, k) => expect(t.probability).toBe(det.value.targets[k]?.met ? 1 : 0))
  })

  it('puts the deterministic run inside P5–P95 with the default ranges', async () => {
    const m = await mc(400, 42)
    const Y = m.years.length
    for (let k = 0; k < POLLUTANTS.length * Y; k++) {
      expect(m.deterministicTotals[k]).toBeGreaterThanOrEqual(m.percentiles.p5[k] as number)
      expect(m.deterministicTotals[k]).toBeLessThanOrEqual(m.percentiles.p95[k] as number)
      // Percentiles are ordered.
      expect(m.percentiles.p5[k]).toBeLessThanOrEqual(m.percentiles.p25[k] as number)
      expect(m.percentiles.p25[k]).toBeLessThanOrEqual(m.percentiles.p50[k] as number)
      expect(m.percentiles.p75[k]).toBeLessThanOrEqual(m.percentiles.p95[k] as number)
    }
    // The spread is real: P95 > P5 for NOx 2025.
    expect(m.percentiles.p95[Y - 1]).toBeGreaterThan(m.percentiles.p5[Y - 1] as number)
    for (const t of m.targets) expect(t.probability).toBeGreaterThan(0)
    expect(m.allTargets).toBeLessThanOrEqual(Math.min(...m.targets.map((t) => t.probability)))
  })

  it('gives the same numbers for the same seed, whatever the chunking', async () => {
    const a = await mc(60, 123, 50)
    const b = await mc(60, 123, 7)
    const c = await mc(60, 123, 60)
    expect(arrays(b)).toEqual(arrays(a))
    expect(arrays(c)).toEqual(arrays(a))
    const other = await mc(60, 124)
    expect(Array.from(other.percentiles.p50)).not.toEqual(Array.from(a.percentiles.p50))
  })

  it('merges draws split between two workers into the same result', async () => {
    const whole = await mc(50, 9)
    const inputs = defaultInputs(resolved, scenario)
    const blocks: DrawBlock[] = []
    // Second half first: order does not matter.
    for (const [from, to] of [
      [23, 50],
      [0, 23],
    ] as const) {
      const b = runDraws(resolved, scenario, inputs, 9, from, to)
      if (!b.ok) throw new Error('draws failed')
      blocks.push(b.value)
    }
    const det = runResolved(resolved, scenario)
    if (!det.ok) throw new Error('deterministic run failed')
    const merged = summarizeDraws(scenario, { projection: det.value.projection, targets: det.value.targets }, blocks, 9, inputs)
    expect(arrays(merged)).toEqual(arrays(whole))
  })

  it('reports progress per chunk and stops when cancelled', async () => {
    const seen: number[] = []
    const signal = { aborted: false }
    const r = await runMonteCarlo(resolved, scenario, {
      draws: 100,
      seed: 1,
      chunkSize: 25,
      signal,
      onProgress: (done) => {
        seen.push(done)
        if (done >= 50) signal.aborted = true
      },
    })
    expect(seen).toEqual([25, 50])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.code).toBe('mc.cancelled')
  })

  it('rejects a bad draw count', async () => {
    const r = await runMonteCarlo(resolved, scenario, { draws: 0, seed: 1 })
    expect(r.ok).toBe(false)
  })
})
