import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, stopApp } from './harness'

/**
 * The production build under a strict Content-Security-Policy: scripts only from the app's own origin, no eval, no
 * inline script, workers from the origin. Styles allow 'unsafe-inline' because Plotly sets inline style attributes
 * and injects its stylesheet at run time; no script can be injected through style. 'wasm-unsafe-eval' lets the
 * worker compile the HiGHS WebAssembly module (fetched from the origin); it does not allow JavaScript eval
 * (without it the optimiser reports that HiGHS did not load).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ')

let server: Server
let browser: Browser

beforeAll(async () => {
  ;({ server, browser } = await startApp({ 'content-security-policy': CSP }))
})

afterAll(() => stopApp({ server, browser }))

describe('strict Content-Security-Policy', () => {
  it('runs the app, its workers, its charts and the HiGHS optimiser with no violation', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(`console: ${m.text()}`)
    })
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => { (window.__csp ??= []).push(e.violatedDirective + ' ' + e.blockedURI + (e.blockedURI === 'eval' ? ' at ' + e.sourceFile.split('/').pop() + ':' + e.lineNumber + ':' + e.columnNumber : '')) })",
    )
    const res = await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lantian/`)
    expect(res?.headers()['content-security-policy']).toBe(CSP)
    await page.waitForSelector('.app[data-ready="true"][data-busy="false"]', { timeout: 60_000 })
    await page.waitForSelector('[data-testid="chart-trajectory"][data-rev]', { timeout: 60_000 })
    const nox = Number(await page.getAttribute('[data-testid="kpi-NOx"]', 'data-value'))
    expect(nox).toBeGreaterThan(0)
    // A slider move goes through the worker and back under the policy.
    const slider = page.locator('input[type="range"]:not([disabled])').first()
    await slider.focus()
    await page.keyboard.press('Home')
    // Poll from Node: a string predicate would be eval'd inside the page, which this very policy forbids.
    const deadline = Date.now() + 30_000
    let moved = nox
    while (moved === nox && Date.now() < deadline) {
      await page.waitForTimeout(100)
      moved = Number(await page.getAttribute('[data-testid="kpi-NOx"]', 'data-value'))
    }
    expect(moved).not.toBe(nox)
    // Monte Carlo split over the main worker and a nested helper worker, then the HiGHS optimiser, under the policy.
    await page.fill('[data-testid="mc-draws"]', '200')
    await page.selectOption('[data-testid="mc-workers"]', '2')
    await page.click('[data-testid="mc-run"]')
    await page.waitForSelector('[data-testid="mc-summary"][data-draws="200"][data-workers="2"]', { timeout: 60_000 })
    await page.waitForSelector('[data-testid="chart-fan"][data-rev]', { timeout: 60_000 })
    await page.click('[data-testid="opt-run"]')
    await page.waitForSelector('[data-testid="opt-result"], [data-testid="opt-issues"]', { timeout: 60_000 })
    expect(await page.textContent('[data-testid="analysis"]')).not.toContain('HiGHS did not load')
    expect(await page.getAttribute('[data-testid="opt-result"]', 'data-status')).toBe('optimal')
    const violations = await page.evaluate('window.__csp ?? []')
    expect(violations).toEqual([])
    expect(problems).toEqual([])
  })
})
