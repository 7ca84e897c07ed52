import { execFileSync } from 'node:child_process'
import { DIST, ROOT } from './harness'

/** Build the app once for every e2e file. Vitest sets NODE_ENV=test, which would give React's development bundle. */
export default function setup(): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
}
