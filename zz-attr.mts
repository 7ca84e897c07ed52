import { serveDist, launchChromium } from './test/e2e/harness'
const s = await serveDist({}, '/work/main/dist')
const url = `http://127.0.0.1:${(s.address() as { port: number }).port}/lantian/`
const b = await launchChromium()
const p = await b.newPage({ viewport: { width: 1440, height: 1000 } })
await p.goto(url)
await p.waitForSelector('.app[data-ready="true"][data-busy="false"]')
await p.selectOption('[data-testid="plan-picker"]', 'nanyang')
await p.waitForTimeout(2500)
await p.focus('[data-testid="level-cement-ule"]')
await p.evaluate(`(() => {
  window.__attr = {}
  const orig = Element.prototype.setAttribute
  Element.prototype.setAttribute = function (n, v) {
    const t = performance.now(); orig.call(this, n, v); const d = performance.now() - t
    const k = (this.tagName + ' ' + n).toLowerCase(); const a = window.__attr[k] ?? (window.__attr[k] = [0, 0]); a[0] += d; a[1]++
  }
})()`)
for (let i = 0; i < 10; i++) { await p.keyboard.press('ArrowLeft'); await p.waitForTimeout(300) }
const r = (await p.evaluate('window.__attr')) as Record<string, [number, number]>
for (const [k, [ms, n]] of Object.entries(r).sort((a, b) => b[1][0] - a[1][0]).slice(0, 12)) console.log(k.padEnd(30), (ms / 10).toFixed(2), 'ms/step', n / 10, 'calls/step')
await b.close(); s.close()
