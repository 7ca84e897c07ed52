import { join } from 'node:path'
import type { Server } from 'node:http'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { optimizeLevels, PERCENTILES, POLLUTANTS, runMonteCarlo, type MonteCarloResult } from '../../src/core'
import { highsSolver } from '../../src/cli/highs-solver'
import { readResolved } from '../../src/cli/resolve-input'
import { ARTIFACTS, startApp, stopApp } from './harness'
import { openApp, settled, shot } from './page'

let server: Server
let base: string
let browser: Browser

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
})

afterAll(() => stopApp({ server, browser }))

/** Monte Carlo the way `lantian mc seeds/xiping --draws N --seed S` computes it (src/cli/mc.ts, one thread). */
async function cliMonteCarlo(draws: number, seed: number): Promise<MonteCarloResult> {
  const input = readResolved('seeds/xiping')
  if (!input.ok) throw new Error(JSON.stringify(input.issues))
  const r = await runMonteCarlo(input.value.resolved, input.value.scenario, { draws, seed, file: input.value.scenarioFile })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

/** Read what the page shows of a Monte Carlo run: the fan chart's series, the 2025 table and the probabilities. */
async function shown(page: Page) {
  const fan = await page.$eval('[data-testid="chart-fan"]', (el) =>
    (el as unknown as { data: { name?: string; y: number[] }[] }).data.slice(0, 5).map((d) => Array.from(d.y)),
  )
  const table = await page.$$eval('[data-testid^="mc-"][data-v]', (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-testid'), Number(e.getAttribute('data-v'))])),
  )
  const probs = await page.$$eval('[data-testid^="prob-"]', (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-testid'), Number(e.getAttribute('data-prob'))])),
  )
  const all = Number(await page.getAttribute('[data-testid="mc-prob-all"]', 'data-prob'))
  return { fan, table, probs, all }
}

async function runMc(page: Page, draws: number, seed: number, workers: string) {
  await page.fill('[data-testid="mc-draws"]', String(draws))
  await page.fill('[data-testid="mc-seed"]', String(seed))
  await page.selectOption('[data-testid="mc-workers"]', workers)
  const t0 = Date.now()
  await page.click('[data-testid="mc-run"]')
  await page.waitForSelector(`[data-testid="mc-summary"][data-draws="${draws}"][data-seed="${seed}"][data-workers="${workers}"]`, { timeout: 120_000 })
  await page.waitForSelector('[data-testid="mc-run"]:not([disabled])')
  await page.waitForSelector('[data-testid="chart-fan"][data-rev]')
  await page.waitForSelector('[data-testid="chart-tornado"][data-rev]')
  return Date.now() - t0
}

describe('uncertainty and optimisation in the app (built, in Chromium)', () => {
  it('gives the CLI numbers for the same seed and draws, on one worker and split over two; cancels a long run', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await openApp(ctx, base)
    const N = 500
    const ms1 = await runMc(page, N, 42, '1')
    const one = await shown(page)
    const cli = await cliMonteCarlo(N, 42)
    const Y = cli.years.length
    const yi = cli.years.indexOf(2025)
    // Fan chart: P5, P95, P25, P75, P50 of NOx over every year, exactly the CLI's.
    const nox = (q: number) => Array.from(cli.percentiles[`p${q}` as 'p5'].subarray(0, Y))
    expect(one.fan).toEqual([nox(5), nox(95), nox(25), nox(75), nox(50)])
    POLLUTANTS.forEach((p, k) => {
      for (const q of PERCENTILES) expect(one.table[`mc-${p}-p${q}`]).toBe(cli.percentiles[`p${q}`][k * Y + yi])
    })
    expect(one.probs).toEqual(Object.fromEntries(cli.targets.map((t) => [`prob-${t.id}`, t.probability])))
    expect(one.all).toBe(cli.allTargets)
    console.log(
      `xiping ${N} draws seed 42 in the browser (${ms1} ms, 1 worker): NOx 2025 deterministic ${cli.deterministicTotals[yi]} P5 ${one.table['mc-NOx-p5']} P50 ${one.table['mc-NOx-p50']?.toFixed(1)} P95 ${one.table['mc-NOx-p95']?.toFixed(1)}; ` +
        `P(met) ${JSON.stringify(one.probs)}, all ${one.all} — equal to the CLI path`,
    )
    await page.locator('[data-testid="analysis"]').screenshot({ path: join(ARTIFACTS, 'analysis-mc-zh.png') })
    await page.locator('[data-testid="kpi-NOx"]').screenshot({ path: join(ARTIFACTS, 'analysis-kpi-zh.png') })

    // The same run split over the main worker and a nested helper worker gives the same numbers.
    const ms2 = await runMc(page, N, 42, '2')
    expect(await shown(page)).toEqual(one)
    console.log(`the same run split over 2 workers: ${ms2} ms, identical`)

    // A long run shows progress and stops on cancel; the last result stays.
    await page.fill('[data-testid="mc-draws"]', '500000')
    await page.selectOption('[data-testid="mc-workers"]', '1')
    await page.click('[data-testid="mc-run"]')
    await page.waitForSelector('[data-testid="mc-progress"]:not([data-done="0"])')
    await page.click('[data-testid="mc-cancel"]')
    await page.waitForSelector('[data-testid="mc-cancelled"]')
    expect(await page.isVisible('[data-testid="mc-progress"]')).toBe(false)
    expect(await page.getAttribute('[data-testid="mc-summary"]', 'data-draws')).toBe(String(N))
    expect(await page.getAttribute('[data-testid="mc-summary"]', 'data-stale')).toBe('false')
    await ctx.close()
  })

  it('optimises, shows the proposal, and accepting it meets both targets (one undoable edit)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await openApp(ctx, base)
    // A deliberately weakened plan: road-to-rail, China III heavy-truck retirement and the VOCs treatment upgrade at
    // level 0, so both targets are missed (NOx ≈ 3,906 t vs ≤ 3,764 t, VOCs ≈ 2,462 t vs ≤ 2,266 t).
    for (const id of ['road-freight-share', 'cn3-heavy-truck-retire', 'vocs-treatment-upgrade']) {
      await page.fill(`[data-testid="level-${id}"]`, '0')
      await settled(page)
    }
    await page.waitForSelector('[data-testid="target-nox-2025"][data-met="false"]')
    await page.waitForSelector('[data-testid="target-vocs-2025"][data-met="false"]')
    await runMc(page, 200, 42, '1')
    expect(await page.getAttribute('[data-testid="prob-nox-2025"]', 'data-stale')).toBe('false')
    // Costs per measure in the table and the MAC curve.
    await page.waitForSelector('[data-testid="cpt-gas-boiler-low-nox-NOx"][data-v]')
    await page.waitForSelector('[data-testid="chart-mac"][data-rev]')

    const t0 = Date.now()
    await page.click('[data-testid="opt-run"]')
    await page.waitForSelector('[data-testid="opt-result"]', { timeout: 120_000 })
    const wall = Date.now() - t0
    expect(await page.getAttribute('[data-testid="opt-result"]', 'data-status')).toBe('optimal')
    console.log(
      `optimise Xiping (three measures off) in the browser: ${wall} ms click to proposal, ${await page.getAttribute('[data-testid="opt-result"]', 'data-ms')} ms in the worker`,
    )
    await page.locator('[data-testid="opt-result"]').screenshot({ path: join(ARTIFACTS, 'analysis-optimise-zh.png') })

    await page.click('[data-testid="opt-accept"]')
    await page.waitForSelector('[data-testid="target-nox-2025"][data-met="true"]')
    await settled(page)
    expect(await page.getAttribute('[data-testid="target-nox-2025"]', 'data-met')).toBe('true')
    expect(await page.getAttribute('[data-testid="target-vocs-2025"]', 'data-met')).toBe('true')
    // The Monte Carlo result belongs to the scenario before the edit: marked stale on the cards.
    expect(await page.getAttribute('[data-testid="prob-nox-2025"]', 'data-stale')).toBe('true')
    // Accept is one edit: one undo brings back the weakened plan.
    await page.click('[data-testid="undo"]')
    await page.waitForSelector('[data-testid="target-nox-2025"][data-met="false"]')
    await page.waitForSelector('[data-testid="target-vocs-2025"][data-met="false"]')
    expect(await page.inputValue('[data-testid="level-road-freight-share"]')).toBe('0')
    expect(await page.inputValue('[data-testid="level-vocs-treatment-upgrade"]')).toBe('0')
    await page.click('[data-testid="lang"]')
    await settled(page)
    await page.locator('[data-testid="analysis"]').screenshot({ path: join(ARTIFACTS, 'analysis-en.png') })
    await shot(page, 'analysis-page-en.png')
    await ctx.close()
  })

  it('names the target that cannot be met and the most that can be achieved (Xianyang 2023)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await openApp(ctx, base)
    await page.selectOption('[data-testid="plan-picker"]', 'xianyang-2023')
    await page.waitForSelector('[data-testid="target-nox-2023"][data-met="false"]')
    await settled(page)
    await page.click('[data-testid="opt-run"]')
    await page.waitForSelector('[data-testid="opt-result"]', { timeout: 120_000 })
    expect(await page.getAttribute('[data-testid="opt-result"]', 'data-status')).toBe('infeasible')
    expect(await page.isVisible('[data-testid="opt-accept"]')).toBe(false)
    const nox = page.locator('[data-testid="opt-limit-nox-2023"]')
    expect(await nox.getAttribute('data-achievable')).toBe('false')
    expect(await page.getAttribute('[data-testid="opt-limit-vocs-2023"]', 'data-achievable')).toBe('true')
    // The same analysis in the test process (src/cli/optimize.ts path) gives the same best point.
    const input = readResolved('seeds/xianyang-2023')
    if (!input.ok) throw new Error(JSON.stringify(input.issues))
    const cli = await optimizeLevels(input.value.resolved, input.value.scenario, highsSolver(), { file: input.value.scenarioFile })
    if (!cli.ok) throw new Error(JSON.stringify(cli.issues))
    const best = Number(await nox.getAttribute('data-best'))
    expect(best).toBeCloseTo(cli.value.limits.find((l) => l.id === 'nox-2023')?.best ?? NaN, 6)
    expect(await nox.textContent()).toContain('无法达到')
    console.log(`xianyang-2023: nox-2023 cannot be met; best ${best.toFixed(1)} t (CLI ${cli.value.limits[0]?.best.toFixed(1)} t)`)
    await page.locator('[data-testid="opt-result"]').screenshot({ path: join(ARTIFACTS, 'analysis-infeasible-zh.png') })
    await page.click('[data-testid="opt-reject"]')
    expect(await page.isVisible('[data-testid="opt-result"]')).toBe(false)
    await ctx.close()
  })
})
