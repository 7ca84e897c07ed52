import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { Server } from 'node:http'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, stopApp } from './harness'
import { biggestNoxMeasure, chartRev, KPI_NOX, kpi, openApp, PROGRESS, REV, scenarioSeries, settled, shot, until } from './page'

let server: Server
let base: string
let browser: Browser
const open = (ctx: BrowserContext, query = '', hash = ''): Promise<Page> => openApp(ctx, base, query, hash)

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
})

afterAll(() => stopApp({ server, browser }))

describe('Lantian web app (built, in Chromium)', () => {
  it('opens the default plan with KPI numbers, charts and the illustrative label', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('xiping')
    expect(await kpi(page, 'NOx')).toBeGreaterThan(0)
    expect(await kpi(page, 'VOCs')).toBeGreaterThan(0)
    expect(await page.textContent('[data-testid="kpi-NOx-value"]')).toMatch(/\d/)
    expect(await page.isVisible('[data-testid="illustrative"]')).toBe(true)
    expect(await page.textContent('[data-testid="illustrative"]')).toContain('示意清单')
    await page.waitForSelector('[data-testid="chart-waterfall"][data-rev]')
    await page.waitForSelector('[data-testid="chart-sectors"][data-rev]')
    expect(await page.locator('[data-testid="measures-table"] tbody tr').count()).toBeGreaterThan(3)
    await shot(page, 'default-zh.png')
    await ctx.close()
  })

  it('moves a slider: KPI and chart follow; undo restores; a bad parameter is reported next to it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const id = await biggestNoxMeasure(page)
    const before = await kpi(page, 'NOx')
    const seriesBefore = await scenarioSeries(page)
    const rev = await chartRev(page)
    await page.fill(`[data-testid="level-${id}"]`, '0')
    await until(page, `${KPI_NOX} !== ${before}`)
    await until(page, `${REV} > ${rev}`)
    await settled(page)
    const after = await kpi(page, 'NOx')
    expect(after).toBeGreaterThan(before)
    expect(await scenarioSeries(page)).not.toEqual(seriesBefore)

    // Latency: keyboard-drag the slider and time each step until the chart has redrawn (printed, not asserted).
    const slider = page.locator(`[data-testid="level-${id}"]`)
    await slider.focus()
    const times: number[] = []
    for (let k = 0; k < 10; k++) {
      const r0 = await chartRev(page)
      const t0 = Date.now()
      await page.keyboard.press('ArrowRight')
      await until(page, `${REV} > ${r0}`)
      times.push(Date.now() - t0)
    }
    // A fast burst: newest wins, so the final state must match the last value without queued stale runs.
    for (let k = 0; k < 30; k++) await page.keyboard.press('ArrowRight', { delay: 0 })
    await page.waitForTimeout(50)
    await settled(page)
    expect(await slider.inputValue()).toBe('40')
    times.sort((a, b) => a - b)
    console.log(
      `[latency] slider step → chart redrawn: median ${times[5]} ms, max ${times[9]} ms; request→result ${await page.getAttribute('.app', 'data-latency')} ms, of which worker run ${await page.getAttribute('.app', 'data-run-ms')} ms (last step)`,
    )

    // Undo back to the plan: a drag merges into few steps (timing-dependent), so undo until nothing is left.
    let undos = 0
    while (await page.isEnabled('[data-testid="undo"]')) {
      await page.click('[data-testid="undo"]')
      undos++
    }
    console.log(`[undo] ${undos} undo step(s) for 41 slider moves`)
    expect(undos).toBeLessThan(41)
    await settled(page)
    await until(page, `Math.abs(${KPI_NOX} - ${before}) < 1e-6`)
    await page.click('[data-testid="redo"]')
    await until(page, `Math.abs(${KPI_NOX} - ${before}) > 1e-6`)
    await page.keyboard.press('Control+z')
    await until(page, `Math.abs(${KPI_NOX} - ${before}) < 1e-6`)
    await settled(page)

    // A parameter out of range: the error shows in that measure's card, the last good KPI stays.
    const param = page.locator('[data-testid^="param-"]:not([disabled])').first()
    const paramId = (await param.getAttribute('data-testid')) ?? ''
    const max = Number(await param.getAttribute('max'))
    const good = await kpi(page, 'NOx')
    await param.fill(String(max * 10 + 1000))
    const card = page.locator('.measure', { has: page.locator(`[data-testid="${paramId}"]`) })
    await card.locator('.issue').first().waitFor()
    const text = (await card.locator('.issue').first().textContent()) ?? ''
    expect(text).toMatch(/超出范围/)
    expect(text).toMatch(/outside/)
    expect(await kpi(page, 'NOx')).toBe(good)
    await shot(page, 'param-error.png')

    // A broken inventory upload: bilingual issues next to the import button; the last good inventory stays.
    await page.setInputFiles('[data-testid="import-inventory"]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('id,region\n1,甲县\n') })
    const invIssues = page.locator('[data-testid="inventory-issues"] .issue').first()
    await invIssues.waitFor()
    expect(await invIssues.locator('.issue-main').textContent()).toMatch(/[\u4e00-\u9fff]/)
    expect(await invIssues.locator('.issue-alt').textContent()).toMatch(/[a-z]/)
    expect(await page.textContent('[data-testid="inventory-info"]')).toContain('2022')
    await ctx.close()
  })

  it("lets a planner move Xiping's gas-boiler deadline: 2025 NOx, waterfall and target follow at once", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const id = 'gas-boiler-low-nox'
    const before = await kpi(page, 'NOx')
    const gapBefore = Number(await page.getAttribute('[data-testid="target-nox-2025"]', 'data-gap'))
    const rev = await chartRev(page, 'chart-waterfall')
    // seeds/xiping/checks.yaml: GB01–GB04 emit 17.0465 t NOx in 2025 without the measure (50 mg/m³); ρ = 1 − 30/50 = 0.4.
    // Linear from 2024-04 to level 0.9: completing 2025-12 gives a 2025 mean of 0.9 × 15/21 = 0.642857 (4.3834 t);
    // completing 2027-12 (45 months) gives 0.9 × (9/45 + 21/45)/2 = 0.3 (2.0456 t), so NOx rises by 2.3378 t.
    await page.fill(`[data-testid="complete-${id}"]`, '2027-12')
    await until(page, `${KPI_NOX} !== ${before}`)
    await until(page, `Number(document.querySelector('[data-testid="chart-waterfall"]')?.getAttribute('data-rev')) > ${rev}`)
    await settled(page)
    const after = await kpi(page, 'NOx')
    expect(after - before).toBeCloseTo(17.0465 * (0.642857 - 0.3) * 0.4, 2)
    expect(Number(await page.getAttribute(`[data-testid="measure-${id}"]`, 'data-credit-nox'))).toBeCloseTo(17.0465 * 0.3 * 0.4, 2)
    // The target's margin shrinks by the same tonnes (the status line is redrawn from the new run).
    const gapAfter = Number(await page.getAttribute('[data-testid="target-nox-2025"]', 'data-gap'))
    expect(gapAfter - gapBefore).toBeCloseTo(after - before, 6)
    // The waterfall's last bar is the new scenario total.
    const total = await page.$eval('[data-testid="chart-waterfall"]', (el) => {
      const d = (el as unknown as { data: { x: number[]; customdata: string[] }[] }).data[0]
      return d ? d.x[d.customdata.indexOf('__sc')] : NaN
    })
    expect(total).toBeCloseTo(after, 6)
    await shot(page, 'xiping-gas-boiler-2027.png')
    await ctx.close()
  })

  it('lets a trainer step through Xinzhou in presenter mode', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    const page = await open(ctx)
    await page.selectOption('[data-testid="plan-picker"]', 'xinzhou')
    await settled(page)
    const all = await kpi(page, 'NOx')
    await page.click('[data-testid="present"]')
    await until(page, `${PROGRESS}?.startsWith('0/')`)
    await settled(page)
    const n = Number((await page.textContent('[data-testid="present-progress"]'))?.replace(/\s/g, '').split('/')[1])
    expect(n).toBeGreaterThan(10)
    let previous = await kpi(page, 'NOx')
    expect(previous).toBeGreaterThan(all)
    // Each step switches one more measure on; NOx never rises (every Xinzhou measure reduces or leaves NOx).
    for (let k = 1; k <= n; k++) {
      const rev = await chartRev(page)
      await page.keyboard.press(k % 2 === 0 ? ' ' : 'ArrowRight')
      await until(page, `${PROGRESS} === '${k}/${n}'`)
      await until(page, `${REV} > ${rev}`)
      await settled(page)
      const now = await kpi(page, 'NOx')
      expect(now).toBeLessThanOrEqual(previous + 1e-9)
      previous = now
      if (k === 3) await shot(page, 'xinzhou-presenter-step3.png')
    }
    expect(previous).toBeCloseTo(all, 6)
    await ctx.close()
  })

  it('switches plans and languages', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const options = await page.$$eval('[data-testid="plan-picker"] option', (os) => os.map((o) => o.getAttribute('value') ?? ''))
    console.log(`[plans] ${options.join(', ')}`)
    const other = options.find((o) => o !== 'xiping')
    expect(other).toBeDefined()
    const before = await kpi(page, 'NOx')
    await page.selectOption('[data-testid="plan-picker"]', other ?? '')
    await until(page, `${KPI_NOX} !== ${before}`)
    await settled(page)
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe(other)
    expect(await page.textContent('h1')).toContain('蓝天')
    await page.click('[data-testid="lang"]')
    await until(page, `document.documentElement.lang === 'en'`)
    expect(await page.textContent('h1')).toBe('Lantian 蓝天')
    expect(await page.textContent('[data-testid="kpi-NOx"]')).toMatch(/Credited reduction/)
    await settled(page)
    await page.waitForTimeout(300)
    await shot(page, `${other}-en.png`)
    await page.click('[data-testid="lang"]')
    await until(page, `document.documentElement.lang === 'zh-CN'`)
    await ctx.close()
  })

  it('exports CSV and XLSX that read back', async () => {
    const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const nox = await kpi(page, 'NOx')
    const year = Number(await page.textContent('[data-testid="kpi-NOx"] .kpi-year').then((s) => s?.replace(/\D/g, '')))

    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')])
    expect(csvDl.suggestedFilename()).toBe('lantian-xiping-emissions.csv')
    const csv = readFileSync((await csvDl.path()) ?? '', 'utf8').replace(/^\uFEFF/, '')
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toBe('region,sector,pollutant,year,counterfactual_t,scenario_t,credited_t')
    const rows = lines.slice(1).map((l) => l.split(','))
    const sum = rows.filter((r) => r[2] === 'NOx' && Number(r[3]) === year).reduce((s, r) => s + Number(r[5]), 0)
    expect(sum).toBeCloseTo(nox, 6)

    const [xDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-xlsx"]')])
    expect(xDl.suggestedFilename()).toBe('lantian-xiping.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await xDl.path()) ?? '')
    expect(wb.worksheets.map((w) => w.name)).toEqual(['emissions', 'measures', 'targets', 'evidence', 'provenance'])
    const prov = new Map<string, string>()
    wb.getWorksheet('provenance')?.eachRow((r, i) => {
      if (i > 1) prov.set(String(r.getCell(1).value), String(r.getCell(2).value))
    })
    const footer = (await page.textContent('.footer')) ?? ''
    expect(footer).toContain(prov.get('scenario_hash'))
    expect(prov.get('app_version')).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
    expect(prov.get('library_version')).toMatch(/^[0-9a-f]{8}$/)
    expect(prov.get('illustrative')).toContain('示意清单')
    expect(prov.get('inventory_name')?.length).toBeGreaterThan(0)
    let xsum = 0
    wb.getWorksheet('emissions')?.eachRow((r, i) => {
      if (i > 1 && r.getCell(3).value === 'NOx' && r.getCell(4).value === year) xsum += Number(r.getCell(6).value)
    })
    expect(xsum).toBeCloseTo(nox, 6)
    // LibreOffice (Debian libreoffice-calc-nogui) opens the same file: convert its first sheet to CSV and re-add.
    const lo = mkdtempSync(join(tmpdir(), 'lantian-lo-'))
    const xlsxCopy = join(lo, 'export.xlsx')
    copyFileSync((await xDl.path()) ?? '', xlsxCopy)
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${lo}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', lo, xlsxCopy],
      {
        timeout: 180_000,
        stdio: 'ignore',
      },
    )
    const loRows = readFileSync(join(lo, 'export.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','))
    expect(loRows[0]?.slice(0, 4)).toEqual(['region', 'sector', 'pollutant', 'year'])
    const loSum = loRows.filter((r) => r[2] === 'NOx' && Number(r[3]) === year).reduce((a, r) => a + Number(r[5]), 0)
    expect(loSum).toBeCloseTo(nox, 3)

    // Each chart exports as PNG and SVG.
    const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="chart-trajectory-png"]')])
    expect(pngDl.suggestedFilename()).toBe('lantian-trajectory.png')
    expect(
      readFileSync((await pngDl.path()) ?? '')
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG')
    const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="chart-waterfall-svg"]')])
    expect(svgDl.suggestedFilename()).toBe('lantian-waterfall.svg')
    expect(readFileSync((await svgDl.path()) ?? '', 'utf8')).toMatch(/^<svg[^>]*xmlns/)

    const [yDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-yaml"]')])
    expect(readFileSync((await yDl.path()) ?? '', 'utf8')).toContain('format: lantian-scenario/1')
    await ctx.close()
  })

  it('restores the edited scenario after a reload (IndexedDB) and reproduces it from a share link', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await open(ctx)
    const id = await biggestNoxMeasure(page)
    await page.fill(`[data-testid="level-${id}"]`, '25')
    await settled(page)
    const edited = await kpi(page, 'NOx')
    await page.waitForTimeout(500)
    await page.reload()
    await settled(page)
    expect(await page.inputValue(`[data-testid="level-${id}"]`)).toBe('25')
    expect(await kpi(page, 'NOx')).toBe(edited)

    await page.click('[data-testid="share"]')
    const link = await page.inputValue('[data-testid="share-link"]')
    expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/)
    console.log(`[share] link length ${link.length} characters`)
    await ctx.close()

    const fresh = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const p2 = await fresh.newPage()
    await p2.goto(link)
    await settled(p2)
    expect(await kpi(p2, 'NOx')).toBe(edited)
    expect(await p2.inputValue(`[data-testid="level-${id}"]`)).toBe('25')
    await fresh.close()
  })

  it('restarts a crashed worker and re-runs the last request', async () => {
    const ctx = await browser.newContext({ acceptDownloads: true })
    const page = await open(ctx)
    const id = await biggestNoxMeasure(page)
    const before = await kpi(page, 'NOx')
    // Crash the worker (an error event, as a dying worker raises) and edit at once: the edit meets the dead worker.
    await page.evaluate("globalThis.__lantianWorker.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }))")
    await page.fill(`[data-testid="level-${id}"]`, '0')
    await page.waitForSelector('[data-testid="worker-restarted"]', { timeout: 60_000 })
    await until(page, `${KPI_NOX} > ${before}`)
    await settled(page)
    const recovered = await kpi(page, 'NOx')
    // The same edit without any crash gives the same number.
    const ctx2 = await browser.newContext()
    const clean = await open(ctx2)
    await clean.fill(`[data-testid="level-${id}"]`, '0')
    await until(clean, `${KPI_NOX} > ${before}`)
    await settled(clean)
    expect(recovered).toBe(await kpi(clean, 'NOx'))
    // And the new worker keeps working.
    await page.fill(`[data-testid="level-${id}"]`, '50')
    await until(page, `${KPI_NOX} < ${recovered}`)
    await ctx.close()
    await ctx2.close()
  })

  it('starts with a corrupted autosave entry, warns, and keeps every other plan', async () => {
    const ctx = await browser.newContext()
    const page = await open(ctx)
    const fresh = await kpi(page, 'NOx')
    // Edit xiping, then weidu; both are autosaved, one entry per plan.
    const x = await biggestNoxMeasure(page)
    await page.fill(`[data-testid="level-${x}"]`, '0')
    await until(page, `${KPI_NOX} > ${fresh}`)
    await page.selectOption('[data-testid="plan-picker"]', 'weidu')
    // Wait for Weidu's own cards: reading the biggest measure before they render would pick one of Xiping's.
    await page.waitForSelector('[data-testid="measure-cn3-leanburn-hdt-out"]')
    await settled(page)
    const w = await biggestNoxMeasure(page)
    const weiduBefore = await kpi(page, 'NOx')
    await page.fill(`[data-testid="level-${w}"]`, '0')
    await until(page, `${KPI_NOX} > ${weiduBefore}`)
    await settled(page)
    const weiduEdited = await kpi(page, 'NOx')
    await page.waitForTimeout(500)
    // Corrupt xiping's entry behind the app's back.
    await page.evaluate(`new Promise((resolve, reject) => {
      const req = indexedDB.open('lantian')
      req.onsuccess = () => {
        const tx = req.result.transaction('state', 'readwrite')
        tx.objectStore('state').put({ seed: 'xiping', scenario: { format: 'garbage', measures: 7 } }, 'scenario:xiping')
        tx.oncomplete = () => resolve(true)
        tx.onerror = () => reject(tx.error)
      }
      req.onerror = () => reject(req.error)
    })`)
    await page.reload()
    await settled(page)
    expect(await page.textContent('[data-testid="corrupt-notice"]')).toContain('xiping')
    // The plan on screen (weidu) comes back exactly as edited.
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('weidu')
    expect(await kpi(page, 'NOx')).toBe(weiduEdited)
    // xiping falls back to the published plan.
    await page.selectOption('[data-testid="plan-picker"]', 'xiping')
    await until(page, `${KPI_NOX} === ${fresh}`)
    // The unreadable entry was set aside, not deleted.
    const keys = String(
      await page.evaluate(`new Promise((resolve) => {
        const req = indexedDB.open('lantian')
        req.onsuccess = () => {
          const r = req.result.transaction('state').objectStore('state').getAllKeys()
          r.onsuccess = () => resolve(r.result.join(' '))
        }
      })`),
    )
    expect(keys).toMatch(/corrupt:scenario:xiping:\d+/)
    await ctx.close()
  })

  it('does not silently overwrite a plan edited in two tabs', async () => {
    const ctx = await browser.newContext()
    const a = await open(ctx)
    const b = await open(ctx)
    const fresh = await kpi(a, 'NOx')
    const id = await biggestNoxMeasure(a)
    // Tab A edits and autosaves first.
    await a.fill(`[data-testid="level-${id}"]`, '0')
    await until(a, `${KPI_NOX} > ${fresh}`)
    await settled(a)
    const aValue = await kpi(a, 'NOx')
    await a.waitForTimeout(500)
    // Tab B, opened before A's edit, edits the same plan differently: it is told, and saves a copy instead.
    await b.fill(`[data-testid="level-${id}"]`, '50')
    await until(b, `${KPI_NOX} !== ${fresh}`)
    await b.waitForSelector('[data-testid="conflict-notice"]', { timeout: 30_000 })
    const bValue = await kpi(b, 'NOx')
    expect(bValue).not.toBe(aValue)
    // A new tab restores A's version; B's version is kept under a copy.
    const c = await open(ctx)
    expect(await kpi(c, 'NOx')).toBe(aValue)
    const keys = String(
      await c.evaluate(`new Promise((resolve) => {
        const req = indexedDB.open('lantian')
        req.onsuccess = () => {
          const r = req.result.transaction('state').objectStore('state').getAllKeys()
          r.onsuccess = () => resolve(r.result.join(' '))
        }
      })`),
    )
    expect(keys).toMatch(/conflict:scenario:xiping:\d+/)
    await ctx.close()
  })

  it('steps through the measures in presenter mode', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    const normal = await open(ctx)
    const all = await kpi(normal, 'NOx')
    await normal.close()
    const page = await open(ctx, '?present=1')
    const progress = async () => (await page.textContent('[data-testid="present-progress"]'))?.replace(/\s/g, '')
    const n = Number((await progress())?.split('/')[1])
    expect(n).toBeGreaterThan(3)
    expect(await progress()).toBe(`0/${n}`)
    const none = await kpi(page, 'NOx')
    expect(none).toBeGreaterThan(all)
    await page.keyboard.press('ArrowRight')
    await until(page, `${PROGRESS} === '1/${n}'`)
    await page.keyboard.press(' ')
    await until(page, `${PROGRESS} === '2/${n}'`)
    await settled(page)
    expect(await kpi(page, 'NOx')).toBeLessThanOrEqual(none)
    await page.waitForTimeout(300)
    await shot(page, 'presenter-step2.png')
    await page.keyboard.press('End')
    await until(page, `${PROGRESS} === '${n}/${n}'`)
    await settled(page)
    expect(await kpi(page, 'NOx')).toBeCloseTo(all, 6)
    await page.keyboard.press('ArrowLeft')
    await until(page, `${PROGRESS} === '${n - 1}/${n}'`)
    await page.keyboard.press('Escape')
    await page.waitForSelector('.app:not(.presenting)')
    await ctx.close()
  })
})
