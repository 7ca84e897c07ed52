import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { staleSource } from '../scripts/cli-stale.mjs'

/**
 * Build the CLI (dist-cli/) before the unit tests when it is missing or older than its sources, so that the tests
 * that spawn `bin/lantian.mjs` run the CLI as users run it, built from the code under test.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..')
  if (staleSource(root) === undefined) return
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.cli.config.ts'], { cwd: root, stdio: 'inherit' })
}
