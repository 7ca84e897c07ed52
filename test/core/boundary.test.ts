import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The core's purity is enforced by configuration: these probes show that the configuration bites.
const ROOT = join(import.meta.dirname, '../..')

describe('src/core boundary', () => {
  it('is linted against Node, React, Plotly, Comlink and ui/worker/cli imports and browser globals', async () => {
    // The probe is not a file of any tsconfig, so it is linted without type information (the type-aware rule is
    // proven in proto-keys-rule.test.ts).
    const eslint = new ESLint({ cwd: ROOT, overrideConfig: { languageOptions: { parserOptions: { projectService: false } } } })
    const probe = [
      "import { readFileSync } from 'node:fs'",
      "import React from 'react'",
      "import { expose } from 'comlink'",
      "import { App } from '../ui/app'",
      'export const x = [readFileSync, React, expose, App, document.title, process.env]',
    ].join('\n')
    const [res] = await eslint.lintText(probe, { filePath: join(ROOT, 'src/core/probe.ts') })
    const rules = (res?.messages ?? []).map((m) => m.ruleId)
    expect(rules.filter((r) => r === 'no-restricted-imports')).toHaveLength(4)
    expect(rules.filter((r) => r === 'no-restricted-globals')).toHaveLength(2)
  })

  it('is type-checked without DOM or Node types', () => {
    const cfg = ts.readConfigFile(join(ROOT, 'tsconfig.core.json'), ts.sys.readFile)
    const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, ROOT)
    const file = join(ROOT, 'src/core/probe-virtual.ts')
    const source = 'export const a = document.title\nexport const b = process.argv\nexport const c = new Worker("x")\n'
    const host = ts.createCompilerHost(parsed.options)
    const read = host.readFile.bind(host)
    host.readFile = (f) => (f === file ? source : read(f))
    const exists = host.fileExists.bind(host)
    host.fileExists = (f) => f === file || exists(f)
    const program = ts.createProgram([file], { ...parsed.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false }, host)
    const messages = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(messages.some((m) => m.includes("Cannot find name 'document'"))).toBe(true)
    expect(messages.some((m) => m.includes("Cannot find name 'process'"))).toBe(true)
    expect(messages.some((m) => m.includes("Cannot find name 'Worker'"))).toBe(true)
    // And the real core compiles under the same options (checked by `npm run type-check`).
    expect(readFileSync(join(ROOT, 'tsconfig.core.json'), 'utf8')).toContain('"types": []')
  })
})
