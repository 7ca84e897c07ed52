#!/usr/bin/env node
// The `lantian` command: the built CLI (dist-cli/, made by `npm run build:cli`, which `npm ci` runs through the
// `prepare` script). No TypeScript loader at run time; `npm run cli` runs the source instead.
import { existsSync } from 'node:fs'

const entry = new URL('../dist-cli/lantian.mjs', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write(
    'error: 缺少已构建的命令行工具 dist-cli/lantian.mjs：请运行 npm run build:cli（npm ci 会自动运行） / the built CLI dist-cli/lantian.mjs is missing: run npm run build:cli (npm ci runs it)\n',
  )
  process.exit(2)
}
await import(entry.href)
