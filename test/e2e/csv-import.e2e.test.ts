import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, startApp, stopApp } from './harness'
import { kpi, openApp, settled, shot, until } from './page'

// Inventory CSV import through the app's own columnar reader, in the built app in Chromium: a file written the
// way spreadsheets write it (BOM, CRLF, every cell quoted, a comma and a line break inside a cell) gives the same
// result as the seed's plain file; a broken quote is refused with its row; a 100k-record file is read in the worker.

let server: Server
let base: string
let browser: Browser
const open = (ctx: BrowserContext): Promise<Page> => openApp(ctx, base)

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
})

afterAll(() => stopApp({ server, browser }))

const seedCsv = readFileSync(join(ROOT, 'seeds/xiping/inventory.csv'), 'utf8')
const seedLines = seedCsv.split(/\r?\n/)
const meta = seedLines.filter((l) => l.startsWith('#') && !l.startsWith('# name:'))
// The seed has quoted cells of its own; papaparse (a dev dependency) splits it here, independently of the app.
const [headerCells = [], ...recordCells] = Papa.parse<string[]>(seedLines.filter((l) => !l.startsWith('#')).join('\n'), { skipEmptyLines: true }).data
const quoted = (c: string) => `"${c.replace(/"/g, '""')}"`
/** Write cells as a CSV line, quoting only where needed. */
const plain = (cs: string[]) => cs.map((c) => (/[",\r\n]/.test(c) ? quoted(c) : c)).join(',')
const header = plain(headerCells)
const records = recordCells.map(plain)

const importCsv = (page: Page, name: string, text: string) =>
  page.setInputFiles('[data-testid="import-inventory"]', { name, mimeType: 'text/csv', buffer: Buffer.from(text) })
const info = (page: Page) => page.textContent('[data-testid="inventory-info"]')

describe('inventory CSV import (built app, Chromium)', () => {
  it('reads a quoted CRLF file with BOM like the plain seed file and refuses a stray quote with its row', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const nox = await kpi(page, 'NOx')

    const descAt = headerCells.indexOf('desc')
    const rows = recordCells.map((r, k) => {
      const cs = [...r]
      // A comma, a doubled quote and a line break inside one text cell that no calculation reads.
      if (k === 0) cs[descAt] = `${cs[descAt] ?? ''}, "引号"\r\n第二行`
      return cs.map(quoted).join(',')
    })
    const text = `\ufeff${[...meta, '# name: 导入测试 quoted CRLF', headerCells.map(quoted).join(','), ...rows].join('\r\n')}\r\n`
    await importCsv(page, 'xiping-quoted.csv', text)
    await until(page, `document.querySelector('[data-testid="inventory-info"]')?.textContent?.includes('导入测试')`)
    await settled(page)
    expect(await info(page)).toContain(String(records.length))
    expect(await kpi(page, 'NOx')).toBe(nox)
    await shot(page, 'csv-import-quoted.png')

    // A stray opening quote on the third record (file line = metadata lines + header + 3) runs to the next quote
    // of the file, which text follows: refused as a misplaced quote on that row; the last good import stays.
    const broken = [...meta, header, records[0], records[1], `"${records[2] ?? ''}`, ...records.slice(3)].join('\n')
    await importCsv(page, 'broken-quote.csv', broken)
    const issue = page.locator('[data-testid="inventory-issues"] .issue').first()
    await issue.waitFor()
    expect(await issue.locator('.issue-main').textContent()).toContain('引号位置错误')
    expect(await issue.locator('.issue-alt').textContent()).toContain('misplaced quote')
    expect(await issue.locator('.issue-where').textContent()).toContain(`row ${meta.length + 4}`)
    expect(await info(page)).toContain('导入测试')
    expect(await kpi(page, 'NOx')).toBe(nox)
    await shot(page, 'csv-import-broken-quote.png')
    await ctx.close()
  })

  it('imports a 100,000-record inventory (the seed records repeated with new ids)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const n = 100_000
    const out = [...meta, '# name: 十万条 100k records', header]
    for (let i = 0; i < n; i++) {
      const cs = [...(recordCells[i % recordCells.length] ?? [])]
      cs[0] = `${cs[0]}-${i}`
      out.push(plain(cs))
    }
    const text = `${out.join('\n')}\n`
    const t = performance.now()
    await importCsv(page, 'xiping-100k.csv', text)
    await until(page, `document.querySelector('[data-testid="inventory-info"]')?.textContent?.includes('十万条')`)
    await settled(page)
    const ms = performance.now() - t
    console.log(`[csv-import] ${n} records, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB: import to redrawn result ${ms.toFixed(0)} ms`)
    expect((await info(page))?.replace(/[,\s]/g, '')).toContain(String(n))
    expect(await page.locator('[data-testid="inventory-issues"] .issue').count()).toBe(0)
    expect(await kpi(page, 'NOx')).toBeGreaterThan(0)
    await shot(page, 'csv-import-100k.png')
    await ctx.close()
  })
})
