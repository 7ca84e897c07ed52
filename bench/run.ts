/**
 * `npm run bench`: Lantian against DuckDB (one SQL query) and a naive per-record mathjs evaluation on synthetic
 * inventories of 10k, 100k and 1M records, plus the seed plans. Each size runs in a fresh process so that its
 * peak memory is its own. Every peer's totals must agree with Lantian's to 1e-9 before any figure is printed.
 * It also times the built CLI's cold start against a bare Node start (bench/cold-start.ts).
 * Options: `--sizes 10000,100000` to run fewer sizes; `--naive-sample 1000` records for the naive peer;
 * `--only cli` for the cold start alone (nothing is written to bench/results then).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { coldStart, type ColdStart } from './cold-start'
import { assertAgree } from './measure'
import { fmt, machine, table } from './report'

const here = dirname(fileURLToPath(import.meta.url))
const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`)
  return k >= 0 ? (process.argv[k + 1] ?? dflt) : dflt
}
const sizes = arg('sizes', '10000,100000,1000000').split(',').map(Number)
const naiveN = Number(arg('naive-sample', '1000'))

function child(mode: string, n: number, path = ''): Record<string, unknown> & Record<string, unknown>[] {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', join(here, 'size.ts'), mode, String(n), path], {
    cwd: join(here, '..'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  })
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  if (r.status !== 0 || !line) {
    process.stderr.write(r.stdout)
    throw new Error(`bench: ${mode} ${n} failed (exit ${r.status}); no figures are reported`)
  }
  return JSON.parse(line.slice(7)) as Record<string, unknown> & Record<string, unknown>[]
}

const m = machine()
process.stderr.write(`bench on ${m.nproc} × ${m.cpu}, ${m.memory}, node ${m.node}, load average ${m.loadAverageStart.join(' ')}\n`)

/** The cold-start table and its two goals. */
function coldStartReport(c: ColdStart): { text: string; goals: [string, boolean, string][] } {
  const cpu = (x: number | null) => (x === null ? 'n/a' : fmt(x, 0))
  const text = table(
    [`cold start, ${c.runs} runs each, alternated (wall ms; CPU ms of the process)`, 'median', 'CPU'],
    [
      [`${c.command} (built CLI, bin/lantian.mjs)`, fmt(c.cliMs, 0), cpu(c.cliCpuMs)],
      ['node -e ""', fmt(c.nodeMs, 0), cpu(c.nodeCpuMs)],
      ['ratio, pair by pair (median)', `${fmt(c.ratio, 1)} ×`, ''],
      [`${c.command} from source (tsx, npm run cli), median of 3`, fmt(c.sourceMs, 0), ''],
    ],
  )
  return {
    text: `${text}\nbuilt CLI: min ${fmt(c.cliMinMs, 0)} ms, max ${fmt(c.cliMaxMs, 0)} ms`,
    goals: [
      [`CLI cold start (${c.command}) ≤ 0.4 s`, c.cliMs <= 400, `${fmt(c.cliMs, 0)} ms median`],
      [`CLI cold start ≤ 10 × a bare Node start`, c.ratio <= 10, `${fmt(c.ratio, 1)} × (node -e "" ${fmt(c.nodeMs, 0)} ms)`],
    ],
  }
}
const cold = coldStart(join(here, '..'))
const coldReport = coldStartReport(cold)
if (arg('only', '') === 'cli') {
  const end = loadavg().map((x) => Math.round(x * 100) / 100)
  process.stdout.write(
    `${coldReport.text}\n\n${table(
      ['goal', 'met', 'figure'],
      coldReport.goals.map(([g, ok, f]) => [g, ok ? 'yes' : 'NO', f]),
    )}\n\n${m.date} · ${m.nproc} × ${m.cpu} · ${m.memory} RAM · node ${m.node} · load average ${m.loadAverageStart.join(' ')} → ${end.join(' ')}\n`,
  )
  process.exit(0)
}
const seeds = child('seeds', 0) as unknown as {
  seed: string
  records: number
  classes: number
  measures: number
  resolveMs: number
  recomputeMs: number
  flipMs: number
  flipRuns: number
  mc10kMs: number
  mc10kCpuMs: number
}[]
const naive = child('naive', naiveN) as unknown as { n: number; selectMs: number; projectMs: number; perRecordUs: number; agreeRel: number }
/** What the `parse` child measures: importing the CSV file (decode + parse) and resolving it, in a fresh process. */
type Parse = {
  csvMB: number
  firstParseMs: number
  firstResolveMs: number
  firstCpuMs: number
  parseMs: number
  resolveMs: number
  parseCpuMs: number
  resolveCpuMs: number
  peakRssMB: number
  totals: number[][]
}
type Size = {
  n: number
  classes: number
  csvMB: number
  parse: Parse
  resolveMs: number
  peakRssResolveMB: number
  recomputeMs: number
  attributionShare: number
  targetsMs: number
  monteCarlo1000Ms: number | null
  flipMs: number
  flipRuns: number
  duckLoadMs: number
  duckRecomputeMs: number
  agreeDuckRel: number
  peakRssMB: number
}
const results = sizes.map((n) => {
  const path = join(tmpdir(), `lantian-bench-${process.pid}-${n}.csv`)
  try {
    const r = child('size', n, path) as unknown as Omit<Size, 'parse'> & { totals: { lantian: number[][] } }
    const parse = child('parse', n, path) as unknown as Parse
    // The parsed file must give the projection of the table it was written from.
    assertAgree('Lantian (generated table) and Lantian (parsed CSV)', r.totals.lantian, parse.totals, 1e-12)
    return { ...r, parse } as Size
  } finally {
    rmSync(path, { force: true })
  }
})
m.loadAverageEnd = loadavg().map((x) => Math.round(x * 100) / 100)

