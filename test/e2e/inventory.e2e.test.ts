import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, startApp, stopApp } from './harness'
import { KPI_NOX, kpi, openApp, settled, shot, until } from './page'

let server: Server
let base: string
let browser: Browser
const open = (ctx: BrowserContext, hash = ''): Promise<Page> => openApp(ctx, base, '', hash)
const newContext = () => browser.newContext({ viewport: { width: 1440, height: 1100 } })

const CSV = readFileSync('seeds/xiping/inventory.csv', 'utf8')
const LINES = CSV.split('\n')
const META = LINES.filter((l) => l.startsWith('#'))
const HEADER_LINE = LINES.findIndex((l) => !l.startsWith('#') && l.trim() !== '')
const CEMENT_ROW = LINES.findIndex((l) => l.startsWith('CE01,')) + 1
const BRICK_ROW = LINES.findIndex((l) => l.startsWith('BR01,')) + 1
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Build an XLSX of the Xiping inventory (metadata rows, header, records; numbers as numbers) with one cell changed. */
async function xipingXlsx(change: { id: string; activity: string | number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('清单')
  for (const m of META) ws.addRow([m])
  const rows = Papa.parse<string[]>(LINES.slice(HEADER_LINE).join('\n'), { skipEmptyLines: true }).data
  ws.addRow(rows[0])
  const activity = (rows[0] ?? []).indexOf('activity')
  for (const r of rows.slice(1)) {
    const cells: (string | number | null)[] = r.map((c) => (c === '' ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c))
    if (r[0] === change.id) cells[activity] = change.activity
    ws.addRow(cells)
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/** A CSV of `n` records that fits the Xiping scenario: its records repeated with new ids and varied activity. */
function bigCsv(n: number): string {
  const body = LINES.slice(HEADER_LINE + 1).filter((l) => l.trim() !== '')
  const out = [...META, LINES[HEADER_LINE]]
  let seed = 12345
  for (let k = 0; out.length - META.length - 1 < n; k++)
    for (const line of body) {
      if (out.length - META.length - 1 >= n) break
      const cells = Papa.parse<string[]>(line).data[0] ?? []
      cells[0] = `${cells[0]}-${k}`
      // A deterministic spread (0.5–1.5 ×) so the file does not compress to nothing.
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      cells[4] = String(Math.round(Number(cells[4]) * (0.5 + seed / 2 ** 32) * 100) / 100)
      out.push(Papa.unparse([cells]))
    }
  return `${out.join('\n')}\n`
}

const savedInventory = (file: string) =>
  `new Promise((resolve) => { const q = indexedDB.open('lantian'); q.onsuccess = () => { const g = q.result.transaction('state').objectStore('state').get('inventory:xiping'); g.onsuccess = () => resolve(g.result?.file === ${JSON.stringify(file)}) }; q.onerror = () => resolve(false) })`

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
})

afterAll(() => stopApp({ server, browser }))

describe('inventory view, XLSX import and keeping an uploaded inventory (built app, Chromium)', () => {
  it('imports an edited XLSX, refuses a bad one in place, and keeps the upload across reload, worker restart and a share link', async () => {
    const ctx = await newContext()
    const page = await open(ctx)
    const seedNox = await kpi(page, 'NOx')

    // 1. An XLSX with a brick kiln's activity raised: the KPI follows and the table shows the new value. (Not the
    // cement kiln: its NOx is an observed nox_t, which a change of activity does not move.)
    await page.setInputFiles('[data-testid="inventory-import"]', {
      name: 'xiping-edit.xlsx',
      mimeType: XLSX_MIME,
      buffer: await xipingXlsx({ id: 'BR01', activity: 1000000 }),
    })
    await until(page, `${KPI_NOX} !== ${seedNox}`)
    await settled(page)
    const edited = await kpi(page, 'NOx')
    console.log(`[inventory] NOx 2025: seed ${seedNox.toFixed(1)} t → edited XLSX ${edited.toFixed(1)} t`)
    expect(edited).toBeGreaterThan(seedNox)
    await page.waitForSelector('[data-testid="inventory-report"][data-ok="true"]')
    expect(await page.textContent('[data-testid="inventory-source"]')).toContain('xiping-edit.xlsx')
    await page.fill('[data-testid="inventory-filter-id"]', 'BR01')
    await page.waitForSelector('[data-testid="inventory-table"] tr[data-id="BR01"]')
    await until(page, `document.querySelectorAll('[data-testid="inventory-table"] tbody tr').length === 1`)
    expect(await page.textContent('tr[data-id="BR01"] [data-testid="inventory-activity"]')).toBe('1,000,000')
    expect(await page.getAttribute('tr[data-id="BR01"]', 'data-row')).toBe(String(BRICK_ROW))
    // The record's activity provenance is marked next to it, with its basis on hover.
    expect(await page.getAttribute('tr[data-id="BR01"] [data-testid="prov"]', 'data-kind')).toBe('assumed')
    expect(await page.getAttribute('tr[data-id="BR01"] [data-testid="prov"]', 'title')).toContain('brick')
    await page.locator('[data-testid="inventory-view"]').screenshot({ path: `${ARTIFACTS}/inventory-xlsx-imported.png` })

    // 2. A bad XLSX (text in activity): the report names sheet, row and column; the inventory and KPI stay.
    await page.setInputFiles('[data-testid="inventory-import"]', {
      name: 'xiping-bad.xlsx',
      mimeType: XLSX_MIME,
      buffer: await xipingXlsx({ id: 'CE01', activity: '七十七万' }),
    })
    await page.waitForSelector('[data-testid="inventory-report"][data-ok="false"]')
    const issue = page.locator('[data-testid="inventory-report-issue"]').first()
    const where = (await issue.locator('.inv-place').textContent()) ?? ''
    console.log(`[inventory] refusal: ${where} · ${await issue.locator('.issue-main').textContent()} / ${await issue.locator('.issue-alt').textContent()}`)
    expect(where).toBe(`xiping-bad.xlsx · 工作表 清单 · 第 ${CEMENT_ROW} 行 · 列 E (activity)`)
    expect(await issue.locator('.issue-main').textContent()).toMatch(/不是数值/)
    expect(await issue.locator('.issue-alt').textContent()).toMatch(/not a number/)
    await issue.locator('[data-testid="inventory-show-raw"]').click()
    expect(await page.textContent('[data-testid="inventory-raw-row"]')).toContain('七十七万')
    expect(await kpi(page, 'NOx')).toBe(edited)
    expect(await page.textContent('[data-testid="inventory-source"]')).toContain('xiping-edit.xlsx')
    // The toolbar list shows the same refusal (bilingual) as before this view existed.
    await page.waitForSelector('[data-testid="inventory-issues"] .issue')
    await shot(page, 'inventory-xlsx-refused.png')

    // 3. Reload: the uploaded inventory and the same KPI are back.
    await until(page, savedInventory('xiping-edit.xlsx'))
    await page.reload()
    await settled(page)
    expect(await kpi(page, 'NOx')).toBe(edited)
    expect(await page.textContent('[data-testid="inventory-source"]')).toContain('xiping-edit.xlsx')

    // 4. A worker crash: the restarted worker gets the uploaded inventory again (the refused one is not replayed).
    await page.evaluate("globalThis.__lantianWorker.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }))")
    await page.locator('[data-testid^="level-"]:not([disabled])').first().fill('0')
    await page.waitForSelector('[data-testid="worker-restarted"]', { timeout: 60_000 })
    await settled(page)
    await page.keyboard.press('Control+z')
    await until(page, `${KPI_NOX} === ${edited}`)

    // 5. A share link carries the (small) inventory: a fresh browser gets the same numbers.
    await page.click('[data-testid="share"]')
    const link = await page.inputValue('[data-testid="share-link"]')
    console.log(`[inventory] share link with the XLSX inventory: ${link.length} characters`)
    expect(await page.isVisible('[data-testid="inventory-notice"]')).toBe(false)
    const fresh = await newContext()
    const p2 = await fresh.newPage()
    await p2.goto(link)
    await settled(p2)
    expect(await kpi(p2, 'NOx')).toBe(edited)
    expect(await p2.textContent('[data-testid="inventory-source"]')).toContain('xiping-edit.xlsx')
    await fresh.close()

    // 6. Back to the plan's inventory: the seed's numbers, also after a reload.
    await page.click('[data-testid="inventory-back"]')
    await until(page, `${KPI_NOX} === ${seedNox}`)
    await settled(page)
    await until(page, `(${savedInventory('xiping-edit.xlsx')}).then((x) => !x)`)
    await page.reload()
    await settled(page)
    expect(await kpi(page, 'NOx')).toBe(seedNox)
    await ctx.close()
  })

  it('pages and filters a 20,000-record inventory; a link too large for it carries its fingerprint and the recipient is warned', async () => {
    const ctx = await newContext()
    const page = await open(ctx)
    const seedNox = await kpi(page, 'NOx')
    const csv = bigCsv(20000)
    const t0 = Date.now()
    await page.setInputFiles('[data-testid="inventory-import"]', { name: 'xiping-20k.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await until(page, `${KPI_NOX} !== ${seedNox}`)
    await settled(page)
    console.log(
      `[inventory] 20k-record CSV (${(csv.length / 1e6).toFixed(2)} MB): import → KPI ${Date.now() - t0} ms; NOx ${(await kpi(page, 'NOx')).toFixed(0)} t`,
    )
    await until(page, `document.querySelector('[data-testid="inventory-records"]')?.textContent === '20,000'`)
    expect(await page.getAttribute('[data-testid="inventory-pager"]', 'data-matched')).toBe('20000')
    expect(await page.locator('[data-testid="inventory-table"] tbody tr').count()).toBe(50)

    const flips: number[] = []
    for (let k = 1; k <= 5; k++) {
      const t1 = Date.now()
      await page.click('[data-testid="inventory-next"]')
      await until(page, `document.querySelector('[data-testid="inventory-pager"]')?.getAttribute('data-offset') === '${k * 50}'`)
      flips.push(Date.now() - t1)
    }
    expect(await page.textContent('[data-testid="inventory-range"]')).toBe('251–300 / 20,000')
    await page.click('[data-testid="inventory-last"]')
    await until(page, `document.querySelector('[data-testid="inventory-pager"]')?.getAttribute('data-offset') === '19950'`)
    expect(await page.locator('[data-testid="inventory-table"] tbody tr').count()).toBe(50)
    console.log(`[inventory] page flips (next page drawn): ${flips.join(', ')} ms`)

    const t2 = Date.now()
    await page.fill('[data-testid="inventory-filter-technology"]', 'kiln-cement')
    await until(page, `document.querySelector('[data-testid="inventory-pager"]')?.getAttribute('data-offset') === '0'`)
    const matched = Number(await page.getAttribute('[data-testid="inventory-pager"]', 'data-matched'))
    console.log(`[inventory] filter technology "kiln-cement": ${matched} records in ${Date.now() - t2} ms`)
    expect(matched).toBe(csv.split('\n').filter((l) => l.includes(',kiln-cement,')).length)
    const techs = await page.$$eval('[data-testid="inventory-table"] tbody tr td:nth-child(5)', (tds) => [...new Set(tds.map((td) => td.textContent))])
    expect(techs).toEqual(['kiln-cement'])
    await page.fill('[data-testid="inventory-filter-region"]', '不存在的县')
    await until(page, `document.querySelector('[data-testid="inventory-pager"]')?.getAttribute('data-matched') === '0'`)
    await page.fill('[data-testid="inventory-filter-region"]', '')
    await page.fill('[data-testid="inventory-filter-technology"]', '')
    await until(page, `document.querySelector('[data-testid="inventory-pager"]')?.getAttribute('data-matched') === '20000'`)
    await shot(page, 'inventory-20k.png')
    await page.click('[data-testid="lang"]')
    await until(page, `document.querySelector('[data-testid="inventory-toggle"]')?.textContent?.includes('Inventory and validation report')`)
    expect(await page.textContent('[data-testid="inventory-range"]')).toBe('1–50 / 20,000')
    await page.locator('[data-testid="inventory-view"]').screenshot({ path: `${ARTIFACTS}/inventory-20k-en.png` })
    await page.click('[data-testid="lang"]')

    // Too large for a link: the sender is told, the link carries the fingerprint, the recipient is warned.
    await page.click('[data-testid="share"]')
    await page.waitForSelector('[data-testid="inventory-notice"][data-kind="link-too-large"]')
    const link = await page.inputValue('[data-testid="share-link"]')
    console.log(
      `[inventory] share link without the 20k inventory: ${link.length} characters; notice: ${await page.textContent('[data-testid="inventory-notice"]')}`,
    )
    expect(link.length).toBeLessThan(20000)
    const fresh = await newContext()
    const p2 = await fresh.newPage()
    await p2.goto(link)
    await settled(p2)
    await p2.waitForSelector('[data-testid="inventory-notice"][data-kind="link-missing"]')
    expect(await p2.textContent('[data-testid="inventory-notice"]')).toContain('xiping-20k.csv')
    expect(await kpi(p2, 'NOx')).toBe(seedNox)
    await shot(p2, 'inventory-link-missing.png')
    await fresh.close()
    await ctx.close()
  })

  it('falls back to the plan inventory with a notice when a saved upload no longer imports, keeping the saved bytes', async () => {
    const ctx = await newContext()
    const page = await open(ctx)
    const seedNox = await kpi(page, 'NOx')
    // A saved upload that fails to import (e.g. written by a version that accepted it): text in activity.
    await page.evaluate(`new Promise((resolve, reject) => {
      const q = indexedDB.open('lantian')
      q.onsuccess = () => {
        const tx = q.result.transaction('state', 'readwrite')
        tx.objectStore('state').put({ seed: 'xiping', file: 'old.csv', bytes: new TextEncoder().encode(${JSON.stringify(CSV.replace(/^CE01,([^,]*),([^,]*),([^,]*),775000/m, 'CE01,$1,$2,$3,abc'))}), fingerprint: 'x', rev: 1 }, 'inventory:xiping')
        tx.oncomplete = () => resolve(true)
        tx.onerror = () => reject(tx.error)
      }
    })`)
    await page.reload()
    await settled(page)
    await page.waitForSelector('[data-testid="inventory-notice"][data-kind="restore-failed"]')
    const text = (await page.textContent('[data-testid="inventory-notice"]')) ?? ''
    console.log(`[inventory] restore failed notice: ${text}`)
    expect(text).toContain('old.csv')
    expect(text).toMatch(/not a number/)
    expect(await kpi(page, 'NOx')).toBe(seedNox)
    expect(await page.evaluate(savedInventory('old.csv'))).toBe(true)
    await shot(page, 'inventory-restore-failed.png')
    await ctx.close()
  })
})
