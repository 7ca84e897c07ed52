/**
 * `npm run bench:browser`: the production build served on 127.0.0.1 and driven in Debian's Chromium. Prints time to
 * first chart (cold and warm cache), slider-to-chart latency p50/p95 on the largest seed and on a 100k-record
 * inventory, and the gzip size of every built file; writes `bench/results/browser-<date>.json`. Figures are
 * printed, never asserted. Options: `--dist <dir>` to reuse a build, `--steps 60`, `--loads 5`, `--records 100000`,
 * `--only load|slider`, `--profile` (main-thread trace and JavaScript profile of the seed's slider steps).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { format, resolveConfig } from 'prettier'
import { launchChromium, serveDist } from '../../test/e2e/harness'
import { machine, table } from '../report'
import { bigInventory } from './big-inventory'
import { PROBE } from './probe'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../..')
const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`)
  return k >= 0 ? (process.argv[k + 1] ?? dflt) : dflt
}
const STEPS = Number(arg('steps', '60'))
const LOADS = Number(arg('loads', '5'))
const RECORDS = Number(arg('records', '100000'))
const PROFILE = process.argv.includes('--profile')
/** `--only load` or `--only slider`: run one half of the bench (a quicker loop while working on one figure). */
const ONLY = arg('only', '')
/** The seed with the most records and classes (bench/results/latest.json). */
const LARGEST_SEED = 'nanyang'
/** A seed's record count, read from its inventory (the header and `#` lines are not records), to know its run is on screen. */
const recordsOf = (seed: string) =>
  readFileSync(join(root, 'seeds', seed, 'inventory.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#')).length - 1
/** The seed whose scenario the 100k-record inventory is generated for (the default plan). */
const BIG_SEED = 'xiping'
const VIEWPORT = { width: 1440, height: 1000 }

/** A step as timed in the page: from the key's event time stamp to the painted frame. */
interface Step {
  drawnMs: number
  paintedMs: number
  phases: Record<string, number>
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const i = (s.length - 1) * q
  const lo = Math.floor(i)
  return (s[lo] as number) + ((s[Math.ceil(i)] as number) - (s[lo] as number)) * (i - lo)
}
const r1 = (x: number) => Math.round(x * 10) / 10

function build(): { dist: string; temp: boolean } {
  const given = arg('dist', '')
  if (given) return { dist: given, temp: false }
  const dist = mkdtempSync(join(tmpdir(), 'lantian-bench-dist-'))
  process.stderr.write(`building the production app into ${dist} …\n`)
  // NODE_ENV=production: under another NODE_ENV Vite would bundle React's development build (test/e2e/global-setup.ts).
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  return { dist, temp: true }
}

function sizes(dist: string): { file: string; bytes: number; gzip: number }[] {
  const out: { file: string; bytes: number; gzip: number }[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else {
        const buf = readFileSync(p)
        out.push({ file: relative(dist, p), bytes: buf.length, gzip: gzipSync(buf).length })
      }
    }
  }
  walk(dist)
  return out.sort((a, b) => b.gzip - a.gzip)
}

async function newPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage()
  page.on('pageerror', (e) => process.stderr.write(`[pageerror] ${e.message}\n`))
  return page
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-ready="true"][data-busy="false"]', { timeout: 120_000 })
  await page.waitForSelector('[data-testid="chart-trajectory"][data-rev]', { timeout: 120_000 })
}

interface LoadTimes {
  firstChartMs: number
  allChartsMs: number
  domContentLoadedMs: number
  firstRequestMs: number
  firstResultMs: number
  plotlyFetchedMs: number
  /** The app's start-up steps (library, seed list, autosave, plan loaded), ms after navigation. */
  start: Record<string, number>
  js: string[]
}

