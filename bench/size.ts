/**
 * One benchmark size in a fresh process (so that peak memory belongs to this size): `size <n> <csv path>` (which
 * also writes the synthetic CSV there), `parse <n> <csv path>` (read that file's bytes, decode, parse and resolve:
 * what importing an inventory costs, peak memory included), or the sampled naive peer: `naive <n>`, or the seed
 * plans: `seeds 0`. Prints one line `RESULT <json>` on stdout; progress goes to stderr without figures.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readScenarioBundle } from '../src/cli/files'
import { readCliLibrary } from '../src/cli/library'
import * as core from '../src/core'
import {
  evaluateTargets,
  flipPoints,
  parseInventory,
  resolveScenario,
  runMonteCarlo,
  runResolved,
  simulate,
  type Library,
  type ResolvedScenario,
  type Scenario,
} from '../src/core'
import { assertAgree, median, peakRssMb, timeAsync, timePaired, timeSync } from './measure'
import { yearTotals } from './lantian-totals'
import { DuckPeer } from './peers/duckdb'
import { NaivePeer } from './peers/naive'
import { peerTables } from './peers/tables'
import { synthCsv, synthTable } from './synth/inventory'
import { benchScenario, editedScenario } from './synth/scenario'

const log = (s: string) => process.stderr.write(`  [${process.argv[3]}] ${s}\n`)

function must<T>(r: core.Result<T>, what: string): T {
  if (!r.ok) throw new Error(`bench: ${what} failed: ${r.issues.map((i) => i.en).join('; ')}`)
  return r.value
}

function tablesFor(lib: Library, inv: core.InventoryTable) {
  const cap = inv.attributes.find((a) => a.name === 'capacity')
  return peerTables(lib, inv.unit.dict, inv.technology.dict, cap?.kind === 'number' && cap.unit ? cap.unit.dict : [])
}

function lantianTotals(r: ResolvedScenario, s: Scenario) {
  return yearTotals(must(simulate(r, s), 'simulate'))
}

/** Monte Carlo, when the core has it (another engineer's module). */
async function monteCarlo(r: ResolvedScenario, s: Scenario): Promise<number | null> {
  const mc = (core as Record<string, unknown>).runMonteCarlo as
    ((r: ResolvedScenario, s: Scenario, o: { draws: number; seed: number }) => Promise<core.Result<unknown>>) | undefined
  if (!mc) return null
  const t = performance.now()
  must(await mc(r, s, { draws: 1000, seed: 20240601 }), 'Monte Carlo')
  return performance.now() - t
}

