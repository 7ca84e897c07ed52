import { join } from 'node:path'
import { ESLint, Linter } from 'eslint'
import ts from 'typescript'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import protoKeys from '../../eslint-rules/proto-keys.js'

// The lint rule that keeps Object.prototype out of maps (eslint-rules/proto-keys.js): it is on for every source
// folder, with type information, and it reports the patterns that crashed on a `constructor` column or let
// `params: { constructor: 1 }` through, while the safe forms pass.
const ROOT = join(import.meta.dirname, '../..')

const PROBE = `import { own } from './own'
const m: Record<string, number> = { a: 1 }
type Params = { [k: string]: { min: number } }
declare const params: Params
declare const list: number[]
declare const key: string
declare const lang: 'zh' | 'en'
declare const labels: Record<'zh' | 'en', string>
const map = new Map<string, number>()
export const bad1 = m[key]
export const bad2 = key in m
export const bad3 = params[key]?.min
export function bad4(k: string) { m[k] = 1 }
export const ok1 = own(m, key)
export const ok2 = Object.hasOwn(params, key)
export const ok3 = map.get(key)
export const ok4 = m['a'] ?? m.a
export const ok5 = list[0]
export const ok6 = labels[lang]
export const ok7 = 'kind' in m
`

/** Lint the probe with the rule, type-checked in memory with the core's compiler options. */
function lintProbe(): Linter.LintMessage[] {
  const file = join(ROOT, 'src/core/probe.ts')
  const own = join(ROOT, 'src/core/own.ts')
  const cfg = ts.readConfigFile(join(ROOT, 'tsconfig.core.json'), ts.sys.readFile)
  const options = ts.parseJsonConfigFileContent(cfg.config, ts.sys, ROOT).options
  const host = ts.createCompilerHost(options, true)
  const read = host.readFile.bind(host)
  host.readFile = (f) => (f === file ? PROBE : read(f))
  const exists = host.fileExists.bind(host)
  host.fileExists = (f) => f === file || exists(f)
  const getSource = host.getSourceFile.bind(host)
  host.getSourceFile = (f, lang, ...rest) => (f === file ? ts.createSourceFile(f, PROBE, lang, true) : getSource(f, lang, ...rest))
  const program = ts.createProgram([file, own], { ...options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false }, host)
  const linter = new Linter({ configType: 'flat' })
  return linter.verify(
    PROBE,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { programs: [program] } },
        plugins: { lantian: protoKeys },
        rules: { 'lantian/no-proto-keys': 'error' },
      },
    ],
    file,
  )
}

describe('lint rule lantian/no-proto-keys', () => {
  it('reports indexing and `in` on plain-object maps with keys from input, and nothing else', () => {
    const messages = lintProbe()
    expect(messages.filter((m) => m.fatal)).toEqual([])
    const lines = PROBE.split('\n')
    const flagged = messages.map((m) => (lines[m.line - 1] ?? '').split(' = ')[0]?.replace('export const ', '').replace('export function ', ''))
    expect(flagged).toEqual(['bad1', 'bad2', 'bad3', 'bad4(k: string) { m[k]'])
  })

  it('is on, with type information, for every source folder', async () => {
    const eslint = new ESLint({ cwd: ROOT })
    for (const f of ['src/core/x.ts', 'src/worker/x.ts', 'src/ui/x.tsx', 'src/xlsx/x.ts', 'src/cli/x.ts']) {
      const c = (await eslint.calculateConfigForFile(join(ROOT, f))) as {
        rules: Record<string, unknown>
        languageOptions: { parserOptions: { projectService?: unknown } }
      }
      expect(c.rules['lantian/no-proto-keys'], f).toEqual([2])
      expect(c.languageOptions.parserOptions.projectService, f).toBe(true)
    }
  })
})