const naiveMs = (n: number) => (naive.projectMs * n) / naive.n
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`)
const row = (name: string, f: (r: Size) => string): string[] => [name, ...results.map(f)]
const text = [
  table(
    ['synthetic inventory (30 measures, 2022–2030)', ...results.map((r) => label(r.n))],
    [
      row('classes', (r) => String(r.classes)),
      row('CSV size (MB)', (r) => fmt(r.csvMB)),
      row('parse CSV file: decode + columns (ms)', (r) => fmt(r.parse.parseMs, 0)),
      row('resolve: units, selectors, classes (ms)', (r) => fmt(r.resolveMs, 0)),
      row('parse + resolve (ms)', (r) => fmt(r.parse.parseMs + r.parse.resolveMs, 0)),
      row('  CPU time of parse + resolve (ms)', (r) => fmt(r.parse.parseCpuMs + r.parse.resolveCpuMs, 0)),
      row('  the same, first pass in a fresh process (ms)', (r) => fmt(r.parse.firstParseMs + r.parse.firstResolveMs, 0)),
      row('peak RSS through parse + resolve (MB)', (r) => fmt(r.parse.peakRssMB, 0)),
      row('peak RSS through resolve of the generated table (MB)', (r) => fmt(r.peakRssResolveMB, 0)),
      row('recompute after 1 parameter change (ms)', (r) => fmt(r.recomputeMs, 2)),
      row('  of which Shapley attribution (%)', (r) => fmt(r.attributionShare * 100, 0)),
      row('target evaluation (ms)', (r) => fmt(r.targetsMs, 3)),
      row('Monte Carlo, 1,000 draws (ms)', (r) => (r.monteCarlo1000Ms === null ? 'n/a (not yet implemented)' : fmt(r.monteCarlo1000Ms, 0))),
      row('flip points of every target and input (ms; simulations)', (r) => `${fmt(r.flipMs, 0)} (${r.flipRuns})`),
      row('DuckDB: load the CSV (ms)', (r) => fmt(r.duckLoadMs, 0)),
      row('DuckDB: recompute = update + 1 query (ms)', (r) => fmt(r.duckRecomputeMs, 0)),
      row(`naive mathjs: recompute (ms, from ${label(naive.n)} sample)`, (r) => fmt(naiveMs(r.n), 0)),
      row('Lantian recompute: × faster than DuckDB', (r) => fmt(r.duckRecomputeMs / r.recomputeMs, 0)),
      row('Lantian recompute: × faster than naive', (r) => fmt(naiveMs(r.n) / r.recomputeMs, 0)),
      row('peak RSS of the whole size run (MB)', (r) => fmt(r.peakRssMB, 0)),
      row('max relative difference Lantian vs DuckDB', (r) => r.agreeDuckRel.toExponential(1)),
    ],
  ),
  `naive mathjs peer: run on the first ${naive.n} records (the same records as the start of every inventory), ` +
    `${fmt(naive.perRecordUs, 0)} µs per record per run, extrapolated linearly; agrees with Lantian on that sample to ${naive.agreeRel.toExponential(1)}.`,
  '',
  table(
    [
      'seed plan',
      'records',
      'classes',
      'measures',
      'resolve (ms)',
      'recompute (ms)',
      'flip points (ms; simulations)',
      'MC 10,000 draws (ms)',
      'MC CPU time (ms)',
    ],
    seeds.map((s) => [
      s.seed,
      s.records,
      s.classes,
      s.measures,
      fmt(s.resolveMs, 1),
      fmt(s.recomputeMs, 2),
      `${fmt(s.flipMs, 0)} (${s.flipRuns})`,
      fmt(s.mc10kMs, 0),
      fmt(s.mc10kCpuMs, 0),
    ]),
  ),
]
const big = results.find((r) => r.n === Math.max(...sizes))
const small = results.find((r) => r.n === Math.min(...sizes))
const goals =
  big && small
    ? [
        [`recompute ≤ 5 ms at ${label(big.n)}`, big.recomputeMs <= 5, `${fmt(big.recomputeMs, 2)} ms`],
        [
          `recompute flat in record count (${label(big.n)} ≤ 2 × ${label(small.n)})`,
          big.recomputeMs <= 2 * small.recomputeMs,
          `${fmt(big.recomputeMs / small.recomputeMs, 2)} ×`,
        ],
        [`resolve ≤ 3 s at ${label(big.n)} (units, selectors, classes)`, big.resolveMs <= 3000, `${fmt(big.resolveMs, 0)} ms`],
        (() => {
          const median = big.parse.parseMs + big.parse.resolveMs
          const first = big.parse.firstParseMs + big.parse.firstResolveMs
          return [
            `resolve incl. decoding and parsing the ${fmt(big.parse.csvMB)} MB CSV ≤ 3 s at ${label(big.n)}`,
            Math.max(median, first) <= 3000,
            `${fmt(median, 0)} ms median (${fmt(big.parse.parseMs, 0)} parse + ${fmt(big.parse.resolveMs, 0)} resolve; CPU ${fmt(big.parse.parseCpuMs + big.parse.resolveCpuMs, 0)} ms); first pass ${fmt(first, 0)} ms`,
          ]
        })(),
        [`peak RSS through parse + resolve ≤ 1 GB at ${label(big.n)}`, big.parse.peakRssMB <= 1024, `${fmt(big.parse.peakRssMB, 0)} MB`],
        [
          'recompute ≥ 10 × faster than DuckDB (every size)',
          results.every((r) => r.duckRecomputeMs >= 10 * r.recomputeMs),
          results.map((r) => fmt(r.duckRecomputeMs / r.recomputeMs, 0)).join(' / '),
        ],
        [
          'recompute ≥ 100 × faster than naive (every size)',
          results.every((r) => naiveMs(r.n) >= 100 * r.recomputeMs),
          results.map((r) => fmt(naiveMs(r.n) / r.recomputeMs, 0)).join(' / '),
        ],
        (() => {
          // Largest = most classes (what a draw costs), then most records; the slowest seed is named as well.
          const largest = [...seeds].sort((a, b) => b.classes - a.classes || b.records - a.records)[0]
          const slowest = [...seeds].sort((a, b) => b.mc10kMs - a.mc10kMs)[0]
          return [
            `Monte Carlo 10,000 draws on the largest seed (${largest?.seed}) ≤ 2 s, one thread`,
            (largest?.mc10kMs ?? Infinity) <= 2000,
            `${fmt(largest?.mc10kMs ?? NaN, 0)} ms, CPU ${fmt(largest?.mc10kCpuMs ?? NaN, 0)} ms (${largest?.classes} classes, ${largest?.measures} measures); slowest seed ${slowest?.seed} ${fmt(slowest?.mc10kMs ?? NaN, 0)} ms`,
          ]
        })(),
      ]
    : []
goals.push(...coldReport.goals)
text.push(
  '',
  coldReport.text,
  '',
  table(
    ['goal', 'met', 'figure'],
    goals.map(([g, ok, f]) => [String(g), ok ? 'yes' : 'NO', String(f)]),
  ),
)
text.push(
  '',
  `${m.date} · ${m.nproc} × ${m.cpu} · ${m.memory} RAM · node ${m.node} · load average ${m.loadAverageStart.join(' ')} → ${m.loadAverageEnd.join(' ')}`,
)
process.stdout.write(`${text.join('\n')}\n`)

const json = {
  machine: m,
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  sizes: results,
  naive,
  seeds,
  coldStart: cold,
  goals,
}
mkdirSync(join(here, 'results'), { recursive: true })
// Written in the project's prettier style, so that `npm run format:check` stays clean.
const latest = join(here, 'results', 'latest.json')
const body = await format(JSON.stringify(json, null, 2), { ...(await resolveConfig(latest)), filepath: latest })
writeFileSync(latest, body)
writeFileSync(join(here, 'results', `${m.date.slice(0, 10)}.json`), body)
