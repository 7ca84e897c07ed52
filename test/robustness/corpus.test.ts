import { spawnSync } from 'node:child_process'
import { rmSync, closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { main } from '../../src/cli/main'
import { parseInventory, parseScenario } from '../../src/core'
import { FIXTURE } from '../helpers'

// Data-driven bad-input corpus (test/fixtures/bad/index.yaml): every file gives the stated exit code and, when
// invalid, a located bilingual message — never a crash or a hang.

const BAD = join(import.meta.dirname, '../fixtures/bad')
const MODELS = join(FIXTURE, 'models')
const SCENARIO = join(FIXTURE, 'scenario.yaml')
const TIME_LIMIT_MS = 5000

interface Entry {
  file: string
  what: string
  as: 'inventory' | 'scenario' | 'models' | 'checks'
  replaces?: string
  /** Also imported through the app's worker (test/worker/corpus-import.test.ts). */
  worker?: boolean
  exit: 0 | 2
  code?: string
  location?: { row?: number; line?: number; column?: string; path?: string }
  message?: string
  /** The located warning an exit-0 entry must print. */
  warning?: { code: string; location: Entry['location'] }
}

const index = parseYaml(readFileSync(join(BAD, 'index.yaml'), 'utf8')) as { entries: Entry[] }
const temps: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lantian-corpus-'))
  temps.push(d)
  return d
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})

/** Run the CLI in-process; a throw is a crash (the real binary would print "internal error"). */
function run(args: string[]): { code: number; out: string; err: string; ms: number } {
  let out = ''
  let err = ''
  const t = performance.now()
  let code: number
  try {
    code = main(
      args,
      (s) => (out += s),
      (s) => (err += s),
    )
  } catch (e) {
    throw new Error(`CLI crashed (internal error) on ${args.join(' ')}: ${e instanceof Error ? e.stack : String(e)}`, { cause: e })
  }
  return { code, out, err, ms: performance.now() - t }
}

/**
 * Copy a scenario into a folder of its own with the basic inventory beside it (and an empty subfolder `folder`): a
 * scenario reads only files inside its folder. Returns the copied scenario's path.
 */
function scenarioFolder(file: string): string {
  const dir = tempDir()
  cpSync(join(FIXTURE, 'inventory.csv'), join(dir, 'inventory.csv'))
  mkdirSync(join(dir, 'folder'))
  const to = join(dir, basename(file))
  cpSync(file, to)
  return to
}

function argsFor(e: Entry): string[] {
  const file = join(BAD, e.file)
  if (e.as === 'inventory') return ['validate', SCENARIO, '--library', MODELS, '--inventory', file]
  if (e.as === 'scenario') return ['validate', scenarioFolder(file), '--library', MODELS]
  if (e.as === 'checks') return ['check', SCENARIO, '--library', MODELS, '--checks', file]
  const dir = tempDir()
  cpSync(MODELS, dir, { recursive: true })
  cpSync(file, join(dir, e.replaces ?? 'measures.yaml'))
  return ['validate', SCENARIO, '--library', dir]
}

const ERROR_LINE = /^(?:error|warning) \[([^\]]+)\] (.*?)(?:, row (\d+))?(?:, line (\d+))?(?:, column ([^,:]+))?(?:, at ([^:]+))?: (.*)$/

/** Return the code and location of an error or warning line. */
function located(line: string | undefined) {
  const m = ERROR_LINE.exec(line ?? '')
  expect(m, line).not.toBeNull()
  const [, code, , row, line_, column, path] = m ?? []
  return { code, location: { row: row ? Number(row) : undefined, line: line_ ? Number(line_) : undefined, column, path } }
}
const CJK = /[\u4e00-\u9fff]/

/** Check that every error line speaks both languages: "中文 / English". */
function expectBilingual(err: string) {
  for (const l of err.split('\n').filter((x) => x.startsWith('error '))) {
    const i = l.lastIndexOf(' / ')
    expect(i, `no " / " between Chinese and English in: ${l}`).toBeGreaterThan(0)
    expect(CJK.test(l.slice(0, i)), `no Chinese in: ${l}`).toBe(true)
    expect(/[A-Za-z]{3}/.test(l.slice(i + 3)), `no English in: ${l}`).toBe(true)
  }
}

