import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeF64, encodeF64, shardRange } from '../../src/cli/shard'
import { runCli } from '../helpers'

// Shards of a job, merged, must give the job's own output to the bit (README "Scale-out", docs/scale-out.md).
const ROOT = join(import.meta.dirname, '../..')
const tmp = mkdtempSync(join(tmpdir(), 'lantian-shards-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou'].map((s) => `seeds/${s}`)

/** Run shards 1…n of a command into partial files (whatever their exit codes); return their paths. */
async function shards(name: string, args: string[], n: number): Promise<string[]> {
  const files: string[] = []
  for (let i = 1; i <= n; i++) {
    const file = join(tmp, `${name}-${i}.json`)
    await runCli([...args, '--shard', `${i}/${n}`, '--out', file])
    files.push(file)
  }
  return files
}

describe('lantian mc --shard i/n and lantian merge', () => {
  const job = ['mc', 'seeds/xiping', '--draws', '1000', '--seed', '42', '--chunk', '64', '--quiet']

  it('merges 4 Monte Carlo shards into the single run’s output, to the bit, in every format', async () => {
    const parts = await shards('mc', job, 4)
    for (const out of [[], ['--format', 'json'], ['--format', 'csv'], ['--format', 'csv', '--what', 'targets'], ['--format', 'csv', '--what', 'tornado']]) {
      const single = await runCli([...job, ...out])
      const merged = await runCli(['merge', ...parts, ...out])
      expect(merged.out, out.join(' ')).toBe(single.out)
      expect(merged.err, out.join(' ')).toBe(single.err)
      expect(merged.code).toBe(single.code)
    }
    // The JSON text holds every percentile with all its digits: compare the numbers themselves too.
    const a = JSON.parse((await runCli([...job, '--format', 'json'])).out) as { percentiles: Record<string, Record<string, number[]>> }
    const b = JSON.parse((await runCli(['merge', ...parts, '--format', 'json'])).out) as typeof a
    for (const [q, byPollutant] of Object.entries(a.percentiles))
      for (const [p, series] of Object.entries(byPollutant)) series.forEach((v, y) => expect(Object.is(b.percentiles[q]?.[p]?.[y], v)).toBe(true))
    // Shards given in any order merge the same; the exit code follows --min-prob as for the single run.
    const reversed = await runCli(['merge', ...[...parts].reverse(), '--format', 'json', '--min-prob', '0.99'])
    expect(reversed.out).toBe((await runCli([...job, '--format', 'json', '--min-prob', '0.99'])).out)
    expect(reversed.code).toBe(1)
  })

  it('splits the draws into contiguous ranges that tile the job, even with more shards than draws', () => {
    for (const [total, n] of [
      [1000, 4],
      [10, 3],
      [2, 5],
      [1, 1],
    ] as const) {
      const ranges = Array.from({ length: n }, (_, i) => shardRange(total, { index: i + 1, count: n }))
      expect(ranges[0]?.[0]).toBe(0)
      expect(ranges.at(-1)?.[1]).toBe(total)
      ranges.forEach((r, i) => i > 0 && expect(r[0]).toBe(ranges[i - 1]?.[1]))
      expect(Math.max(...ranges.map(([a, b]) => b - a)) - Math.min(...ranges.map(([a, b]) => b - a))).toBeLessThanOrEqual(1)
    }
    const x = Float64Array.of(0, -0, 1 / 3, -1e-310, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE)
    decodeF64(encodeF64(x)).forEach((v, i) => expect(Object.is(v, x[i])).toBe(true))
  })

  it('refuses what would not give the single run’s numbers, naming the files', async () => {
    const parts = await shards('mc-b', job, 3)
    const missing = await runCli(['merge', parts[0] as string, parts[2] as string])
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/merge\.missing-shard\].*shard 2 of 3 is missing/)
    const twice = await runCli(['merge', ...parts, parts[1] as string])
    expect(twice.err).toMatch(new RegExp(`merge\\.repeated-shard\\].*shard 2/3 is given twice: ${parts[1]} and ${parts[1]}`))
    const other = await shards('mc-c', [...job.slice(0, 5), '43', ...job.slice(6)], 3)
    const mixed = await runCli(['merge', parts[0] as string, other[1] as string, parts[2] as string])
    expect(mixed.code).toBe(2)
    expect(mixed.err).toMatch(/merge\.other-job\].*mc-c-2\.json is not a shard of the same job as .*mc-b-1\.json/)
    const edited = join(tmp, 'edited.json')
    writeFileSync(edited, readFileSync(parts[1] as string, 'utf8').replace('"seed":42', '"seed":41'))
    expect((await runCli(['merge', parts[0] as string, edited, parts[2] as string])).err).toMatch(/partial\.damaged\].*edited\.json/)
    const notPartial = join(tmp, 'not.json')
    writeFileSync(notPartial, '{"format": "lantian-scenario/1"}')
    expect((await runCli(['merge', notPartial])).err).toMatch(/partial\.format\].*not\.json.*format must be lantian-partial\/1/)
    for (const bad of [
      ['--shard', '0/4'],
      ['--shard', '5/4'],
      ['--shard', 'a/b'],
      ['--shard', '1/4', '--format', 'json'],
      ['--shard', '1/4', '--workers', '2'],
    ]) {
      const r = await runCli([...job, ...bad])
      expect(r.code, bad.join(' ')).toBe(2)
      expect(r.err, bad.join(' ')).toMatch(/^error \[cli\.args\] .* \/ /)
    }
    expect((await runCli(['check', 'seeds/xiping', '--shard', '1/2'])).err).toMatch(/--shard works with run and mc/)
  })
})

