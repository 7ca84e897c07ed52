import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { measureCosts, runResolved } from '../../src/core'
import { readResolved } from '../../src/cli/resolve-input'
import { KNOWN_COST_ERRORS } from '../seeds/known-cost-errors'

const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou']

describe('seed costs per pollutant', () => {
  for (const seed of SEEDS)
    it(`${seed}: no CNY/t over 1 M unless SOURCES.md explains it, and no cost on an activity it does not count`, () => {
      const input = readResolved(`seeds/${seed}`)
      if (!input.ok) throw new Error(JSON.stringify(input.issues))
      const { scenario, resolved } = input.value
      const run = runResolved(resolved, scenario)
      if (!run.ok) throw new Error(JSON.stringify(run.issues))
      const sources = readFileSync(`seeds/${seed}/SOURCES.md`, 'utf8')
      const years = [...new Set(scenario.targets.map((t) => t.year))]
      for (const year of years) {
        const report = measureCosts(resolved, scenario, run.value.projection, year)
        const errored = report.issues.filter((i) => i.code === 'cost.activity' || i.code === 'cost.unit').map((i) => /measure "([^"]+)"/.exec(i.en)?.[1])
        expect(errored.sort(), `${seed} ${year}: cost errors`).toEqual([...(KNOWN_COST_ERRORS[seed] ?? [])].sort())
        for (const m of report.measures)
          for (const p of ['NOx', 'VOCs'] as const) {
            const c = m.costPerTonne[p]
            if (c === undefined || c <= 1e6) continue
            // Over 1 M CNY/t only with a line of SOURCES.md that names the measure and its CNY/t.
            const explained = sources.split('\n').some((l) => l.includes(m.id) && /CNY\/t|元\/吨/.test(l))
            expect(explained, `${seed} ${m.id} ${p} ${year}: ${Math.round(c)} CNY/t`).toBe(true)
          }
        // The split counts each cost once: the allocations add up to the measures' costs.
        const allocated = report.measures.reduce((t, m) => t + (m.allocatedCost.NOx ?? 0) + (m.allocatedCost.VOCs ?? 0), 0)
        const withTonnes = report.measures.reduce((t, m) => t + (m.reduction.NOx > 0 || m.reduction.VOCs > 0 ? (m.annualCost ?? 0) : 0), 0)
        expect(allocated).toBeCloseTo(withTonnes, 3)
      }
    })
})
