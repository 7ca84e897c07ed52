import type { Server } from 'node:http'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers'
import { cliSession } from '../session/session-helpers'
import { startApp, stopApp } from './harness'
import { kpi, openApp, scenarioSeries, settled, shot, until } from './page'

// Issue 13 item 4: Nanyang shows per-county results in the app and the CLI. In the built app in Chromium: pick
// 桐柏县, the KPI card and the trajectory show that county's NOx (the CLI's `--region 桐柏县` figure), the plan-wide
// targets are greyed as applying to the whole area, the pick survives a reload through ?region=, and 全部 brings
// back the total.

let server: Server
let base: string
let browser: Browser

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
})

afterAll(() => stopApp({ server, browser }))

describe('region picker (built app, Chromium)', () => {
  it('shows 桐柏县 as the CLI does, greys the whole-area targets, keeps the pick in the URL and returns to the total', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await openApp(ctx, base)
    // One region (Xiping): no picker.
    expect(await page.locator('[data-testid="region-picker"]').count()).toBe(0)
    await page.selectOption('[data-testid="plan-picker"]', 'nanyang')
    await until(page, `document.querySelector('[data-testid="region-picker"]') !== null`)
    await settled(page)
    const options = await page.$$eval('[data-testid="region-picker"] option', (os) => os.map((o) => o.textContent))
    expect(options).toEqual(['全部', '桐柏县', '西峡县', '淅川县', '南召县', '邓州市', '南阳市其余县区'])
    const total = await kpi(page, 'NOx')

    // The CLI's figure for the county: its session's region view to the bit, and its printed table to 0.1 t.
    const { view } = cliSession('nanyang')
    const yi = view.years.indexOf(view.focusYear)
    const county = view.regions.find((r) => r.regions[0] === '桐柏县')?.scenario.NOx[yi] as number
    expect(view.scenario.NOx[yi]).toBe(total)
    const table = await runCli(['run', 'seeds/nanyang', '--region', '桐柏县'])
    const printed = Number(/\n {2}NOx\s+[\d,.]+\s+[\d,.]+\s+([\d,.]+)/.exec(table.out)?.[1]?.replace(/,/g, ''))
    expect(Math.abs(printed - county)).toBeLessThanOrEqual(0.05)

    await page.selectOption('[data-testid="region-picker"]', '桐柏县')
    await until(page, `Number(document.querySelector('[data-testid="kpi-NOx"]')?.getAttribute('data-value')) !== ${total}`)
    expect(await kpi(page, 'NOx')).toBe(county)
    expect(county).toBeLessThan(total / 3)
    // The trajectory chart follows (drawn from the same numbers).
    await until(page, `document.querySelector('[data-draw-pending]') === null`)
    expect((await scenarioSeries(page))[yi]).toBeCloseTo(county, 6)
    for (const id of ['chart-trajectory', 'chart-waterfall', 'chart-sectors'])
      expect(await page.$eval(`[data-testid="${id}"]`, (el) => (el as unknown as { layout: { title: { text: string } } }).layout.title.text)).toContain(
        '桐柏县',
      )
    // The plan's targets are set for the whole city: greyed, with where they apply.
    const target = page.locator('[data-testid="target-nox-2025"]')
    expect(await target.getAttribute('data-applies')).toBe('false')
    expect(await target.textContent()).toContain('目标适用于全市')
    expect(decodeURIComponent(page.url())).toContain('?region=桐柏县')
    await shot(page, 'region-tongbai.png')

    // Reloading the page (or opening a shared link made now) shows the same county.
    await page.reload()
    await settled(page)
    await until(page, `document.querySelector('[data-testid="region-picker"]')?.value === '桐柏县'`)
    expect(await kpi(page, 'NOx')).toBe(county)

    // 全部 / All: back to the total, to the bit, and the targets apply again.
    await page.selectOption('[data-testid="region-picker"]', '')
    await until(page, `Number(document.querySelector('[data-testid="kpi-NOx"]')?.getAttribute('data-value')) === ${total}`)
    expect(await page.locator('[data-testid="target-nox-2025"]').getAttribute('data-applies')).toBeNull()
    expect(page.url()).not.toContain('region=')
    await ctx.close()
  })
})
