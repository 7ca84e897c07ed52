/**
 * The CLI's cold start, timed from outside as a user meets it: `node bin/lantian.mjs run seeds/xiping` (the built
 * CLI, what `npx lantian` runs) in a fresh process each time, alternated with a bare `node -e ""` so that both see
 * the same machine, and the ratio taken pair by pair. The CLI run from source through tsx (`npm run cli`) is timed
 * a few times for comparison.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { staleSource } from '../scripts/cli-stale.mjs'
import { median } from './measure'

/** What `coldStart` measured, in ms (CPU: user + system of the child, from /proc, 10 ms resolution). */
export interface ColdStart {
  command: string
  runs: number
  cliMs: number
  cliCpuMs: number | null
  nodeMs: number
  nodeCpuMs: number | null
  /** Median of the per-pair ratios CLI / bare Node. */
  ratio: number
  cliMinMs: number
  cliMaxMs: number
  /** The same command from the TypeScript source (tsx), median of 3. */
  sourceMs: number
}

// User + system time of this process's waited-for children, in ms (Linux: /proc/self/stat fields 16 and 17).
function childCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? []
    const ticks = Number(fields[13]) + Number(fields[14])
    return Number.isFinite(ticks) ? ticks * 10 : null
  } catch {
    return null
  }
}

function timed(args: string[], root: string): { ms: number; cpuMs: number | null } {
  const cpu0 = childCpuMs()
  const t = performance.now()
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  const ms = performance.now() - t
  const cpu1 = childCpuMs()
  if (r.status !== 0) throw new Error(`bench: ${args.join(' ')} exited ${r.status}: ${r.stderr}; no figures are reported`)
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }
}

/** Build the CLI if it is out of date, then time its cold start `runs` times against a bare Node start. */
export function coldStart(root: string, runs = 15): ColdStart {
  if (staleSource(root) !== undefined)
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.cli.config.ts'], { cwd: root, stdio: 'inherit' })
  const cli = ['bin/lantian.mjs', 'run', 'seeds/xiping']
  const bare = ['-e', '']
  for (let k = 0; k < 2; k++) {
    timed(cli, root)
    timed(bare, root)
  }
  const c: { ms: number; cpuMs: number | null }[] = []
  const n: { ms: number; cpuMs: number | null }[] = []
  for (let k = 0; k < runs; k++) {
    c.push(timed(cli, root))
    n.push(timed(bare, root))
  }
  const source = Array.from({ length: 3 }, () => timed(['--import', 'tsx', 'src/cli/main.ts', 'run', 'seeds/xiping'], root).ms)
  const cpu = (xs: typeof c) => (xs.every((x) => x.cpuMs !== null) ? median(xs.map((x) => x.cpuMs as number)) : null)
  return {
    command: 'lantian run seeds/xiping',
    runs,
    cliMs: median(c.map((x) => x.ms)),
    cliCpuMs: cpu(c),
    nodeMs: median(n.map((x) => x.ms)),
    nodeCpuMs: cpu(n),
    ratio: median(c.map((x, k) => x.ms / (n[k] as { ms: number }).ms)),
    cliMinMs: Math.min(...c.map((x) => x.ms)),
    cliMaxMs: Math.max(...c.map((x) => x.ms)),
    sourceMs: median(source),
  }
}
