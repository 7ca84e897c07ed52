import { execSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'

/** Where and when the figures were taken. */
export interface Machine {
  date: string
  nproc: number
  cpu: string
  memory: string
  node: string
  loadAverageStart: number[]
  loadAverageEnd?: number[]
}

function sh(cmd: string): string | undefined {
  try {
    return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

/** Describe this machine (nproc, CPU model from /proc/cpuinfo, `free -h` total). */
export function machine(): Machine {
  const model = sh("grep -m1 'model name' /proc/cpuinfo")?.replace(/^model name\s*:\s*/, '') ?? cpus()[0]?.model ?? 'unknown'
  const free = sh('free -h')?.split('\n')[1]?.split(/\s+/)[1]
  return {
    date: new Date().toISOString(),
    nproc: Number(sh('nproc') ?? cpus().length),
    cpu: model,
    memory: free ?? `${(totalmem() / 2 ** 30).toFixed(1)}Gi`,
    node: process.version,
    loadAverageStart: loadavg().map((x) => Math.round(x * 100) / 100),
  }
}

/** Format a figure with fixed digits, or "n/a". */
const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits))

/** Render rows of label + cells as an aligned text table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))]
  const w = head.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)))
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(w[j] as number) : c.padStart(w[j] as number))).join('  ')
  return [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

export { fmt }
