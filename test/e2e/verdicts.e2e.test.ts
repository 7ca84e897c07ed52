import type { Server } from 'node:http'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, stopApp } from './harness'
import { openApp, settled, shot, until } from './page'

// "What this verdict rests on" (issue 14 items 4 and 8): the flip-point panel opened from a KPI card, moving to an
// input from it and editing it past its flip point; the mandate flag; the P(met) basis is in analysis.e2e.test.ts.

let server: Server
let base: string
let browser: Browser
let ctx: BrowserContext
let page: Page

const attr = (sel: string, name: string) => page.getAttribute(sel, name)
/** The panel shows the answer for the run on screen, with at least one flip point. */
const PANEL_CURRENT = `document.querySelector('[data-testid="verdicts-panel"][data-current="true"] .flip-row') !== null`

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
  ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
  page = await openApp(ctx, base)
})

afterAll(async () => {
  await ctx?.close()
  await stopApp({ server, browser })
})

describe('what a verdict rests on (built, in Chromium)', () => {
  it('opens from a KPI card, moves to the closest input, and editing it past its flip point flips the verdict', async () => {
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('xiping')
    const target = 'nox-2025'
    const met = await attr(`[data-testid="target-${target}"]`, 'data-met')
    await page.click(`[data-testid="rests-on-${target}"]`)
    await until(page, PANEL_CURRENT)
    expect(await attr('[data-testid="verdicts-panel"]', 'data-target')).toBe(target)
    // The list is ranked: distances never decrease down the list.
    const distances = await page.$$eval('[data-testid="verdicts-panel"] .flip-distance', (els) =>
      els.map((el) => Number((el.textContent ?? '').replace(/[^\d.]/g, ''))),
    )
    expect(distances.length).toBeGreaterThan(0)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    // The closest input the plan edits (an emission factor is a library number: its row is not a button).
    const rows = await page.$$eval('[data-testid="verdicts-panel"] .flip-row', (els) =>
      els.map((el) => ({
        kind: el.getAttribute('data-kind') ?? '',
        value: Number(el.getAttribute('data-value')),
        flip: Number(el.getAttribute('data-flip')),
        testId: el.getAttribute('data-testid') ?? '',
        enabled: !(el.querySelector('button.flip-go') as { disabled?: boolean } | null)?.disabled,
      })),
    )
    const closest = rows.find((r) => r.enabled)
    expect(closest, JSON.stringify(rows)).toBeDefined()
    if (!closest) return
    await page.click(`[data-testid="${closest.testId.replace('flip-', 'flip-go-')}"]`)
    const focused = await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)
    console.log(`[verdicts] ${target}: closest editable input ${closest.kind} ${closest.value} → flip ${closest.flip}; moved to ${focused}`)
    expect(typeof focused).toBe('string')
    expect(await page.isVisible(`[data-testid="${focused}"]`)).toBe(true)
    // Past the flip point by 1 % of the distance (or a whole per cent for a level slider), on the far side.
    const past =
      closest.kind === 'level'
        ? String(closest.flip < closest.value ? Math.ceil(closest.flip * 100) - 1 : Math.floor(closest.flip * 100) + 1)
        : String(closest.flip + (closest.flip - closest.value) * 0.01)
    await page.fill(`[data-testid="${focused}"]`, past)
    await until(page, `document.querySelector('[data-testid="target-${target}"]')?.getAttribute('data-met') === '${met === 'true' ? 'false' : 'true'}'`)
    await settled(page)
    // The panel follows the edit: recomputed for the new run, with the new verdict.
    await until(page, PANEL_CURRENT)
    expect(await attr('[data-testid="verdicts-met"]', 'data-met')).toBe(met === 'true' ? 'false' : 'true')
    await shot(page, 'verdicts-panel.png')
    // Undo: the verdict is back.
    await page.click('[data-testid="undo"]')
    await until(page, `document.querySelector('[data-testid="target-${target}"]')?.getAttribute('data-met') === '${met}'`)
    await page.click('[data-testid="verdicts-close"]')
    expect(await page.$('[data-testid="verdicts-panel"]')).toBeNull()
  })

  it('flags a mandated level lowered below its mandate (Weidu: gasifier-to-gas, mandated at 100 %)', async () => {
    await page.selectOption('[data-testid="plan-picker"]', 'weidu')
    await settled(page)
    await page.waitForSelector('[data-testid="measure-gasifier-to-gas"]')
    expect(await page.$('[data-testid="measure-gasifier-to-gas"] [data-testid="mandate-below"]')).toBeNull()
    await page.fill('[data-testid="level-gasifier-to-gas"]', '50')
    await page.waitForSelector('[data-testid="measure-gasifier-to-gas"] [data-testid="mandate-below"]')
    expect(await page.getAttribute('[data-testid="measure-gasifier-to-gas"] [data-testid="mandate-below"]', 'title')).toContain('三（二）')
    await page.fill('[data-testid="level-gasifier-to-gas"]', '100')
    await until(page, `document.querySelector('[data-testid="measure-gasifier-to-gas"] [data-testid="mandate-below"]') === null`)
    await settled(page)
  })
})