/** Navigate and return when the trajectory chart has been painted, with the page's own clock (0 = navigation). */
async function load(page: Page, url: string): Promise<LoadTimes> {
  const js: string[] = []
  const onResponse = (r: { url(): string }) => {
    if (/\.(js|css)$/.test(r.url())) js.push(r.url().replace(/^.*\/assets\//, ''))
  }
  page.on('response', onResponse)
  await page.goto(url)
  await settled(page)
  await page.waitForFunction(
    `['chart-trajectory','chart-waterfall','chart-sectors'].every((id) => window.__lantianProbe.firstPaint[id] !== undefined)`,
    undefined,
    {
      timeout: 120_000,
    },
  )
  page.off('response', onResponse)
  const t = (await page.evaluate(`({
    fp: window.__lantianProbe.firstPaint,
    dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    request: window.__lantianProbe.entries.find((e) => e.name === 'lantian:request')?.start,
    result: window.__lantianProbe.entries.find((e) => e.name === 'lantian:result')?.start,
    plotly: performance.getEntriesByType('resource').find((e) => /plotly/.test(e.name))?.responseEnd,
    start: Object.fromEntries(window.__lantianProbe.entries.filter((e) => e.name.startsWith('lantian:start:')).map((e) => [e.name.slice(14), Math.round(e.start)])),
  })`)) as { fp: Record<string, number>; dcl: number; request?: number; result?: number; plotly?: number; start: Record<string, number> }
  return {
    firstChartMs: r1(t.fp['chart-trajectory'] as number),
    allChartsMs: r1(Math.max(...Object.values(t.fp))),
    domContentLoadedMs: r1(t.dcl),
    // Where the first chart's time goes: the first run asked for (library and plan loaded), its result, Plotly fetched.
    firstRequestMs: r1(t.request ?? NaN),
    firstResultMs: r1(t.result ?? NaN),
    plotlyFetchedMs: r1(t.plotly ?? NaN),
    start: t.start,
    js,
  }
}

/** Press an arrow key on a measure's adoption slider `steps` times, one step at a time, timing each. */
async function drag(page: Page, measure: string, steps: number): Promise<Step[]> {
  const sel = `[data-testid="level-${measure}"]`
  await page.locator(sel).scrollIntoViewIfNeeded()
  await page.evaluate('window.scrollTo(0, 0)')
  await page.focus(sel)
  let dir = 1
  const out: Step[] = []
  for (let k = 0; k < steps; k++) {
    const s = (await page.evaluate(`window.__lantianArm(${JSON.stringify(sel)})`)) as { value: number; min: number; max: number }
    if (s.value >= s.max) dir = -1
    else if (s.value <= s.min) dir = 1
    await page.keyboard.press(dir > 0 ? 'ArrowRight' : 'ArrowLeft')
    const r = (await page.evaluate('window.__lantianWait(20000)')) as {
      timeout?: boolean
      t0: number
      drawn: number
      painted: number
      entries: { name: string; type: string; start: number; ms: number }[]
    }
    if (r.timeout) throw new Error(`bench: step ${k} on ${measure} did not redraw the charts within 20 s`)
    const phases: Record<string, number> = {}
    for (const e of r.entries) {
      const key = e.type === 'mark' ? `${e.name}@` : e.name
      phases[key] = (phases[key] ?? 0) + (e.type === 'mark' ? e.start : e.ms)
    }
    out.push({ drawnMs: r.drawn - r.t0, paintedMs: r.painted - r.t0, phases })
    // Let the page go idle between steps, as between a user's discrete moves.
    await page.waitForTimeout(30)
  }
  return out
}

async function biggestNoxMeasure(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    let best = '', max = -1
    for (const el of document.querySelectorAll('[data-credit-nox]')) {
      const v = Number(el.getAttribute('data-credit-nox'))
      if (v > max) { max = v; best = el.getAttribute('data-testid').replace(/^measure-/, '') }
    }
    return best
  })()`)) as string
}

/** Print where the renderer's main thread spent the profiled steps (`--profile`): trace event time by name, per step. */
function printTrace(buf: Buffer, steps: number): void {
  const events = (
    JSON.parse(buf.toString('utf8')) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { name?: string } }[] }
  ).traceEvents
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const byName = new Map<string, number>()
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || e.dur === undefined) continue
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000)
  }
  const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18)
  console.log(`\nmain-thread trace over the ${LARGEST_SEED} steps, ms per step by event (nested events are counted in their parents too):`)
  console.log(`  ${top.map(([k, ms]) => `${k} ${(ms / steps).toFixed(1)}`).join(' · ')}`)
}

interface CpuProfile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples: number[]
  timeDeltas: number[]
}

/** Print the main thread's JavaScript self time by script (`--profile`): which library the time goes to. */
function printProfile(p: CpuProfile, steps: number): void {
  const fileOf = new Map(
    p.nodes.map((n) => [n.id, n.callFrame.url ? n.callFrame.url.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '.js') : n.callFrame.functionName]),
  )
  const byFile = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const f = fileOf.get(id) ?? '?'
    byFile.set(f, (byFile.get(f) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000)
  })
  const top = [...byFile.entries()]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
  console.log(`  JavaScript self time per step by script: ${top.map(([k, ms]) => `${k} ${(ms / steps).toFixed(1)}`).join(' · ')}`)
  // Inclusive time by function (each function once per sample, however deep it recurses): read with an unminified
  // build (`npx vite build --minify false --outDir D`, then `--dist D`) to see names.
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const node = new Map(p.nodes.map((n) => [n.id, n]))
  const inclusive = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const seen = new Set<string>()
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const f = node.get(x)?.callFrame
      if (!f?.url) continue
      const k = `${f.functionName || '(anonymous)'} ${fileOf.get(x)}:${f.lineNumber + 1}`
      if (seen.has(k)) continue
      seen.add(k)
      inclusive.set(k, (inclusive.get(k) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000)
    }
  })
  const calls = [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)
  console.log(`  JavaScript inclusive time per step by function:\n${calls.map(([k, ms]) => `    ${(ms / steps).toFixed(2).padStart(6)}  ${k}`).join('\n')}`)
}

function summarise(steps: Step[]) {
  const phases = new Set(steps.flatMap((s) => Object.keys(s.phases)))
  const median: Record<string, number> = {}
  for (const p of [...phases].sort())
    median[p] = r1(
      quantile(
        steps.map((s) => s.phases[p] ?? 0),
        0.5,
      ),
    )
  return {
    steps: steps.length,
    p50: r1(
      quantile(
        steps.map((s) => s.paintedMs),
        0.5,
      ),
    ),
    p95: r1(
      quantile(
        steps.map((s) => s.paintedMs),
        0.95,
      ),
    ),
    max: r1(Math.max(...steps.map((s) => s.paintedMs))),
    drawnP50: r1(
      quantile(
        steps.map((s) => s.drawnMs),
        0.5,
      ),
    ),
    phaseMedians: median,
  }
}

/** (b) Slider latency on the largest seed, then on a 100k-record inventory imported through the app. */
async function sliderSteps(browser: Browser, url: string) {
  const ctx = await browser.newContext({ viewport: VIEWPORT })
  await ctx.addInitScript({ content: PROBE })
  const page = await newPage(ctx)
  await page.goto(url)
  await settled(page)
  await page.selectOption('[data-testid="plan-picker"]', LARGEST_SEED)
  await page.waitForFunction(`document.querySelector('[data-testid="inventory-info"]')?.textContent.includes('${recordsOf(LARGEST_SEED)} ')`, undefined, {
    timeout: 60_000,
  })
  await settled(page)
  const seedMeasure = await biggestNoxMeasure(page)
  const cdp = PROFILE ? await ctx.newCDPSession(page) : undefined
  if (cdp) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  const seedSteps = await drag(page, seedMeasure, STEPS)
  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
    printTrace(await browser.stopTracing(), STEPS)
    printProfile(profile, STEPS)
  }

  await page.selectOption('[data-testid="plan-picker"]', BIG_SEED)
  await page.waitForFunction(`document.querySelector('[data-testid="inventory-info"]')?.textContent.includes('${recordsOf(BIG_SEED)} ')`, undefined, {
    timeout: 60_000,
  })
  await settled(page)
  const big = bigInventory(join(root, 'seeds', BIG_SEED, 'inventory.csv'), RECORDS)
  const t0 = Date.now()
  await page.setInputFiles('[data-testid="import-inventory"]', { name: `xiping-${RECORDS}.csv`, mimeType: 'text/csv', buffer: Buffer.from(big.csv) })
  await page.waitForFunction(`document.querySelector('[data-testid="inventory-info"]')?.textContent.includes('${big.records} ')`, undefined, {
    timeout: 120_000,
  })
  await settled(page)
  const importMs = Date.now() - t0
  const bigMeasure = await biggestNoxMeasure(page)
  const bigSteps = await drag(page, bigMeasure, STEPS)
  await ctx.close()
  return {
    [LARGEST_SEED]: { measure: seedMeasure, ...summarise(seedSteps) },
    [`${BIG_SEED}-${big.records}`]: { measure: bigMeasure, importMs, csvMB: r1(big.csv.length / 1e6), ...summarise(bigSteps) },
  }
}

async function main(): Promise<void> {
  const m = machine()
  const { dist, temp } = build()
  const files = sizes(dist)
  // Hashed asset names never change content, so a warm load may take everything from the HTTP cache.
  const server = await serveDist({ 'cache-control': 'public, max-age=31536000, immutable' }, dist)
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lantian/`
  let browser: Browser | undefined
  try {
    browser = await launchChromium()
    const version = browser.version()
    process.stderr.write(`Chromium ${version}, ${url}\n`)

    // (a) Time to first chart: cold = a fresh profile each time; warm = a second load in the same profile.
    const cold: LoadTimes[] = []
    const warm: LoadTimes[] = []
    for (let i = 0; i < (ONLY === 'slider' ? 0 : LOADS); i++) {
      const ctx = await browser.newContext({ viewport: VIEWPORT })
      await ctx.addInitScript({ content: PROBE })
      cold.push(await load(await newPage(ctx), url))
      warm.push(await load(await newPage(ctx), url))
      await ctx.close()
    }
    const median = (xs: LoadTimes[], k: keyof Omit<LoadTimes, 'js' | 'start'>) =>
      r1(
        quantile(
          xs.map((x) => x[k]),
          0.5,
        ),
      )
    const loadRow = (xs: LoadTimes[]) => ({
      firstChartP50: median(xs, 'firstChartMs'),
      firstChartMax: r1(Math.max(...xs.map((x) => x.firstChartMs))),
      allChartsP50: median(xs, 'allChartsMs'),
      domContentLoadedP50: median(xs, 'domContentLoadedMs'),
      plotlyFetchedP50: median(xs, 'plotlyFetchedMs'),
      firstRequestP50: median(xs, 'firstRequestMs'),
      firstResultP50: median(xs, 'firstResultMs'),
    })
    const loads = {
      cold: loadRow(cold),
      warm: loadRow(warm),
      coldRuns: cold.map((x) => x.firstChartMs),
      warmRuns: warm.map((x) => x.firstChartMs),
      fetched: cold[0]?.js ?? [],
      startSteps: cold.map((x) => x.start),
    }

    const slider = ONLY === 'load' ? {} : await sliderSteps(browser, url)

    const result = {
      machine: { ...m, loadAverageEnd: loadavg().map((x) => Math.round(x * 100) / 100), chromium: version },
      command: `npm run bench:browser -- --steps ${STEPS} --loads ${LOADS} --records ${RECORDS}${ONLY ? ` --only ${ONLY}` : ''}`,
      viewport: VIEWPORT,
      loads,
      slider,
      bundle: files,
      goals: { sliderP95Ms: 50, firstChartMs: 1500 },
    }
    print(result)
    const day = m.date.slice(0, 10)
    mkdirSync(join(here, '../results'), { recursive: true })
    const out = join(here, '../results', `browser-${day}${ONLY ? `-${ONLY}` : ''}.json`)
    // Formatted as Prettier would, so that `npm run format:check` passes on committed results.
    writeFileSync(out, await format(JSON.stringify(result), { ...(await resolveConfig(out)), parser: 'json' }))
    process.stderr.write(`wrote ${relative(root, out)}\n`)
  } finally {
    await browser?.close()
    await new Promise((r) => server.close(r))
    if (temp) rmSync(dist, { recursive: true, force: true })
  }
}