async function size(lib: Library, n: number, path: string) {
  const s = benchScenario()
  log('generate')
  const t0 = performance.now()
  const inv = synthTable(lib, n)
  const generateMs = performance.now() - t0
  log('resolve')
  const big = n >= 1_000_000
  const res = timeSync(() => must(resolveScenario(lib, s, inv), 'resolve'), big ? 3 : 5, 1)
  const resolved = res.result
  const rssResolve = peakRssMb()
  log('recompute')
  // A planner's edit: one measure's parameter and level change; the resolution is reused.
  const recompute = timeSync((k) => must(runResolved(resolved, editedScenario(s, k)), 'recompute'), 300, 50)
  const sim = timePaired(
    (k) => must(simulate(resolved, editedScenario(s, k)), 'simulate'),
    (k) => must(simulate(resolved, editedScenario(s, k), undefined, { attribution: false }), 'simulate'),
    300,
    50,
  )
  const projection = must(simulate(resolved, s), 'simulate')
  const targets = timeSync(() => evaluateTargets(projection, s), 300, 50)
  log('monte carlo')
  const mcMs = await monteCarlo(resolved, s)
  // Flip points of every target (what the app's "what this verdict rests on" panel computes after an edit).
  const flips = timeSync(() => must(flipPoints(resolved, s), 'flip points'), big ? 2 : 3, 1)
  const lantianBase = lantianTotals(resolved, s)
  const edited = editedScenario(s, 3)
  const lantianEdited = lantianTotals(resolved, edited)

  log('csv')
  const csv = synthCsv(lib, n)
  // The `parse` child reads this file in a process of its own; DuckDB reads it too.
  writeFileSync(path, csv)

  log('duckdb')
  const tables = tablesFor(lib, inv)
  const tl = performance.now()
  const duck = await DuckPeer.open(path, tables)
  const duckLoadMs = performance.now() - tl
  await duck.setScenario(lib, s)
  const duckBase = await duck.project(lib, s)
  const agreeDuck = assertAgree('Lantian and DuckDB', lantianBase, duckBase.scenario)
  assertAgree('Lantian and DuckDB (counterfactual)', yearTotals(projection, 'counterfactual'), duckBase.counterfactual)
  const duckQ = await timeAsync(
    async (k) => {
      await duck.setScenario(lib, editedScenario(s, k))
      return duck.project(lib, editedScenario(s, k))
    },
    big ? 3 : 5,
    1,
  )
  await duck.setScenario(lib, edited)
  assertAgree('Lantian and DuckDB (edited scenario)', lantianEdited, (await duck.project(lib, edited)).scenario)
  duck.close()
  return {
    n,
    classes: resolved.classes.count,
    measures: resolved.measures.length,
    years: resolved.years.length,
    csvMB: Buffer.byteLength(csv) / 1e6,
    generateMs,
    resolveMs: res.ms,
    peakRssResolveMB: rssResolve,
    recomputeMs: recompute.ms,
    simulateMs: sim.a,
    simulateNoAttributionMs: sim.b,
    attributionShare: Math.max(0, (sim.a - sim.b) / sim.a),
    targetsMs: targets.ms,
    monteCarlo1000Ms: mcMs,
    flipMs: flips.ms,
    flipRuns: flips.result.runs,
    duckLoadMs,
    duckRecomputeMs: duckQ.ms,
    agreeDuckRel: agreeDuck,
    peakRssMB: peakRssMb(),
    totals: { lantian: lantianBase },
  }
}

async function naive(lib: Library, n: number) {
  const s = benchScenario()
  const inv = synthTable(lib, n)
  const resolved = must(resolveScenario(lib, s, inv), 'resolve')
  const peer = new NaivePeer(lib, inv, tablesFor(lib, inv))
  const sel = timeSync(() => peer.select(s), 1, 0)
  const lantianBase = lantianTotals(resolved, s)
  log('naive (sampled)')
  const run = timeSync((k) => peer.project(k < 0 ? s : editedScenario(s, k)), 3, 1)
  const agree = assertAgree('Lantian and naive mathjs', lantianBase, peer.project(s).scenario)
  const edited = editedScenario(s, 3)
  assertAgree('Lantian and naive mathjs (edited scenario)', lantianTotals(resolved, edited), peer.project(edited).scenario)
  return { n, selectMs: sel.ms, projectMs: run.ms, perRecordUs: (run.ms * 1000) / n, agreeRel: agree }
}

/**
 * Import the CSV file as the app and the CLI do: its bytes decoded (UTF-8 check, GB18030 fallback), parsed into
 * columns, then resolved. The first pass is timed alone and sets the peak RSS (a fresh process holding only the
 * file's bytes, its text, the table and the resolution); further passes give medians.
 */
