import { describe, expect, it } from 'vitest'
import { optimizeLevels, type Scenario } from '../../src/core'
import { highsSolver } from '../../src/cli/highs-solver'
import { readResolved } from '../../src/cli/resolve-input'
import { runCli } from '../helpers'
import { KNOWN_COST_ERRORS } from '../seeds/known-cost-errors'
import { OPT_FIXTURE, optScenario } from './fixture'

const solver = highsSolver()

const mandate = (id: string, level: number, bound: 'at-least' | 'fixed') => (s: Scenario) => {
  const m = s.measures.find((x) => x.id === id)
  if (m) m.mandate = { clause: '三（五）', words: '全部完成', level, bound }
}

describe('mandated measures in the least-cost search', () => {
  it('never sets an at-least mandate below its level, and says the mandate held it', async () => {
    // Without a mandate the hand optimum switches coal to gas off (600,000 CNY/yr at level 1; test/optimize).
    const free = optScenario()
    const a = await optimizeLevels(free.resolved, free.scenario, solver)
    if (!a.ok) throw new Error(JSON.stringify(a.issues))
    expect(a.value.measures.find((m) => m.id === 'c2g')?.level).toBeCloseTo(0, 9)
    const { scenario, resolved } = optScenario(mandate('c2g', 0.8, 'at-least'))
    const r = await optimizeLevels(resolved, scenario, solver)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.status).toBe('optimal')
    const c2g = r.value.measures.find((m) => m.id === 'c2g')
    expect(c2g?.free).toBe(true)
    expect(c2g?.level).toBeGreaterThanOrEqual(0.8 - 1e-12)
    expect(c2g?.heldByMandate).toBe(true)
    expect(c2g?.mandate).toMatchObject({ clause: '三（五）', level: 0.8 })
    // The mandate's gas replaces some of the trucks' work: the proposal costs more than the free optimum but less
    // than adding 0.8 × 600,000 to it.
    expect(r.value.totalCost).toBeGreaterThan(a.value.totalCost)
    expect(r.value.totalCost).toBeLessThan(a.value.totalCost + 480_000)
  })

  it('holds a fixed mandate at its level (not a decision variable) and lifts a measure kept by --fix to its mandate', async () => {
    const { scenario, resolved } = optScenario((s) => {
      mandate('share', 0.3, 'fixed')(s)
      mandate('treat', 0.9, 'at-least')(s)
    })
    const r = await optimizeLevels(resolved, scenario, solver, { fixed: ['treat'] })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const share = r.value.measures.find((m) => m.id === 'share')
    expect(share).toMatchObject({ free: false, reason: 'mandate', current: 0.5, heldByMandate: true })
    expect(share?.level).toBe(0.3)
    const treat = r.value.measures.find((m) => m.id === 'treat')
    expect(treat).toMatchObject({ free: false, reason: 'given', current: 0.5, level: 0.9, heldByMandate: true })
  })

  it('reports a mandated measure that is switched off, without switching it on', async () => {
    const { scenario, resolved } = optScenario((s) => {
      mandate('c2g', 0.8, 'at-least')(s)
      const m = s.measures.find((x) => x.id === 'c2g')
      if (m) m.enabled = false
    })
    const r = await optimizeLevels(resolved, scenario, solver)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.measures.find((m) => m.id === 'c2g')).toMatchObject({ free: false, reason: 'disabled', heldByMandate: false, mandate: { level: 0.8 } })
  })

  it('the CLI proposal table names the mandate and the levels it held', async () => {
    const { mkdtempSync, cpSync, readFileSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'lantian-mandate-'))
    cpSync(OPT_FIXTURE, dir, { recursive: true })
    const text = readFileSync(join(dir, 'scenario.yaml'), 'utf8').replace(
      /(id: c2g[^\n]*)\}\n/,
      '$1, mandate: { clause: 三（五）, words: 全部完成, level: 0.8, bound: at-least } }\n',
    )
    writeFileSync(join(dir, 'scenario.yaml'), text)
    const r = await runCli(['optimize', dir, '--models', join(dir, 'models')])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/c2g .*≥ 0\.80 三（五） — held by the mandate 由规定保持/)
    const j = await runCli(['optimize', dir, '--models', join(dir, 'models'), '--format', 'json'])
    const o = JSON.parse(j.out) as { measures: { id: string; heldByMandate: boolean; level: number }[] }
    expect(o.measures.find((m) => m.id === 'c2g')).toMatchObject({ heldByMandate: true })
  })

  for (const seed of ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou'])
    it(`${seed}: every mandated measure stays at or above its plan level`, async () => {
      const input = readResolved(`seeds/${seed}`)
      if (!input.ok) throw new Error(JSON.stringify(input.issues))
      const { resolved } = input.value
      // A measure whose cost cannot apply makes the least-cost search an error (seed-costs.test.ts): switched off here.
      const scenario = structuredClone(input.value.scenario)
      for (const m of scenario.measures) if (KNOWN_COST_ERRORS[seed]?.includes(m.id)) m.enabled = false
      // The seed's own mandates, and (so that the test bites before every seed carries them) every other enabled
      // measure mandated at its plan level, alternately at-least and fixed.
      const injected = structuredClone(scenario)
      injected.measures.forEach((m, i) => {
        if (m.enabled && !m.mandate && i % 2 === 0)
          m.mandate = { clause: m.clause, words: 'test', level: m.schedule.level, bound: i % 4 === 0 ? 'at-least' : 'fixed' }
      })
      for (const s of [scenario, injected]) {
        const r = await optimizeLevels(resolved, s, solver)
        if (!r.ok) throw new Error(JSON.stringify(r.issues))
        let mandated = 0
        for (const m of s.measures) {
          if (!m.mandate || !m.enabled) continue
          mandated++
          const got = r.value.measures.find((x) => x.id === m.id)
          expect(got?.level, m.id).toBeGreaterThanOrEqual(m.mandate.level - 1e-9)
          if (m.mandate.bound === 'fixed') expect(got?.level, m.id).toBe(m.mandate.level)
        }
        if (s === injected) expect(mandated).toBeGreaterThan(0)
      }
    })
})