function print(r: {
  machine: { nproc: number; cpu: string; loadAverageStart: number[]; loadAverageEnd: number[]; chromium: string }
  loads: { cold: Record<string, number>; warm: Record<string, number>; fetched: string[]; startSteps: Record<string, number>[] }
  slider: Record<string, ReturnType<typeof summarise> & { measure: string; importMs?: number }>
  bundle: { file: string; bytes: number; gzip: number }[]
}): void {
  const kb = (b: number) => (b / 1024).toFixed(1)
  console.log(
    `\nBrowser bench: Chromium ${r.machine.chromium} headless, ${r.machine.nproc} × ${r.machine.cpu}, load average ${r.machine.loadAverageStart.join(' ')} → ${r.machine.loadAverageEnd.join(' ')}\n`,
  )
  console.log(
    table(
      [
        'time to first chart (ms from navigation)',
        'first chart p50',
        'max',
        'all three charts p50',
        'DOMContentLoaded',
        'Plotly fetched',
        'first run asked',
        'its result',
      ],
      (['cold', 'warm'] as const).map((k) => [
        k === 'cold' ? 'cold cache (fresh profile)' : 'warm cache (second load)',
        ...(['firstChartP50', 'firstChartMax', 'allChartsP50', 'domContentLoadedP50', 'plotlyFetchedP50', 'firstRequestP50', 'firstResultP50'] as const).map(
          (c) => r.loads[k][c] ?? NaN,
        ),
      ]),
    ),
  )
  console.log(`\nfiles fetched before the first chart: ${r.loads.fetched.join(', ')}`)
  console.log(
    `start-up steps of the cold loads (ms after navigation): ${r.loads.startSteps
      .map((s) =>
        Object.entries(s)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      )
      .join(' | ')}\n`,
  )
  console.log(
    table(
      ['slider step → charts painted (ms)', 'steps', 'p50', 'p95', 'max', 'drawn p50 (before paint)'],
      Object.entries(r.slider).map(([k, s]) => [`${k} (${s.measure})`, s.steps, s.p50, s.p95, s.max, s.drawnP50]),
    ),
  )
  for (const [k, s] of Object.entries(r.slider)) {
    const ph = Object.entries(s.phaseMedians)
    if (ph.length > 0)
      console.log(`  ${k} phase medians (mark@ = ms after the key, else duration): ${ph.map(([p, v]) => `${p.replace(/^lantian:/, '')} ${v}`).join(' · ')}`)
    if (s.importMs !== undefined) console.log(`  ${k}: import of the CSV through the file input → charts ${s.importMs} ms`)
  }
  console.log('')
  const total = r.bundle.reduce((a, f) => a + f.gzip, 0)
  console.log(
    table(
      ['built file', 'KiB', 'gzip KiB'],
      [...r.bundle.map((f) => [f.file, kb(f.bytes), kb(f.gzip)]), ['total', kb(r.bundle.reduce((a, f) => a + f.bytes, 0)), kb(total)]],
    ),
  )
  console.log(`\ngoals: slider p95 < 50 ms, first chart < 1.5 s (cold, 127.0.0.1)`)
}

await main()
