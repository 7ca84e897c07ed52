import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, stopApp } from './harness'
import { chartRev, KPI_NOX, kpi, openApp, settled, shot, until } from './page'

// Editing a plan (add a measure, targets, growth), the user's own scenarios, comparing two scenarios and the
// t/a ↔ 万吨 toggle, in the built app in Chromium. The steps share one browser context (one IndexedDB), in order.

let server: Server
let base: string
let browser: Browser
let ctx: BrowserContext
let page: Page
let published = { nox: NaN, vocs: NaN }

const ADDED = 'gas-boiler-low-nox-user'
const attr = (sel: string, name: string) => `document.querySelector('${sel}')?.getAttribute('${name}')`
const counterfactual = (p: Page) =>
  p.$eval('[data-testid="chart-trajectory"]', (el) => Array.from((el as unknown as { data: { y: number[] }[] }).data[0]?.y ?? []))
const waterfallKeys = (p: Page) =>
  p.$eval('[data-testid="chart-waterfall"]', (el) => Array.from((el as unknown as { data: { customdata: string[] }[] }).data[0]?.customdata ?? []))
const openEditor = async (id: string) => {
  if ((await page.getAttribute(`[data-testid="${id}"]`, 'open')) === null) await page.click(`[data-testid="${id}"] > summary`)
}

beforeAll(async () => {
  ;({ server, base, browser } = await startApp())
  ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
  page = await openApp(ctx, base)
  // Removing a published measure and deleting a scenario ask for a confirm; accept them.
  page.on('dialog', (d) => void d.accept())
})

afterAll(async () => {
  await ctx?.close()
  await stopApp({ server, browser })
})

