import { parseArgs, type ParseArgsConfig } from 'node:util'
import { formatIssue } from '../core'
import { argError, makeFolder, parseCli } from './args'
import { parseShard, shardRange, writePartial } from './shard'

type Write = (s: string) => void
/** The CLI itself (mainAsync), given by main.ts so that this module does not import it back. */
type Cli = (argv: string[], write: Write, writeErr: Write) => Promise<number>

/** What one scenario of a batch shard printed and returned. */
export interface RunResult {
  /** Position of the scenario in the whole batch (0-based). */
  index: number
  arg: string
  out: string
  err: string
  code: number
}

/**
 * Run shard i of n of a batch (`lantian run A B C … --shard i/n`): the scenarios shardRange gives it, each run as
 * `lantian run` runs it in the batch, its output and messages kept in a partial file (docs/scale-out.md) that
 * `lantian merge` puts back in batch order. `--format xlsx` writes each scenario's workbook into `--out DIR` at once
 * (one file per scenario: nothing to merge). Return the exit code of the shard's scenarios taken together.
 */
export async function runShard(argv: string[], options: NonNullable<ParseArgsConfig['options']>, cli: Cli, write: Write, writeErr: Write): Promise<number> {
  // The CLI's parser says what is wrong, bilingually; once it accepts the arguments, the tokens give them as written.
  const checked = parseCli(argv, options, '')
  if (!checked.ok) return (writeErr(checked.message), 2)
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, options, tokens: true })
  const shard = parseShard(String(values.shard))
  if (typeof shard === 'string') return (writeErr(shard), 2)
  const scenarios = positionals.slice(1)
  if (scenarios.length === 0) return (writeErr(argError('run 需要情景目录或情景文件', 'run needs a seed directory or scenario file')), 2)
  // The options of every scenario's run: all but --shard and --out, as given.
  const rest = tokens.flatMap((t) => {
    if (t.kind !== 'option' || t.name === 'shard' || t.name === 'out') return []
    if (t.value === undefined) return [t.rawName]
    return t.inlineValue ? [`${t.rawName}=${t.value}`] : [t.rawName, t.value]
  })
  const [from, to] = shardRange(scenarios.length, shard)
  const mine = scenarios.slice(from, to)
  if (values.format === 'xlsx') {
    if (typeof values.out !== 'string') return (writeErr(argError('分片的 XLSX 输出需要 --out 目录', '--format xlsx --shard needs --out DIR')), 2)
    const folder = makeFolder(values.out)
    if (folder) return (writeErr(`${formatIssue(folder)}\n`), 2)
    return mine.length === 0 ? 0 : cli(['run', ...mine, ...rest, '--out', values.out], write, writeErr)
  }
  const results: RunResult[] = []
  for (const [k, arg] of mine.entries()) {
    let out = ''
    let err = ''
    const code = await cli(
      ['run', ...rest, arg],
      (s) => (out += s),
      (s) => (err += s),
    )
    // The shard's own messages go to its stderr as well, for its log.
    writeErr(err)
    results.push({ index: from + k, arg, out, err, code })
  }
  const w = writePartial({ command: 'run', shard, job: { args: rest, scenarios }, results }, typeof values.out === 'string' ? values.out : undefined, write)
  if (w) return (writeErr(`${formatIssue(w)}\n`), 2)
  return results.reduce((c, r) => combineCodes(c, r.code), 0)
}

/** Combine two exit codes as a batch does: 2 (invalid input) over 1 (checks or targets failed) over 0. */
export function combineCodes(a: number, b: number): number {
  return a === 2 || b === 2 ? 2 : Math.max(a, b)
}
