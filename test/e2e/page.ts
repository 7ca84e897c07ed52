// Page helpers shared by the end-to-end test files.
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { ARTIFACTS } from './harness'

/** Open the app at `base` in a new page of `ctx` and wait until its first result is drawn. */
export async function openApp(ctx: BrowserContext, base: string, query = '', hash = ''): Promise<Page> {
  const page = await ctx.newPage()
  page.on('pageerror', (e) => console.error('[pageerror]', e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('[console]', m.text())
  })
  await page.goto(`${base}${query}${hash}`)
  await settled(page)
  return page
}

/**
 * Wait until a result is shown, no run is pending, the trajectory chart has drawn and no chart still owes a draw
 * (`data-draw-pending`: an off-screen chart is drawn a moment after its last change, see plotly-chart.tsx).
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-ready="true"][data-busy="false"]', { timeout: 60_000 })
  await page.waitForSelector('[data-testid="chart-trajectory"][data-rev]', { timeout: 60_000 })
  try {
    await page.waitForFunction(`document.querySelector('[data-draw-pending]') === null`, undefined, { timeout: 60_000 })
  } catch (e) {
    // Name the charts that never caught up, so a failure says where to look.
    const stale = await page.$$eval('[data-draw-pending]', (els) => els.map((el) => el.getAttribute('data-testid') ?? el.tagName))
    throw new Error(`charts still owing a draw after 60 s: ${stale.join(', ')}`, { cause: e })
  }
}

/** Wait for a condition evaluated in the page (a string, so this Node-typed file needs no DOM types). */
export async function until(page: Page, expr: string): Promise<void> {
  await page.waitForFunction(expr, undefined, { timeout: 60_000 })
}

/** Page expressions for `until`: the NOx KPI value, the trajectory chart's revision, the presenter progress. */
export const KPI_NOX = `Number(document.querySelector('[data-testid="kpi-NOx"]')?.getAttribute('data-value'))`
export const REV = `Number(document.querySelector('[data-testid="chart-trajectory"]')?.getAttribute('data-rev'))`
export const PROGRESS = `document.querySelector('[data-testid="present-progress"]')?.textContent?.replace(/\\s/g, '')`

/** Return the value of a KPI card (t/yr, the focus year). */
export async function kpi(page: Page, p: 'NOx' | 'VOCs'): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="kpi-${p}"]`, 'data-value'))
}

/** Return how often a chart has been drawn. */
export async function chartRev(page: Page, id = 'chart-trajectory'): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-rev'))
}

/** Return the scenario series drawn in the trajectory chart. */
export async function scenarioSeries(page: Page): Promise<number[]> {
  return page.$eval('[data-testid="chart-trajectory"]', (el) => {
    const data = (el as unknown as { data: { y: number[] }[] }).data
    return Array.from(data[1]?.y ?? [])
  })
}

/** Return the id of the measure with the largest NOx credit (seed-independent). */
export async function biggestNoxMeasure(page: Page): Promise<string> {
  return page.$$eval('[data-credit-nox]', (els) => {
    let best = ''
    let max = -1
    for (const el of els) {
      const v = Number(el.getAttribute('data-credit-nox'))
      if (v > max) {
        max = v
        best = (el.getAttribute('data-testid') ?? '').replace(/^measure-/, '')
      }
    }
    return best
  })
}

/** Save a full-page screenshot into test/artifacts/ for people to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true })
}

/** Start counting the worker results the app delivers (its `lantian:result` marks); read with `workerResults`. */
export async function countWorkerResults(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__results = 0
    new PerformanceObserver((l) => (window.__results += l.getEntriesByName('lantian:result').length)).observe({ entryTypes: ['mark'] })
  })()`)
}

/** Return how many worker results were delivered since `countWorkerResults`. */
export async function workerResults(page: Page): Promise<number> {
  return (await page.evaluate('window.__results')) as number
}