describe('editing a plan, my scenarios, compare, units (built, in Chromium)', () => {
  it('changes the gas-boiler retrofit deadline: 2025 NOx, the waterfall and the target gap change at once', async () => {
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('xiping')
    published = { nox: await kpi(page, 'NOx'), vocs: await kpi(page, 'VOCs') }
    const gap = await page.getAttribute('[data-testid="target-nox-2025"]', 'data-gap')
    const rev = await chartRev(page, 'chart-waterfall')
    await page.fill('[data-testid="complete-gas-boiler-low-nox"]', '2027-12')
    await until(page, `${KPI_NOX} > ${published.nox}`)
    await settled(page)
    expect(await chartRev(page, 'chart-waterfall')).toBeGreaterThan(rev)
    expect(await page.getAttribute('[data-testid="target-nox-2025"]', 'data-gap')).not.toBe(gap)
    console.log(`[deadline] gas-boiler retrofit 2025-12 → 2027-12: 2025 NOx ${published.nox.toFixed(1)} → ${(await kpi(page, 'NOx')).toFixed(1)} t`)
    await page.click('[data-testid="undo"]')
    await until(page, `Math.abs(${KPI_NOX} - ${published.nox}) < 1e-9`)
    await settled(page)
  })

  it('adds a low-NOx measure from the library: NOx drops, the waterfall shows it; a bad scope is located', async () => {
    await openEditor('measure-add')
    await page.selectOption('[data-testid="add-template"]', 'gas-boiler-low-nox')
    await page.fill('[data-testid="add-label-zh"]', '燃气锅炉深度低氮（用户添加）')
    await page.fill('[data-testid="add-label-en"]', 'Deep low-NOx gas boilers (added)')
    await page.fill('[data-testid="add-clause"]', '六（三）')
    await page.fill('[data-testid="add-complete"]', '2024-12')
    expect(await waterfallKeys(page)).not.toContain(ADDED)
    await page.click('[data-testid="add-submit"]')
    await until(page, `${KPI_NOX} < ${published.nox}`)
    await settled(page)
    await page.waitForSelector(`.category [data-testid="measure-${ADDED}"]`)
    // Its own bar, or (Xiping has more measures than the waterfall shows one by one) named in the "others" bar.
    await until(
      page,
      `((d) => d?.customdata?.includes('${ADDED}') || d?.hovertext?.[d.customdata.indexOf('__rest')]?.includes('燃气锅炉深度低氮'))(document.querySelector('[data-testid="chart-waterfall"]')?.data?.[0])`,
    )
    const credit = Number(await page.getAttribute(`[data-testid="measure-${ADDED}"]`, 'data-credit-nox'))
    expect(credit).toBeGreaterThan(0)
    const after = await kpi(page, 'NOx')
    console.log(`[add] ${ADDED}: 2025 NOx ${published.nox.toFixed(1)} → ${after.toFixed(1)} t, credited ${credit.toFixed(1)} t`)
    await shot(page, 'scenario-edit-added-measure.png')

    // A scope that does not compile: the compiler's message in the card, bilingual; the last good result stays.
    await page.fill(`[data-testid="scope-${ADDED}"]`, 'technology ==')
    const issue = page.locator(`[data-testid="measure-${ADDED}"] .issue`).first()
    await issue.waitFor()
    expect(await issue.locator('.issue-main').textContent()).toMatch(/[\u4e00-\u9fff]/)
    expect(await issue.locator('.issue-alt').textContent()).toMatch(/[a-z]/)
    expect(await issue.locator('.issue-where').textContent()).toContain(`scope`)
    expect(await kpi(page, 'NOx')).toBe(after)
    await page.fill(`[data-testid="scope-${ADDED}"]`, 'technology == "boiler-gas"')
    await until(page, `!document.querySelector('[data-testid="measure-${ADDED}"] .issue')`)
    await settled(page)
    expect(await kpi(page, 'NOx')).toBeCloseTo(after, 9)
  })

  it('edits a target so that it flips from met to not met; an invalid value is shown next to it', async () => {
    await openEditor('targets-editor')
    expect(await page.getAttribute('[data-testid="target-nox-2025"]', 'data-met')).toBe('true')
    await page.fill('[data-testid="target-value-nox-2025"]', '30')
    await until(page, `${attr('[data-testid="target-nox-2025"]', 'data-met')} === 'false'`)
    expect(await page.getAttribute('[data-testid="target-status-nox-2025"]', 'data-met')).toBe('false')
    await settled(page)
    await shot(page, 'scenario-edit-target-not-met.png')
    await page.fill('[data-testid="target-value-nox-2025"]', '500')
    const issue = page.locator('[data-testid="target-issues-nox-2025"] .issue').first()
    await issue.waitFor()
    expect(await issue.locator('.issue-where').textContent()).toContain('targets.0.value')
    expect(await issue.locator('.issue-main').textContent()).toMatch(/[\u4e00-\u9fff]/)
    expect(await page.getAttribute('[data-testid="target-nox-2025"]', 'data-met')).toBe('false')
    await page.fill('[data-testid="target-value-nox-2025"]', '10')
    await until(page, `${attr('[data-testid="target-nox-2025"]', 'data-met')} === 'true'`)
    await settled(page)
  })

  it('adds a growth entry: the counterfactual changes', async () => {
    await openEditor('growth-editor')
    const before = await counterfactual(page)
    const rows = await page.locator('[data-testid^="growth-row-"]').count()
    await page.click('[data-testid="add-growth"]')
    await page.selectOption(`[data-testid="growth-sector-${rows}"]`, 'industry.boiler')
    await page.fill(`[data-testid="growth-rate-${rows}"]`, '12')
    await until(
      page,
      `JSON.stringify(Array.from(document.querySelector('[data-testid="chart-trajectory"]')?.data?.[0]?.y ?? [])) !== ${JSON.stringify(JSON.stringify(before))}`,
    )
    await settled(page)
    const after = await counterfactual(page)
    expect(after[after.length - 1]).toBeGreaterThan(before[before.length - 1] ?? Infinity)
    console.log(`[growth] industry.boiler +12 %/yr: 2030 NOx counterfactual ${before.at(-1)?.toFixed(1)} → ${after.at(-1)?.toFixed(1)} t`)
  })

  it('saves the edited plan as my scenario: listed in the plan picker, restored after a reload', async () => {
    await page.click('[data-testid="save-as"]')
    await page.fill('[data-testid="title-zh"]', '西平县 · 我的测试情景')
    await page.fill('[data-testid="title-en"]', 'Xiping · my test scenario')
    await page.click('[data-testid="title-save"]')
    await until(page, `document.querySelector('[data-testid="plan-picker"]')?.value === 'user:my-xiping'`)
    await settled(page)
    const mine = await kpi(page, 'NOx')
    expect(await page.locator('[data-testid="plan-picker"] optgroup').nth(1).locator('option').allTextContents()).toEqual(['西平县 · 我的测试情景'])
    await page.reload()
    await settled(page)
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('user:my-xiping')
    expect(await page.isVisible(`[data-testid="measure-${ADDED}"]`)).toBe(true)
    expect(await kpi(page, 'NOx')).toBeCloseTo(mine, 9)
    expect(await page.textContent('[data-testid="user-seed"]')).toContain('西平县')
  })

  it('imports a scenario file: a valid one is listed; an invalid one gives a located bilingual error and changes nothing', async () => {
    const yaml = readFileSync('seeds/xiping/scenario.yaml', 'utf8')
      .replace(/^id: xiping$/m, 'id: imported-xp')
      .replace(/^ {2}zh: 西平县空气质量持续改善行动实施方案（征求意见稿）$/m, '  zh: 导入的西平情景')
    await page.setInputFiles('[data-testid="import-scenario"]', { name: 'imported.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml) })
    await until(page, `document.querySelector('[data-testid="plan-picker"]')?.value === 'user:imported-xp'`)
    await settled(page)
    expect(await page.locator('[data-testid="plan-picker"] optgroup').nth(1).locator('option').allTextContents()).toEqual([
      '西平县 · 我的测试情景',
      '导入的西平情景',
    ])
    expect(await kpi(page, 'NOx')).toBeCloseTo(published.nox, 9)

    const bad = yaml.replace(/^( {4}value:) 10$/m, '$1 500')
    const badLine = bad.split('\n').findIndex((l) => l === '    value: 500') + 1
    await page.setInputFiles('[data-testid="import-scenario"]', { name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) })
    const issue = page.locator('[data-testid="scenario-import-issues"] .issue').first()
    await issue.waitFor()
    const where = (await issue.locator('.issue-where').textContent()) ?? ''
    expect(where).toContain('bad.yaml')
    expect(where).toContain(`line ${badLine}`)
    expect(where).toContain('targets.0.value')
    expect(await issue.locator('.issue-main').textContent()).toMatch(/[\u4e00-\u9fff]/)
    expect(await issue.locator('.issue-alt').textContent()).toMatch(/[a-z]/)
    expect(await page.inputValue('[data-testid="plan-picker"]')).toBe('user:imported-xp')
    expect(await page.locator('[data-testid="plan-picker"] optgroup').nth(1).locator('option').count()).toBe(2)
    await shot(page, 'scenario-edit-import-error.png')
  })

  it('compares Xiping published with the edited copy: the added measure only in B, KPI difference = B − A', async () => {
    await page.selectOption('[data-testid="plan-picker"]', 'xiping')
    await settled(page)
    const edited = { nox: await kpi(page, 'NOx'), vocs: await kpi(page, 'VOCs') }
    expect(await page.isVisible(`[data-testid="measure-${ADDED}"]`)).toBe(true)
    await page.click('[data-testid="compare"]')
    await page.waitForSelector('[data-testid="compare-view"][data-ready="true"]')
    expect(await page.inputValue('[data-testid="compare-a"]')).toBe('seed:xiping')
    expect(await page.inputValue('[data-testid="compare-b"]')).toBe('edited:xiping')
    expect(await page.getAttribute(`[data-testid="compare-row-${ADDED}"]`, 'data-only')).toBe('b')
    expect(await page.locator('[data-testid="compare-row-gas-boiler-low-nox"]').getAttribute('data-only')).toBe('')
    for (const p of ['NOx', 'VOCs'] as const) {
      const row = page.locator(`[data-testid="compare-kpi-${p}"]`)
      const [a, b, diff] = await Promise.all(['data-a', 'data-b', 'data-diff'].map(async (n) => Number(await row.getAttribute(n))))
      expect(a).toBeCloseTo(p === 'NOx' ? published.nox : published.vocs, 9)
      expect(b).toBeCloseTo(p === 'NOx' ? edited.nox : edited.vocs, 9)
      expect(diff).toBe((b ?? NaN) - (a ?? NaN))
      console.log(`[compare] ${p} 2025: A ${a?.toFixed(1)} t, B ${b?.toFixed(1)} t, B − A ${diff?.toFixed(1)} t`)
    }
    await page.waitForSelector('[data-testid="compare-chart-NOx"][data-rev]')
    await page.waitForSelector('[data-testid="compare-chart-VOCs"][data-rev]')
    expect(await page.$eval('[data-testid="compare-chart-NOx"]', (el) => (el as unknown as { data: unknown[] }).data.length)).toBe(4)
    await shot(page, 'scenario-edit-compare.png')
    await page.click('[data-testid="lang"]')
    await until(page, `document.documentElement.lang === 'en'`)
    await page.waitForSelector('[data-testid="compare-view"][data-ready="true"]')
    expect(await page.textContent('[data-testid="compare-row-' + ADDED + '"]')).toContain('only in B')
    await shot(page, 'scenario-edit-compare-en.png')
    await page.click('[data-testid="lang"]')
    await until(page, `document.documentElement.lang === 'zh-CN'`)
    // Comparing my scenario on the same seed inventory.
    await page.selectOption('[data-testid="compare-b"]', 'user:my-xiping')
    await page.waitForSelector('[data-testid="compare-view"][data-ready="true"]')
    expect(await page.textContent('[data-testid="compare-inventory"]')).toContain('seeds/xiping/')
  })

  it('toggles 万吨: the KPI shows 万吨 and value/10,000 everywhere, exports stay in t, the choice survives a reload', async () => {
    await page.click('[data-testid="compare"]')
    await settled(page)
    const v = await kpi(page, 'NOx')
    await page.click('[data-testid="unit"]')
    await until(page, `${attr('[data-testid="unit"]', 'data-unit')} === 'wt'`)
    expect(await page.textContent('[data-testid="kpi-NOx-unit"]')).toBe('万吨/年')
    const shown = (await page.textContent('[data-testid="kpi-NOx-value"]')) ?? ''
    expect(shown).toBe((v / 10000).toLocaleString('zh-CN', { minimumFractionDigits: 4, maximumFractionDigits: 4 }))
    console.log(`[unit] NOx ${v.toFixed(1)} t/yr shown as ${shown} 万吨/年`)
    await until(page, `document.querySelector('[data-testid="chart-trajectory"]')?.layout?.yaxis?.title?.text?.includes('万吨')`)
    const y = await page.$eval('[data-testid="chart-trajectory"]', (el) => Array.from((el as unknown as { data: { y: number[] }[] }).data[1]?.y ?? []))
    expect(Math.max(...y)).toBeLessThan(1)
    expect(await page.textContent('[data-testid="measures-table"] thead')).toContain('万吨')
    await settled(page)
    await shot(page, 'scenario-edit-wan-t.png')
    // The CSV export stays in t: its 2025 NOx scenario rows add up to the KPI in t.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')])
    const csv = readFileSync((await dl.path()) ?? '', 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    const head = (csv[0] ?? '').split(',')
    const [ip, iy, is] = ['pollutant', 'year', 'scenario_t'].map((c) => head.indexOf(c))
    const sum = csv
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[ip ?? -1] === 'NOx' && c[iy ?? -1] === '2025')
      .reduce((a, c) => a + Number(c[is ?? -1]), 0)
    expect(sum).toBeCloseTo(v, 6)
    await page.reload()
    await settled(page)
    expect(await page.getAttribute('[data-testid="unit"]', 'data-unit')).toBe('wt')
    expect(await page.textContent('[data-testid="kpi-NOx-unit"]')).toBe('万吨/年')
  })

  it('adds a switch measure with a chosen target technology and a scope; the card shows its credit', async () => {
    await openEditor('measure-add')
    await page.selectOption('[data-testid="add-template"]', 'vehicle-electrification')
    const choices = await page.$$eval('[data-testid="add-to"] option', (os) => os.map((o) => (o as unknown as { value: string }).value))
    expect(choices[0]).toBe('bus-nev')
    expect(choices).toContain('ldv-nev')
    await page.selectOption('[data-testid="add-to"]', 'ldv-nev')
    await page.fill('[data-testid="add-clause"]', '四（二）')
    await page.fill('[data-testid="add-scope"]', 'technology == "ldv-gasoline"')
    await page.fill('[data-testid="add-level"]', '10')
    const before = await kpi(page, 'NOx')
    await page.click('[data-testid="add-submit"]')
    const id = 'vehicle-electrification-user'
    await page.waitForSelector(`.category [data-testid="measure-${id}"][data-credit-nox]`)
    await settled(page)
    const credit = Number(await page.getAttribute(`[data-testid="measure-${id}"]`, 'data-credit-nox'))
    console.log(`[add] ${id} → ldv-nev at 10 %: credited ${credit.toFixed(2)} t NOx, KPI ${before.toFixed(1)} → ${(await kpi(page, 'NOx')).toFixed(1)} t`)
    expect(credit).toBeGreaterThan(0)
    await shot(page, 'scenario-edit-switch-measure.png')
    await page.click(`[data-testid="remove-${id}"]`)
    await until(page, `!document.querySelector('[data-testid="measure-${id}"]')`)
    await settled(page)
  })

  it('removes an added measure at once and a published one after a confirm; deletes my scenario', async () => {
    const n = await page.locator('.measure').count()
    await page.click(`[data-testid="remove-${ADDED}"]`)
    await until(page, `!document.querySelector('[data-testid="measure-${ADDED}"]')`)
    await page.click('[data-testid="remove-gas-boiler-low-nox"]')
    await until(page, `document.querySelectorAll('.measure').length === ${n - 2}`)
    await settled(page)
    await page.selectOption('[data-testid="plan-picker"]', 'user:my-xiping')
    await settled(page)
    await page.click('[data-testid="delete-scenario"]')
    await until(page, `document.querySelector('[data-testid="plan-picker"]')?.value === 'xiping'`)
    expect(await page.locator('[data-testid="plan-picker"] optgroup').nth(1).locator('option').allTextContents()).toEqual(['导入的西平情景'])
  })
  it('sets an unreadable saved scenario aside with a bilingual notice and keeps the others', async () => {
    await page.evaluate(`new Promise((resolve, reject) => {
      const req = indexedDB.open('lantian-user-scenarios', 1)
      req.onerror = () => reject(new Error('open failed'))
      req.onsuccess = () => {
        const tx = req.result.transaction('entries', 'readwrite')
        tx.objectStore('entries').put({ key: 'broken', seed: 'xiping', scenario: { id: 42 } }, 'user:broken')
        tx.oncomplete = () => resolve()
      }
    })`)
    await page.reload()
    await settled(page)
    await page.waitForSelector('[data-testid="corrupt-user-notice"]')
    expect(await page.textContent('[data-testid="corrupt-user-notice"]')).toContain('broken')
    expect(await page.locator('[data-testid="plan-picker"] optgroup').nth(1).locator('option').allTextContents()).toEqual(['导入的西平情景'])
    const keys = (await page.evaluate(`new Promise((resolve) => {
      const req = indexedDB.open('lantian-user-scenarios', 1)
      req.onsuccess = () => {
        const r = req.result.transaction('entries').objectStore('entries').getAllKeys()
        r.onsuccess = () => resolve(r.result.map(String))
      }
    })`)) as string[]
    expect(keys.some((k) => k.startsWith('corrupt:user:broken'))).toBe(true)
    expect(keys).not.toContain('user:broken')
  })
  it('does not overwrite my scenario edited in another tab: the stale tab keeps its edits in a copy', async () => {
    const c = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const one = await openApp(c, base)
    await one.click('[data-testid="save-as"]')
    await one.click('[data-testid="title-save"]')
    await until(one, `document.querySelector('[data-testid="plan-picker"]')?.value === 'user:my-xiping'`)
    await settled(one)
    const two = await openApp(c, base)
    expect(await two.inputValue('[data-testid="plan-picker"]')).toBe('user:my-xiping')
    const rev = (pg: Page) =>
      pg.evaluate(`new Promise((resolve) => {
        const req = indexedDB.open('lantian-user-scenarios', 1)
        req.onsuccess = () => {
          const r = req.result.transaction('entries').objectStore('entries').get('user:my-xiping')
          r.onsuccess = () => resolve(r.result?.rev ?? 0)
        }
      })`) as Promise<number>
    const first = await rev(two)
    await two.fill('[data-testid="level-gas-boiler-low-nox"]', '50')
    await settled(two)
    for (let k = 0; k < 200 && (await rev(two)) === first; k++) await two.waitForTimeout(50)
    expect(await rev(two)).toBe(first + 1)
    await one.fill('[data-testid="level-gas-boiler-low-nox"]', '20')
    await one.waitForSelector('[data-testid="conflict-user-notice"]')
    await until(one, `document.querySelector('[data-testid="plan-picker"]')?.value?.startsWith('user:my-xiping-copy-')`)
    expect(await rev(one)).toBe(first + 1)
    // Tab one now shows the other tab's version under the original name and its own edits in the copy.
    await one.selectOption('[data-testid="plan-picker"]', 'user:my-xiping')
    await settled(one)
    expect(await one.inputValue('[data-testid="level-gas-boiler-low-nox"]')).toBe('50')
    await two.reload()
    await settled(two)
    expect(await two.locator('[data-testid="plan-picker"] optgroup').nth(1).locator('option').count()).toBe(2)
    await two.selectOption('[data-testid="plan-picker"]', 'user:my-xiping')
    await settled(two)
    expect(await two.inputValue('[data-testid="level-gas-boiler-low-nox"]')).toBe('50')
    await c.close()
  })
})