function parse(lib: Library, n: number, path: string) {
  const s = benchScenario()
  const bytes = new Uint8Array(readFileSync(path))
  // CPU time too (process-wide, so the GC's helper threads count): other sessions share this machine's cores.
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since)
    return (u.user + u.system) / 1000
  }
  const pass = () => {
    let c = process.cpuUsage()
    let t = performance.now()
    const table = must(parseInventory(bytes, 'synthetic.csv'), 'parse')
    const parseMs = performance.now() - t
    const parseCpuMs = cpuMs(c)
    c = process.cpuUsage()
    t = performance.now()
    const resolved = must(resolveScenario(lib, s, table), 'resolve parsed')
    return { resolved, parseMs, parseCpuMs, resolveMs: performance.now() - t, resolveCpuMs: cpuMs(c) }
  }
  const first = pass()
  const peakRssMB = peakRssMb()
  const totals = lantianTotals(first.resolved, s)
  log('parse + resolve')
  // Keep only the figures of the timed passes: holding their tables too would make each pass's GC slower.
  const runs = Array.from({ length: n >= 1_000_000 ? 3 : 5 }, () => {
    const r = pass()
    return { parseMs: r.parseMs, parseCpuMs: r.parseCpuMs, resolveMs: r.resolveMs, resolveCpuMs: r.resolveCpuMs }
  })
  const med = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f))
  return {
    n,
    csvMB: bytes.length / 1e6,
    firstParseMs: first.parseMs,
    firstResolveMs: first.resolveMs,
    firstCpuMs: first.parseCpuMs + first.resolveCpuMs,
    parseMs: med((r) => r.parseMs),
    resolveMs: med((r) => r.resolveMs),
    parseCpuMs: med((r) => r.parseCpuMs),
    resolveCpuMs: med((r) => r.resolveCpuMs),
    peakRssMB,
    totals,
  }
}

/** The five seed plans: resolve and recompute (their own inventories are small), and 10,000 Monte Carlo draws. */
async function seeds(lib: Library) {
  const dir = 'seeds'
  const rows = readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'scenario.yaml')))
    .sort()
    .map((d) => {
      const b = must(readScenarioBundle(join(dir, d)), `seed ${d}`)
      const res = timeSync(() => must(resolveScenario(lib, b.scenario, b.inventory), `resolve ${d}`), 5, 2)
      const re = timeSync(() => must(runResolved(res.result, b.scenario), `run ${d}`), 100, 20)
      const fp = timeSync(() => must(flipPoints(res.result, b.scenario), `flip points ${d}`), 10, 3)
      return {
        seed: d,
        records: b.inventory.n,
        classes: res.result.classes.count,
        measures: res.result.measures.length,
        resolveMs: res.ms,
        recomputeMs: re.ms,
        flipMs: fp.ms,
        flipRuns: fp.result.runs,
        scenario: b.scenario,
        resolved: res.result,
      }
    })
  // Monte Carlo, 10,000 draws, on one thread, timed on each seed after a 500-draw warm-up.
  const out = []
  for (const r of rows) {
    must(await runMonteCarlo(r.resolved, r.scenario, { draws: 500, seed: 1 }), `mc warm-up ${r.seed}`)
    const c = process.cpuUsage()
    const t = performance.now()
    must(await runMonteCarlo(r.resolved, r.scenario, { draws: 10_000, seed: 20240601 }), `mc ${r.seed}`)
    const mc10kMs = performance.now() - t
    const u = process.cpuUsage(c)
    out.push({
      seed: r.seed,
      records: r.records,
      classes: r.classes,
      measures: r.measures,
      resolveMs: r.resolveMs,
      recomputeMs: r.recomputeMs,
      flipMs: r.flipMs,
      flipRuns: r.flipRuns,
      mc10kMs,
      // CPU time (process-wide): what the draws cost when other sessions share the cores.
      mc10kCpuMs: (u.user + u.system) / 1000,
    })
  }
  return out
}

const lib = must(readCliLibrary(), 'library')
const mode = process.argv[2]
const n = Number(process.argv[3])
const path = process.argv[4] ?? ''
const out = mode === 'naive' ? await naive(lib, n) : mode === 'seeds' ? await seeds(lib) : mode === 'parse' ? parse(lib, n, path) : await size(lib, n, path)
process.stdout.write(`RESULT ${JSON.stringify(out)}\n`)
