import type { Server } from 'node:http'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ARTIFACTS, startApp, stopApp } from './harness'
import { biggestNoxMeasure, chartRev, countWorkerResults, kpi, openApp, REV, settled, shot, until, workerResults } from './page'

let server: Server
let base: string
let browser: Browser
const open = (ctx: BrowserContext): Promise<Page> => openApp(ctx, base)

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
})

afterAll(() => stopApp({ server, browser }))

/** What the three charts show in the focus year: trajectory scenario, waterfall's last bar, sum of sector bars. */
async function drawn(page: Page, kpiNox: number): Promise<{ trajectory: number; waterfall: number; sectors: number }> {
  return (await page.evaluate(`(() => {
    const k = ${kpiNox}
    const data = (id) => document.querySelector('[data-testid="' + id + '"]').data
    const scenario = Array.from(data('chart-trajectory')[1]?.y ?? [])
    // The focus year is where the drawn scenario equals the KPI; if none does, the chart is not current.
    const i = scenario.findIndex((y) => Math.abs(y - k) <= 1e-9 * Math.max(1, k))
    const wf = Array.from(data('chart-waterfall')[0]?.x ?? [])
    const sectors = data('chart-sectors').reduce((a, t) => a + (i >= 0 ? (Array.from(t.y)[i] ?? 0) : NaN), 0)
    return { trajectory: i >= 0 ? scenario[i] : NaN, waterfall: wf[wf.length - 1] ?? NaN, sectors }
  })()`)) as { trajectory: number; waterfall: number; sectors: number }
}

function expectCurrent(d: { trajectory: number; waterfall: number; sectors: number }, k: number): void {
  expect(d.trajectory).toBeCloseTo(k, 6)
  expect(d.waterfall).toBeCloseTo(k, 6)
  expect(Math.abs(d.sectors - k) / k).toBeLessThan(1e-9)
}

