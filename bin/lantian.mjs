#!/usr/bin/env node
// Run the TypeScript CLI through tsx so `npx lantian …` works right after `npm ci`, without a build step.
import { register } from 'tsx/esm/api'
import { fileURLToPath } from 'node:url'

register()
const entry = new URL('../src/cli/main.ts', import.meta.url)
process.argv[1] = fileURLToPath(entry)
await import(entry.href)
