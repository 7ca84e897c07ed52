import { formatIssue, issue } from '../core'

/** Exit status of a command whose output pipe was closed (`lantian run … | head`): 128 + SIGPIPE, as `cat` gets. */
export const EXIT_PIPE = 141
/** Exit status of an unexpected error (a bug), BSD sysexits' EX_SOFTWARE. */
export const EXIT_INTERNAL = 70

const isPipe = (e: unknown) => (e as { code?: unknown } | null)?.code === 'EPIPE'

/** The one line an unexpected error prints: bilingual, no stack trace (LANTIAN_DEBUG=1 adds the details). */
export function internalErrorLine(e: unknown): string {
  const line = formatIssue(
    issue(
      'internal',
      '内部错误（程序缺陷，请报告）；设置 LANTIAN_DEBUG=1 可查看详情',
      'internal error (a bug: please report it); set LANTIAN_DEBUG=1 to see the details',
    ),
  )
  const debug = process.env.LANTIAN_DEBUG === '1' ? `\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : ''
  return `${line}${debug}\n`
}

/**
 * Run the command as the process entry point: its exit code becomes the process's; a closed output pipe ends it
 * quietly (status 141, as Unix tools killed by SIGPIPE); anything unexpected, thrown or rejected, in this code or in
 * a callback, prints one bilingual "internal error" line and exits 70, never a stack trace.
 */
export async function guardEntry(run: () => Promise<number>): Promise<void> {
  const die = (e: unknown) => {
    if (isPipe(e)) process.exit(EXIT_PIPE)
    try {
      process.stderr.write(internalErrorLine(e))
    } finally {
      process.exit(EXIT_INTERNAL)
    }
  }
  // Writes to a closed pipe fail asynchronously, as an 'error' event on the stream.
  process.stdout.on('error', (e) => (isPipe(e) ? process.exit(EXIT_PIPE) : die(e)))
  process.stderr.on('error', (e) => process.exit(isPipe(e) ? EXIT_PIPE : EXIT_INTERNAL))
  process.on('uncaughtException', die)
  process.on('unhandledRejection', die)
  try {
    process.exitCode = await run()
  } catch (e) {
    die(e)
  }
}
