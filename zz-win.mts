import { serveDist, launchChromium } from './test/e2e/harness'
const s = await serveDist({}, '/tmp/dist-nomin')
const url = `http://127.0.0.1:${(s.address() as { port: number }).port}/lantian/`
const b = await launchChromium()
const p = await b.newPage({ viewport: { width: 1440, height: 1000 } })
await p.goto(url)
await p.waitForSelector('.app[data-ready="true"][data-busy="false"]')
await p.selectOption('[data-testid="plan-picker"]', 'nanyang')
await p.waitForTimeout(2500)
const sel = '[data-testid="level-cement-ule"]'
await p.focus(sel)
for (let i = 0; i < 5; i++) { await p.keyboard.press('ArrowLeft'); await p.waitForTimeout(200) }
const cdp = await p.context().newCDPSession(p)
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start')
await b.startTracing(p, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
const N = 8
for (let i = 0; i < N; i++) { await p.keyboard.press('ArrowLeft'); await p.waitForTimeout(300) }
const ev = JSON.parse((await b.stopTracing()).toString()).traceEvents as { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { type?: string } } }[]
const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[]; startTime: number } }
const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && ev.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'EventDispatch'))!
const keys = ev.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown' && e.pid === main.pid).map((e) => e.ts).sort((a, b) => a - b)
const tasks = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.ph === 'X')
const parent = new Map<number, number>(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const node = new Map(profile.nodes.map((n) => [n.id, n]))
let t = profile.startTime; const stamps = profile.timeDeltas.map((d) => (t += d))
// per window: inclusive time of app functions (not React/Plotly internals)
const agg = new Map<string, Map<string, number>>()
for (const k of keys) {
  for (const task of tasks.filter((x) => x.ts >= k - 500 && x.ts < k + 100000 && (x.dur ?? 0) > 1500)) {
    const label = `task@${Math.round((task.ts - k) / 1000)}ms(${((task.dur ?? 0) / 1000).toFixed(1)})`
    const bucket = `${Math.round((task.ts - k) / 5000) * 5}`
    const m = agg.get(bucket) ?? new Map<string, number>(); agg.set(bucket, m)
    m.set('#tasks ' , (m.get('#tasks ') ?? 0) + (task.dur ?? 0) / 1000 / keys.length)
    profile.samples.forEach((id, i) => {
      const ts = stamps[i]!; if (ts < task.ts || ts > task.ts + (task.dur ?? 0)) return
      const seen = new Set<string>()
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
        const f = node.get(x)!.callFrame
        const key = `${f.functionName || '(anon)'}${f.url ? ' ' + f.url.replace(/^.*\//, '') + ':' + (f.lineNumber + 1) : ''}`
        if (seen.has(key)) continue; seen.add(key)
        m.set(key, (m.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 50) / 1000 / keys.length)
      }
    })
    void label
  }
}
for (const [b, m] of [...agg].sort((x, y) => Number(x[0]) - Number(y[0]))) {
  console.log(`=== tasks starting ~${b} ms after the key (ms per step)`)
  for (const [k, v] of [...m].sort((x, y) => y[1] - x[1]).slice(0, 25)) if (v > 0.15) console.log(`  ${v.toFixed(2).padStart(6)} ${k}`)
}
await b.close(); s.close()
