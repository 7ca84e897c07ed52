import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { runCli } from '../helpers'

// The scale-out examples (docs/scale-out.md, the Kubernetes and Slurm files, the README) must work as written: each
// shard command is run for every index, with fewer draws, and the merge gives the single run's output.
const ROOT = join(import.meta.dirname, '../..')
const DRAWS = '400'
const tmp = mkdtempSync(join(tmpdir(), 'lantian-scale-docs-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Turn a documented `npx lantian …` line into the CLI's arguments: fewer draws, files under `dir`. */
function args(line: string, dir: string, folder: string): string[] {
  const words = line
    .replace(/^.*?npx lantian /, '')
    .replaceAll('"', '')
    .replaceAll(`${folder}/`, `${dir}/`)
    .split(/\s+/)
    .filter((w) => w !== '')
  const k = words.indexOf('--draws')
  if (k >= 0) words[k + 1] = DRAWS
  return words
}

/** Expand `dir/mc-*.json` as a shell would. */
const glob = (word: string) =>
  word.endsWith('*.json')
    ? readdirSync(word.slice(0, word.lastIndexOf('/')))
        .filter((f) => f.startsWith(word.slice(word.lastIndexOf('/') + 1, -'*.json'.length)) && f.endsWith('.json'))
        .sort()
        .map((f) => join(word.slice(0, word.lastIndexOf('/')), f))
    : [word]

const single = () => runCli(['mc', 'seeds/xiping', '--draws', DRAWS, '--seed', '42', '--format', 'json', '--quiet'])

describe('the scale-out examples run as written', () => {
  it('Kubernetes: the Indexed Job’s pods, JOB_COMPLETION_INDEX 0…7, then its merge Job', async () => {
    const dir = mkdtempSync(join(tmp, 'k8s-'))
    const [shards, merge] = parseAllDocuments(readFileSync(join(ROOT, 'docs/k8s/lantian-mc-job.yaml'), 'utf8')).map((d) => d.toJS()) as {
      spec: { completions?: number; completionMode?: string; template: { spec: { containers: { args: string[] }[] } } }
    }[]
    expect(shards?.spec.completionMode).toBe('Indexed')
    const n = shards?.spec.completions as number
    const command = shards?.spec.template.spec.containers[0]?.args[0] as string
    expect(command).toContain(`/${n}`)
    for (let index = 0; index < n; index++) {
      const r = await runCli(args(command.replaceAll('$((JOB_COMPLETION_INDEX + 1))', String(index + 1)), dir, '/out'))
      expect(r.code, r.err).toBe(0)
    }
    const m = args(merge?.spec.template.spec.containers[0]?.args[0] as string, dir, '/out')
    const whole = await single()
    expect((await runCli(m)).code).toBe(whole.code)
    expect(readFileSync(m[m.indexOf('--out') + 1] as string, 'utf8')).toBe(whole.out)
  })

  it('Slurm: the job array’s tasks, SLURM_ARRAY_TASK_ID 1…8, then the merge it submits', async () => {
    const dir = mkdtempSync(join(tmp, 'slurm-'))
    const script = readFileSync(join(ROOT, 'docs/slurm/lantian-mc.sbatch'), 'utf8')
    const [, from, to] = /#SBATCH --array=(\d+)-(\d+)/.exec(script) ?? []
    const task = script.split('\n').find((l) => l.startsWith('npx lantian mc')) as string
    for (let id = Number(from); id <= Number(to); id++)
      expect((await runCli(args(task.replaceAll('${SLURM_ARRAY_TASK_ID}', String(id)), dir, 'parts'))).code).toBe(0)
    const wrap = /--wrap "(npx lantian merge [^"]+)"/.exec(script)?.[1] as string
    const m = args(wrap, dir, 'parts').flatMap(glob)
    const whole = await single()
    expect((await runCli(m.map((w) => (w === 'xiping-mc.json' ? join(dir, w) : w)))).code).toBe(whole.code)
    expect(readFileSync(join(dir, 'xiping-mc.json'), 'utf8')).toBe(whole.out)
  })

  it('GNU parallel, as in docs/scale-out.md and the README', async () => {
    for (const doc of ['docs/scale-out.md', 'README.md']) {
      const dir = mkdtempSync(join(tmp, 'parallel-'))
      const text = readFileSync(join(ROOT, doc), 'utf8')
      const lines = text.split('\n')
      const at = lines.findIndex((l) => l.startsWith('parallel') && l.includes(' mc '))
      const line = lines[at] as string
      expect(at, doc).toBeGreaterThan(0)
      const values = line
        .slice(line.indexOf(':::') + 3)
        .trim()
        .split(/\s+/)
      for (const v of values) expect((await runCli(args(line.slice(0, line.indexOf(':::')).replaceAll('{}', v), dir, 'parts'))).code).toBe(0)
      const merge = lines.slice(at).find((l) => l.startsWith('npx lantian merge parts/mc-')) as string
      const m = args(merge.split('>')[0] as string, dir, 'parts').flatMap(glob)
      expect((await runCli(m)).out, doc).toBe((await single()).out)
    }
  })
})