describe('lantian run --shard i/n over a batch, and lantian merge', () => {
  it('merges 3 shards of a 5-scenario batch into the single run’s stdout, stderr and exit code, to the bit', async () => {
    for (const out of [['--format', 'csv', '--what', 'emissions'], ['--format', 'json'], [], ['--format', 'csv', '--year', '2025']]) {
      const single = await runCli(['run', ...SEEDS, ...out])
      const parts = await shards(`run${out.join('')}`, ['run', ...SEEDS, ...out], 3)
      const merged = await runCli(['merge', ...parts])
      expect(merged.out, out.join(' ')).toBe(single.out)
      expect(merged.err, out.join(' ')).toBe(single.err)
      expect(merged.code).toBe(single.code)
      expect(single.out.length).toBeGreaterThan(1000)
    }
    // More shards than scenarios: some shards are empty, and the merge is still the batch.
    const single = await runCli(['run', ...SEEDS.slice(0, 2), '--format', 'csv'])
    expect((await runCli(['merge', ...(await shards('few', ['run', ...SEEDS.slice(0, 2), '--format', 'csv'], 4))])).out).toBe(single.out)
  })

  it('keeps a failing scenario’s messages and exit code in its place', async () => {
    const batch = ['run', 'seeds/xiping', join(tmp, 'nope'), 'seeds/weidu', '--format', 'csv']
    const single = await runCli(batch)
    expect(single.code).toBe(2)
    const merged = await runCli(['merge', ...(await shards('fail', batch, 2))])
    expect(merged).toEqual(single)
    expect((await runCli(['merge', ...(await shards('fail-b', batch, 2)), '--format', 'json'])).err).toMatch(/run shards keep the options/)
  })

  it('works the same through the built command, as a cluster runs it', () => {
    const bin = (args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'bin/lantian.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    const parts = [1, 2].map((i) => join(tmp, `bin-mc-${i}.json`))
    parts.forEach((f, i) => expect(bin(['mc', 'seeds/weidu', '--draws', '300', '--shard', `${i + 1}/2`, '--out', f, '--quiet']).status).toBe(0))
    const merged = bin(['merge', ...parts, '--format', 'csv'])
    expect(merged.stderr).toBe('')
    expect(merged.stdout).toBe(bin(['mc', 'seeds/weidu', '--draws', '300', '--format', 'csv', '--quiet']).stdout)
    const runParts = [1, 2].map((i) => join(tmp, `bin-run-${i}.json`))
    runParts.forEach((f, i) => bin(['run', ...SEEDS, '--format', 'json', '--shard', `${i + 1}/2`, '--out', f]))
    expect(bin(['merge', ...runParts]).stdout).toBe(bin(['run', ...SEEDS, '--format', 'json']).stdout)
  })
})