describe('charts that keep up with a slider (built, in Chromium)', () => {
  it('loads the partial Plotly bundle (not the full one) and draws the first chart', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const fetched: string[] = []
    ctx.on('response', (r) => fetched.push(r.url().replace(/^.*\//, '')))
    const page = await open(ctx)
    const plotlyFiles = fetched.filter((f) => /plotly/i.test(f))
    expect(plotlyFiles.length).toBe(1)
    expect(plotlyFiles[0]).toMatch(/^plotly-finance\.min-.*\.js$/)
    const t = (await page.evaluate(`({
      plotly: performance.getEntriesByType('resource').find((e) => /plotly/.test(e.name))?.startTime,
      result: performance.getEntriesByName('lantian:result')[0]?.startTime,
    })`)) as { plotly?: number; result?: number }
    console.log(`[speed] Plotly chunk requested at ${t.plotly?.toFixed(0)} ms, last worker result at ${t.result?.toFixed(0)} ms after navigation`)
    await ctx.close()
  })

  it('a fast drag draws each chart at most once per result and leaves every chart current', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const id = await biggestNoxMeasure(page)
    const slider = page.locator(`[data-testid="level-${id}"]`)
    await slider.focus()
    const start = Number(await slider.inputValue())
    const revs0 = await Promise.all(['chart-trajectory', 'chart-waterfall', 'chart-sectors'].map((c) => chartRev(page, c)))
    // Count the worker results delivered during the burst (each result's mark replaces the last one).
    await countWorkerResults(page)
    for (let k = 0; k < 30; k++) await page.keyboard.press('ArrowLeft', { delay: 0 })
    await page.waitForTimeout(50)
    await settled(page)
    expect(Number(await slider.inputValue())).toBe(Math.max(0, start - 30))
    const results = await workerResults(page)
    const revs = await Promise.all(['chart-trajectory', 'chart-waterfall', 'chart-sectors'].map((c) => chartRev(page, c)))
    const draws = revs.map((r, i) => r - (revs0[i] as number))
    console.log(`[speed] 30 key presses → ${results} worker results → draws per chart ${draws.join(', ')}`)
    for (const d of draws) {
      expect(d).toBeGreaterThan(0)
      expect(d).toBeLessThanOrEqual(results)
    }
    expectCurrent(await drawn(page, await kpi(page, 'NOx')), await kpi(page, 'NOx'))
    await ctx.close()
  })

  it('a slider step takes the light trace-only path, and it leaves the same SVG as a full redraw', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    await page.selectOption('[data-testid="plan-picker"]', 'nanyang')
    await settled(page)
    const id = await biggestNoxMeasure(page)
    const slider = page.locator(`[data-testid="level-${id}"]`)
    await slider.focus()
    const charts = ['chart-trajectory', 'chart-waterfall', 'chart-sectors']
    // Note how each chart was last drawn (plotly-chart.tsx measures a light update as lantian:plot:<chart>:light).
    await page.evaluate(`(() => {
      window.__last = {}
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.name.startsWith('lantian:plot:')) window.__last[e.name.split(':')[2]] = e.name.endsWith(':light')
      }).observe({ entryTypes: ['measure'] })
    })()`)
    await countWorkerResults(page)
    // Step until every chart's last update was a light one (an axis end crossing a step makes a full redraw).
    let light: Record<string, boolean> = {}
    for (let k = 0; k < 10 && !charts.every((c) => light[c]); k++) {
      const rev = await chartRev(page)
      // Pressed on the slider itself: a keyboard press goes wherever the focus is, and under load it had moved.
      await slider.press('ArrowLeft')
      await until(page, `${REV} > ${rev}`)
      await settled(page)
      light = (await page.evaluate('window.__last')) as Record<string, boolean>
      // The step was asked from the event handler; the render it caused did not ask for the same run again.
      expect(await workerResults(page)).toBe(k + 1)
    }
    expect(charts.filter((c) => !light[c])).toEqual([])
    // The SVG Plotly leaves behind is compared (raster can differ by a shade in a pixel between equal SVGs).
    const svg = () => Promise.all(charts.map((c) => page.$eval(`[data-testid="${c}"]`, (el) => el.innerHTML)))
    const afterLight = await svg()
    // The pollutant toggle there and back redraws every chart in full, from the same result.
    await page.click('[data-testid="chart-VOCs"]')
    await settled(page)
    await page.click('[data-testid="chart-NOx"]')
    await settled(page)
    const afterFull = await svg()
    charts.forEach((c, i) => {
      // Kept for people to compare when they differ (test/artifacts is gitignored).
      if (afterLight[i] !== afterFull[i])
        for (const [k, x] of [
          ['light', afterLight[i]],
          ['full', afterFull[i]],
        ])
          writeFileSync(join(ARTIFACTS, `${c}-${k}.svg.txt`), (x ?? '').replace(/></g, '>\n<'))
      expect(afterLight[i] === afterFull[i], `${c}: the light and the full draw left different SVG (test/artifacts/${c}-*.svg.txt)`).toBe(true)
    })
    expectCurrent(await drawn(page, await kpi(page, 'NOx')), await kpi(page, 'NOx'))
    await ctx.close()
  })

  it('an off-screen chart waits while the slider moves, then is drawn and current', async () => {
    // 700 px high: the sector chart starts below the fold.
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 700 } })
    const page = await open(ctx)
    expect(await page.evaluate(`document.querySelector('[data-testid="chart-sectors"]').getBoundingClientRect().top > innerHeight`)).toBe(true)
    const id = await biggestNoxMeasure(page)
    const slider = page.locator(`[data-testid="level-${id}"]`)
    await slider.focus()
    const r0 = await chartRev(page)
    const s0 = await chartRev(page, 'chart-sectors')
    // Note the sector chart's state at the moment the trajectory has drawn the new result.
    await page.evaluate(`(() => {
      const traj = document.querySelector('[data-testid="chart-trajectory"]')
      const sectors = document.querySelector('[data-testid="chart-sectors"]')
      const mo = new MutationObserver(() => {
        window.__seen = { stale: sectors.dataset.drawPending === 'true', rev: sectors.dataset.rev }
        mo.disconnect()
      })
      mo.observe(traj, { attributes: true, attributeFilter: ['data-rev'] })
    })()`)
    await page.keyboard.press('ArrowLeft')
    await until(page, `${REV} > ${r0}`)
    const seen = (await page.evaluate('window.__seen')) as { stale: boolean; rev: string }
    expect(seen.stale).toBe(true)
    expect(Number(seen.rev)).toBe(s0)
    // Once the slider is still, the off-screen chart catches up without being scrolled to.
    await settled(page)
    expect(await chartRev(page, 'chart-sectors')).toBeGreaterThan(s0)
    expectCurrent(await drawn(page, await kpi(page, 'NOx')), await kpi(page, 'NOx'))

    // Scrolling a stale chart into view draws it at once.
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft', { delay: 0 })
    await page.locator('[data-testid="chart-sectors"]').scrollIntoViewIfNeeded()
    await settled(page)
    expectCurrent(await drawn(page, await kpi(page, 'NOx')), await kpi(page, 'NOx'))
    await shot(page, 'speed-offscreen-scrolled.png')
    await ctx.close()
  })
})
