import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, startApp, stopApp } from './harness'
import { kpi, openApp, settled, shot } from './page'

// Issue 18: a unit that carries a number (`10000 t`) was read as its bare unit (t), so a record counted 10^4 times
// too little and the app showed the wrong numbers without a word. In the built app in Chromium: the import is
// refused with the located bilingual message and the previous inventory still answers, with the same KPIs.

let server: Server
let base: string
let browser: Browser

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
})

afterAll(() => stopApp({ server, browser }))

const lines = readFileSync(join(ROOT, 'seeds/xiping/inventory.csv'), 'utf8').split('\n')
const header = lines.findIndex((l) => !l.startsWith('#'))
const info = (page: Page) => page.textContent('[data-testid="inventory-info"]')
const importCsv = (page: Page, name: string, text: string) =>
  page.setInputFiles('[data-testid="import-inventory"]', { name, mimeType: 'text/csv', buffer: Buffer.from(text) })

describe('a unit with a number is refused in the app (built app, Chromium)', () => {
  it('refuses 10000 t with its row and column, and keeps the inventory and KPIs it had', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await openApp(ctx, base)
    const before = { nox: await kpi(page, 'NOx'), vocs: await kpi(page, 'VOCs'), info: await info(page) }
    expect(before.nox).toBeGreaterThan(0)

    // The first record (PW01: 250,000 t of biomass) written as 25 "10000 t": the same quantity, if units took numbers.
    const k = header + 1
    const record = lines[k] ?? ''
    expect(record).toMatch(/^PW01,西平县,power\.heat,boiler-biomass,250000,t,/)
    const edited = [...lines]
    edited[k] = record.replace(',250000,t,', ',25,10000 t,')
    await importCsv(page, 'xiping-10000t.csv', edited.join('\n'))

    const issue = page.locator('[data-testid="inventory-issues"] .issue').first()
    await issue.waitFor()
    expect(await issue.locator('.issue-main').textContent()).toMatch(/单位 "10000 t" 含数值/)
    expect(await issue.locator('.issue-alt').textContent()).toMatch(/unit "10000 t" carries a number/)
    const where = await issue.locator('.issue-where').textContent()
    expect(where).toContain('xiping-10000t.csv')
    expect(where).toContain(`row ${k + 1}`)
    expect(where).toContain('unit')

    // The last good inventory still answers: same inventory, same numbers.
    await settled(page)
    expect(await info(page)).toBe(before.info)
    expect(await kpi(page, 'NOx')).toBe(before.nox)
    expect(await kpi(page, 'VOCs')).toBe(before.vocs)
    await shot(page, 'unit-prefix-refused.png')

    // The same record written with a unit name the alias table knows (25 万吨) is the same quantity, and is accepted.
    edited[k] = record.replace(',250000,t,', ',25,万吨,')
    const named = edited.map((l) => (l.startsWith('# name:') ? '# name: 万吨测试 25 万吨' : l))
    await importCsv(page, 'xiping-wan-dun.csv', named.join('\n'))
    await page.waitForFunction(`document.querySelector('[data-testid="inventory-info"]')?.textContent?.includes('万吨测试')`, undefined, {
      timeout: 60_000,
    })
    await settled(page)
    expect(await page.locator('[data-testid="inventory-issues"] .issue:not(.warning)').count()).toBe(0)
    expect(await kpi(page, 'NOx')).toBeCloseTo(before.nox, 6)
    expect(await kpi(page, 'VOCs')).toBeCloseTo(before.vocs, 6)
    await ctx.close()
  })
})
