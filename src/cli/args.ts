import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { echo, formatIssue, issue, type Issue } from '../core'

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options']

/** Format a command-line problem as one bilingual error line (like the located issues), then the usage. */
export function argError(zh: string, en: string, help?: string): string {
  return `${formatIssue(issue('cli.args', zh, en))}\n${help ? `\n${help}\n` : ''}`
}

/** The first option name a parseArgs message quotes, e.g. `--draws` from "Option '--draws <value>' argument missing". */
const optionIn = (msg: string) => /'(-{1,2}[^' <]+)/.exec(msg)?.[1] ?? '?'

/**
 * Parse command-line arguments with node:util's parseArgs, turning its English errors (unknown option, missing or
 * dash-leading value) into a bilingual line. Returns the values, or the line to print (exit 2).
 */
export function parseCli<T extends Options>(
  argv: string[],
  options: T,
  help: string,
):
  { ok: true; values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true }>>['values']; positionals: string[] } | { ok: false; message: string } {
  try {
    const r = parseArgs({ args: argv, allowPositionals: true, options })
    return { ok: true, values: r.values, positionals: r.positionals }
  } catch (e) {
    const code = (e as { code?: string }).code
    const msg = e instanceof Error ? e.message : ''
    const opt = optionIn(msg)
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { ok: false, message: argError(`未知选项 ${opt}`, `unknown option ${opt}`, help) }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /ambiguous/.test(msg))
      return {
        ok: false,
        message: argError(`选项 ${opt} 的值以 "-" 开头；请写成 ${opt}=值`, `the value of ${opt} starts with "-": write ${opt}=VALUE`, help),
      }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /does not take/.test(msg))
      return { ok: false, message: argError(`选项 ${opt} 不带值`, `option ${opt} takes no value`, help) }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { ok: false, message: argError(`选项 ${opt} 缺少值`, `option ${opt} needs a value`, help) }
    return { ok: false, message: argError('命令行参数无效', 'invalid command-line arguments', help) }
  }
}

/** Check that an option's value is one of `choices`; return the bilingual error line, or undefined. */
export function notOneOf(option: string, value: string, choices: readonly string[], help?: string): string | undefined {
  if (choices.includes(value)) return undefined
  const list = choices.join(', ')
  return argError(`${option} 须为 ${list} 之一（实际为 ${echo(value)}）`, `${option} must be one of ${list} (got ${echo(value)})`, help)
}

/** Read an integer option within [min, max]; return it, or the bilingual error line. */
export function integerIn(option: string, raw: string, min: number, max: number, help?: string): number | string {
  const v = Number(raw)
  if (raw.trim() !== '' && Number.isInteger(v) && v >= min && v <= max) return v
  const range = `${min.toLocaleString('en-US')}–${max.toLocaleString('en-US')}`
  return argError(`${option} 须为 ${range} 之间的整数（实际为 ${echo(raw)}）`, `${option} must be a whole number from ${range} (got ${echo(raw)})`, help)
}

/**
 * Write a command's output file. The folder must exist (a typo in --out is named, not created); a folder given
 * where a file is expected, a read-only place or a full disk each give a bilingual issue instead of Node's error.
 */
export function writeOutput(file: string, data: string | Uint8Array): Issue | undefined {
  const dir = dirname(resolve(file))
  const st = statOrUndefined(dir)
  if (!st)
    return issue('cli.out-folder', `输出文件夹不存在：${dirname(file)}（请先创建）`, `the output folder ${dirname(file)} does not exist (create it first)`, {
      file,
    })
  if (!st.isDirectory()) return issue('cli.out-folder', `${dirname(file)} 不是文件夹`, `${dirname(file)} is not a folder`, { file })
  if (statOrUndefined(file)?.isDirectory())
    return issue('cli.out-is-folder', `${file} 是文件夹；--out 须为文件名`, `${file} is a folder; --out needs a file name here`, { file })
  try {
    writeFileSync(file, data)
    return undefined
  } catch (e) {
    return ioIssue(file, e, { zh: '无法写入', en: 'cannot write' })
  }
}

/** Make an output folder (and its parents); refuse a path that is a file. Returns the issue, or undefined. */
export function makeFolder(dir: string): Issue | undefined {
  const st = statOrUndefined(dir)
  if (st && !st.isDirectory()) return issue('cli.out-not-folder', `${dir} 已是文件，不是文件夹`, `${dir} is a file, not a folder`, { file: dir })
  try {
    mkdirSync(dir, { recursive: true })
    return undefined
  } catch (e) {
    return ioIssue(dir, e, { zh: '无法创建文件夹', en: 'cannot create the folder' })
  }
}

/** A file-system failure as a bilingual issue: what failed and the system's error code (EACCES, ENOSPC…). */
export function ioIssue(file: string, e: unknown, what: { zh: string; en: string }): Issue {
  const code = (e as { code?: unknown } | null)?.code
  const why = typeof code === 'string' ? code : 'I/O error'
  return issue('cli.io', `${what.zh} ${file}（${why}）`, `${what.en} ${file} (${why})`, { file })
}

function statOrUndefined(p: string) {
  try {
    return statSync(p)
  } catch {
    return undefined
  }
}
