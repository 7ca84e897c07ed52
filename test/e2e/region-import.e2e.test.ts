import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, stopApp } from './harness'
import { KPI_NOX, kpi, openApp, settled, shot, until } from './page'

// Issue 18: a scenario whose region matches nothing in the inventory made targets look met on 0 t. In the built app,
// importing one is refused with the error at `regions.0`, and the plan on screen still answers.
let server: Server
let base: string
let browser: Browser
let ctx: BrowserContext
let page: Page

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
  ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
  page = await openApp(ctx, base)
})

afterAll(async () => {
  await ctx?.close()
  await stopApp({ server, browser })
})

describe('a scenario import with a region typo (built, in Chromium)', () => {
  it('is refused with a located bilingual error, and the previous plan still answers', async () => {
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('xiping')
    const before = await kpi(page, 'NOx')
    // 东平县 for 西平县: no seed has that region, so it is checked on the plan on screen, whose inventory lacks it.
    const yaml = readFileSync('seeds/xiping/scenario.yaml', 'utf8')
      .replace(/^id: xiping$/m, 'id: typo-xp')
      .replace(/^regions: \[西平县\]$/m, 'regions: [东平县]')
    expect(yaml).toContain('regions: [东平县]')
    await page.setInputFiles('[data-testid="import-scenario"]', { name: 'typo.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml) })
    const issue = page.locator('[data-testid="scenario-import-issues"] .issue').first()
    await issue.waitFor()
    const where = (await issue.locator('.issue-where').textContent()) ?? ''
    expect(where).toContain('typo.yaml')
    expect(where).toContain('regions.0')
    expect(await issue.locator('.issue-main').textContent()).toMatch(/东平县.*没有任何记录/)
    expect(await issue.locator('.issue-alt').textContent()).toMatch(/region "东平县" has no records in the inventory/)
    await shot(page, 'region-import-refused.png')
    // Nothing changed: the same plan, no user scenario added, the same numbers.
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('xiping')
    expect(await page.locator('[data-testid="plan-picker"] option[value="user:typo-xp"]').count()).toBe(0)
    expect(await kpi(page, 'NOx')).toBe(before)
    // And it still answers: a later deadline raises 2025 NOx, undo brings it back to the bit.
    await page.fill('[data-testid="complete-gas-boiler-low-nox"]', '2027-12')
    await until(page, `${KPI_NOX} > ${before}`)
    await page.click('[data-testid="undo"]')
    await until(page, `${KPI_NOX} === ${before}`)
    await settled(page)
  })
})
