import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import madge from 'madge'
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

// Each layer's import rule, shown to bite with a probe file linted as if it stood in that folder. Type imports
// count: the app reaching the worker's types is what the contract (src/protocol) is for.
describe('layer boundaries (ui, worker, cli, protocol, session)', () => {
  const lint = async (file: string, code: string) => {
    const [res] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: join(ROOT, file) })
    return (res?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
  }
  const restricted = (ms: string[]) => ms.filter((m) => m.startsWith('no-restricted-imports'))

  it('refuses ui → worker (a type import too), ui → session and ui → cli, and accepts ui → protocol', async () => {
    const ms = await lint(
      'src/ui/probe.ts',
      [
        "import type { RunView } from '../worker/simulator-api'",
        "import { createSimulatorApi } from '../worker/simulator-api'",
        "import { PlanSession } from '../session/plan-session'",
        "import { EXIT } from '../cli/main'",
        "import type { SimulatorApi } from '../protocol'",
        'export const x: [RunView?, SimulatorApi?] = []',
        'export const y = [createSimulatorApi, PlanSession, EXIT]',
      ].join('\n'),
    )
    expect(restricted(ms)).toHaveLength(4)
    expect(restricted(ms).filter((m) => m.includes('worker/'))).toHaveLength(2)
  })

  it('refuses cli → worker (a type import too) and cli → ui', async () => {
    const ms = await lint(
      'src/cli/probe.ts',
      [
        "import type { SimulatorSources } from '../worker/simulator-api'",
        "import { t } from '../ui/i18n'",
        "import { PlanSession } from '../session/plan-session'",
        'export const x: SimulatorSources[] = []',
        'export const y = [t, PlanSession]',
      ].join('\n'),
    )
    expect(restricted(ms)).toHaveLength(2)
  })

  it('refuses worker → ui (a type import too) and worker → cli', async () => {
    const ms = await lint(
      'src/worker/probe.ts',
      ["import type { Lang } from '../ui/lang'", "import { EXIT } from '../cli/main'", 'export const x: Lang[] = []', 'export const y = EXIT'].join('\n'),
    )
    expect(restricted(ms)).toHaveLength(2)
  })

  it('keeps the contract to types: no functions, values, classes or value imports in src/protocol', async () => {
    const ms = await lint(
      'src/protocol/probe.ts',
      [
        "import { ok } from '../core'",
        "import type { PlanSession } from '../session/plan-session'",
        'export const x = 1',
        'export function f() { return ok(1) }',
        'export class C {}',
        "export { issue } from '../core'",
        'export type S = PlanSession',
      ].join('\n'),
    )
    expect(ms.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(5)
    expect(restricted(ms)).toHaveLength(1)
  })

  it('keeps the session as pure as the core: no Node, UI, worker, CLI or browser globals', async () => {
    const ms = await lint(
      'src/session/probe.ts',
      [
        "import { readFileSync } from 'node:fs'",
        "import { expose } from 'comlink'",
        "import { createSimulatorApi } from '../worker/simulator-api'",
        "import { isXlsxName } from '../xlsx/inventory'",
        'export const x = [readFileSync, expose, createSimulatorApi, isXlsxName, self]',
      ].join('\n'),
    )
    expect(restricted(ms)).toHaveLength(4)
    expect(ms.filter((m) => m.startsWith('no-restricted-globals'))).toHaveLength(1)
  })

  it('finds an import circle made of type imports alone (the lint runs madge on src)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-circle-'))
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b'\nexport interface A { b?: B }\n")
      writeFileSync(join(dir, 'b.ts'), "import type { A } from './a'\nexport interface B { a?: A }\n")
      writeFileSync(join(dir, 'c.ts'), "import type { A } from './a'\nexport type C = A\n")
      const res = await madge(dir, { fileExtensions: ['ts'] })
      expect(res.circular()).toEqual([['a.ts', 'b.ts']])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toContain('madge --circular --extensions ts,tsx --no-spinner src')
  })
})