describe('bad-input corpus (test/fixtures/bad/index.yaml)', () => {
  it('has at least 60 entries and lists every file in the directory', () => {
    expect(index.entries.length).toBeGreaterThanOrEqual(60)
    const listed = new Set(index.entries.map((e) => e.file))
    const files = readdirSync(BAD).filter((f) => f !== 'index.yaml' && f !== 'generate.py')
    expect(files.filter((f) => !listed.has(f))).toEqual([])
    expect([...listed].filter((f) => !files.includes(f))).toEqual([])
  })

  for (const e of index.entries) {
    it(`${e.file}: ${e.what} → exit ${e.exit}${e.code ? ` [${e.code}]` : ''}`, () => {
      const r = run(argsFor(e))
      expect(r.ms).toBeLessThan(TIME_LIMIT_MS)
      expect(r.err).not.toMatch(/internal error/)
      expect(r.code, r.err).toBe(e.exit)
      const where = (loc: Entry['location'] = {}) => ({ row: loc.row, line: loc.line, column: loc.column, path: loc.path })
      if (e.exit === 0) {
        expect(r.err).not.toMatch(/^error /m)
        expect(r.out).toMatch(e.as === 'checks' ? /passed/ : /^ok: /)
        const warnings = r.err.split('\n').filter((l) => l.startsWith('warning '))
        if (!e.warning) return expect(warnings).toEqual([])
        expect(warnings.map(located)).toContainEqual({ code: e.warning.code, location: where(e.warning.location) })
        expectBilingual(r.err.replace(/^warning /gm, 'error '))
        return
      }
      const first = r.err.split('\n').find((l) => l.startsWith('error '))
      expect(first, r.err).toBeDefined()
      expect(located(first)).toEqual({ code: e.code, location: where(e.location) })
      expect(r.err).toMatch(new RegExp(e.message ?? '', 's'))
      expectBilingual(r.err)
    })
  }
})

/** Make a sparse file of `bytes` starting with `head` (instant, no disk use). */
function sparseFile(name: string, head: string, bytes: number): string {
  const p = join(tempDir(), name)
  const fd = openSync(p, 'w')
  writeSync(fd, head)
  ftruncateSync(fd, bytes)
  closeSync(fd)
  return p
}

const INVENTORY_HEAD = '# format: lantian-inventory/1\n# year: 2022\nid,region,sector,technology,activity,unit\n'

describe('files over the size limits are refused before they are read', () => {
  it('refuses a 201 MB inventory CSV by its size, quickly', () => {
    const p = sparseFile('huge.csv', INVENTORY_HEAD, 201 * 1024 * 1024)
    const r = run(['validate', SCENARIO, '--library', MODELS, '--inventory', p])
    expect(r.ms).toBeLessThan(TIME_LIMIT_MS)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(
      /error \[file\.too-large\] .*huge\.csv: 清单文件 201\.0 MB，超过 200 MB 上限 \/ inventory file is 201\.0 MB, larger than the 200 MB limit/,
    )
  })

  it('refuses a 21 MB scenario and a 21 MB model file (YAML limit 20 MB)', () => {
    const s = sparseFile('scenario.yaml', 'format: lantian-scenario/1\n#', 21 * 1024 * 1024)
    const r = run(['validate', s, '--library', MODELS])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/\[file\.too-large\] .*scenario\.yaml: 文件 21\.0 MB，超过 20 MB 上限 \/ file is 21\.0 MB, larger than the 20 MB limit/)
    const dir = tempDir()
    cpSync(MODELS, dir, { recursive: true })
    const fd = openSync(join(dir, 'measures.yaml'), 'r+')
    ftruncateSync(fd, 21 * 1024 * 1024)
    closeSync(fd)
    const m = run(['validate', SCENARIO, '--library', dir])
    expect(m.code).toBe(2)
    expect(m.err).toMatch(/\[file\.too-large\] .*measures\.yaml: 文件 21\.0 MB/)
  })

  it('refuses oversized bytes in the core before decoding them', () => {
    const t = performance.now()
    const big = new Uint8Array(201 * 1024 * 1024)
    const r = parseInventory(big, 'big.csv')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.code).toBe('file.too-large')
    const j = parseInventory(big.subarray(0, 21 * 1024 * 1024), 'big.json')
    expect(!j.ok && j.issues[0]?.en).toMatch(/JSON\/YAML inventory file is 21\.0 MB, larger than the 20 MB limit/)
    expect(parseScenario('x'.repeat(21 * 1024 * 1024)).ok).toBe(false)
    expect(performance.now() - t).toBeLessThan(TIME_LIMIT_MS)
  })

  it('the real binary exits 2 with no internal error on a huge inventory and an alias bomb', () => {
    const huge = sparseFile('huge.csv', INVENTORY_HEAD, 201 * 1024 * 1024)
    const args = ['validate', join(BAD, 'yaml-billion-laughs.yaml'), SCENARIO, '--library', MODELS, '--inventory', huge]
    const p = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/lantian.mjs'), ...args], {
      encoding: 'utf8',
      timeout: 50_000,
    })
    expect(p.stderr).not.toMatch(/internal error/)
    expect(p.stderr).toMatch(/yaml\.aliases/)
    expect(p.stderr).toMatch(/file\.too-large/)
    expect(p.status).toBe(2)
  })
})

describe('many bad rows are reported without flooding', () => {
  it('stops at a bounded number of issues on a 100,000-row file of bad numbers', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `R${i},甲县,industry.boiler,boiler-coal,1,000,t`).join('\n')
    const p = join(tempDir(), 'many.csv')
    writeFileSync(p, `${INVENTORY_HEAD}${rows}\n`)
    const r = run(['validate', SCENARIO, '--library', MODELS, '--inventory', p])
    expect(r.ms).toBeLessThan(TIME_LIMIT_MS)
    expect(r.code).toBe(2)
    expect(r.err.split('\n').filter((l) => l.startsWith('error ')).length).toBeLessThanOrEqual(200)
    expect(r.err).toMatch(/row 4: 该行有 7 列/)
  })
})
