import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { FIXTURE, runCli } from '../helpers'
import { millionRowsXlsx, unzipsTo700MbXlsx } from '../xlsx-bombs'

// Every CLI failure path of issue 18 (arguments, output files, pipes, unexpected errors, models folders, paths that
// leave a scenario's folder, oversized echoes): a bilingual message and a defined exit code, never a stack trace.
const ROOT = join(import.meta.dirname, '../..')
const MAIN = join(ROOT, 'src/cli/main.ts')
const tmp = mkdtempSync(join(tmpdir(), 'lantian-fail-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const MODELS = join(FIXTURE, 'models')
const SCENARIO = join(FIXTURE, 'scenario.yaml')

/** Check one located bilingual error line per error, and no engine text. */
function expectClean(err: string, code: string) {
  const lines = err.split('\n').filter((l) => l.startsWith('error '))
  expect(lines[0], err).toMatch(new RegExp(`^error \\[${code.replace('.', '\\.')}\\] `))
  for (const l of lines) expect(l, l).toMatch(/[\u4e00-\u9fff].* \/ .*[A-Za-z]{3}/)
  expect(err).not.toMatch(/\n\s+at |TypeError|RangeError|Cannot read properties|ERR_[A-Z_]+|EPIPE/)
}

describe('argument errors are bilingual (exit 2)', () => {
  const cases: [string, string[], RegExp][] = [
    ['--format xml', ['run', 'seeds/xiping', '--format', 'xml'], /--format 须为 .*--format must be one of table, csv, json, xlsx \(got "xml"\)/],
    ['--what nothing', ['run', 'seeds/xiping', '--format', 'csv', '--what', 'nothing'], /--what must be one of measures, emissions, totals, targets/],
    ['mc --draws -5', ['mc', 'seeds/xiping', '--draws', '-5'], /选项 --draws 的值以 "-" 开头.*the value of --draws starts with "-"/],
    [
      'mc --draws=-5',
      ['mc', 'seeds/xiping', '--draws=-5'],
      /--draws 须为 1–1,000,000 之间的整数.*--draws must be a whole number from 1–1,000,000 \(got "-5"\)/,
    ],
    ['mc --draws 1.5', ['mc', 'seeds/xiping', '--draws', '1.5'], /--draws must be a whole number/],
    ['mc --format xml', ['mc', 'seeds/xiping', '--format', 'xml'], /--format must be one of table, json, csv/],
    ['mc --workers 0', ['mc', 'seeds/xiping', '--workers', '0'], /--workers must be a whole number from 1–64/],
    ['optimize --max-iterations 0', ['optimize', 'seeds/xiping', '--max-iterations', '0'], /--max-iterations must be a whole number/],
    ['optimize --cost-year abc', ['optimize', 'seeds/xiping', '--cost-year', 'abc'], /--cost-year must be a whole number from 1,990–2,100/],
    ['an unknown option', ['run', 'seeds/xiping', '--formt', 'csv'], /未知选项 --formt.*unknown option --formt/],
    ['a value missing', ['run', 'seeds/xiping', '--format'], /选项 --format 缺少值.*option --format needs a value/],
    ['an unknown command', ['simulate', 'seeds/xiping'], /未知命令 "simulate".*unknown command "simulate"/],
    ['run --year outside', ['run', 'seeds/xiping', '--year', '2099'], /--year "2099" is not projected \(2022–2030\)/],
  ]
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await runCli(args)
      expect(r.code).toBe(2)
      expect(r.out).toBe('')
      expectClean(r.err, 'cli.args')
      expect(r.err).toMatch(message)
    })
  }
})

describe('output files (exit 2, nothing half-written)', () => {
  it('refuses --out into a folder that does not exist, for every command that writes', async () => {
    for (const args of [
      ['run', 'seeds/xiping', '--format', 'csv'],
      ['run', 'seeds/xiping', '--format', 'xlsx'],
      ['mc', 'seeds/xiping', '--draws', '20', '--quiet'],
      ['optimize', 'seeds/xiping'],
    ]) {
      const out = join(tmp, 'no-such-folder', 'out.file')
      const r = await runCli([...args, '--out', out])
      expect(r.code, args.join(' ')).toBe(2)
      expectClean(r.err, 'cli.out-folder')
      expect(r.err).toMatch(/输出文件夹不存在.*the output folder .*no-such-folder does not exist \(create it first\)/)
      expect(existsSync(join(tmp, 'no-such-folder'))).toBe(false)
    }
  })

  it('refuses --out naming a folder where a file is written', async () => {
    const r = await runCli(['run', 'seeds/xiping', '--format', 'csv', '--out', tmp])
    expect(r.code).toBe(2)
    expectClean(r.err, 'cli.out-is-folder')
  })

  it('refuses schema --out onto a file', async () => {
    const file = join(tmp, 'a-file')
    writeFileSync(file, 'x')
    const r = await runCli(['schema', '--out', file])
    expect(r.code).toBe(2)
    expectClean(r.err, 'cli.out-not-folder')
    expect(readFileSync(file, 'utf8')).toBe('x')
  })
})

describe('the process entry (the real binary)', () => {
  it('ends quietly with status 141 when its output pipe closes (lantian run … | head)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, 'run', 'seeds/xiping', 'seeds/nanyang', 'seeds/xinzhou', '--format', 'csv', '--what', 'emissions'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    // Read the first chunk, then close the pipe as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy())
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    expect(status).toBe(141)
    expect(err).toBe('')
  }, 120_000)

  const entry = (body: string, env: NodeJS.ProcessEnv = {}) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `import { guardEntry } from ${JSON.stringify(join(ROOT, 'src/cli/entry.ts'))}\n${body}`],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env },
        timeout: 60_000,
      },
    )

  it('turns an unexpected error into one bilingual line and exit 70, thrown or rejected later', () => {
    for (const body of [
      "await guardEntry(async () => { throw new TypeError('Cannot read properties of undefined') })",
      "await guardEntry(async () => { setTimeout(() => { throw new RangeError('Maximum call stack size exceeded') }, 1); await new Promise((r) => setTimeout(r, 50)); return 0 })",
      "await guardEntry(async () => { void Promise.reject(new Error('late')); await new Promise((r) => setTimeout(r, 50)); return 0 })",
    ]) {
      const p = entry(body)
      expect(p.status, p.stderr).toBe(70)
      expect(p.stderr.trim().split('\n')).toHaveLength(1)
      expectClean(p.stderr, 'internal')
      expect(p.stderr).toMatch(/内部错误.*internal error \(a bug: please report it\); set LANTIAN_DEBUG=1 to see the details/)
    }
  }, 360_000)

  it('shows the details with LANTIAN_DEBUG=1', () => {
    const p = entry("await guardEntry(async () => { throw new TypeError('boom') })", { LANTIAN_DEBUG: '1' })
    expect(p.status).toBe(70)
    expect(p.stderr).toMatch(/TypeError: boom/)
  }, 120_000)
})

describe('models folders are walked with bounds', () => {
  const models = (name: string) => {
    const dir = join(tmp, name)
    cpSync(MODELS, dir, { recursive: true })
    return dir
  }

  it('refuses symbolic-link loops at once', async () => {
    const dir = models('loops')
    symlinkSync('.', join(dir, 'again'))
    symlinkSync('..', join(dir, 'parent'))
    mkdirSync(join(dir, 'sub'))
    symlinkSync('..', join(dir, 'sub', 'back'))
    const t = performance.now()
    const r = await runCli(['validate', SCENARIO, '--library', dir])
    expect(performance.now() - t).toBeLessThan(5000)
    expect(r.code).toBe(2)
    expectClean(r.err, 'models.link-loop')
    expect(r.err).toMatch(/again: 符号链接 .* 形成循环.*makes a loop/)
  })

  it('refuses a link that leaves the folder, and reads one that stays inside', async () => {
    const out = models('outside')
    symlinkSync('/etc', join(out, 'etc'))
    const r = await runCli(['validate', SCENARIO, '--library', out])
    expect(r.code).toBe(2)
    expectClean(r.err, 'models.link-outside')
    // A file link whose target stays in the folder is read (the target itself is not a .yaml, so it is read once).
    const inside = models('inside')
    mkdirSync(join(inside, 'lib'))
    cpSync(join(inside, 'technologies.yaml'), join(inside, 'lib', 'technologies.txt'))
    rmSync(join(inside, 'technologies.yaml'))
    symlinkSync(join('lib', 'technologies.txt'), join(inside, 'technologies.yaml'))
    const ok = await runCli(['validate', SCENARIO, '--library', inside])
    expect(ok.err).toBe('')
    expect(ok.code).toBe(0)
  })
})

describe('a scenario reads only files inside its folder', () => {
  it('refuses an inventory reached through a symbolic link that leaves the folder', async () => {
    const elsewhere = join(tmp, 'elsewhere')
    mkdirSync(elsewhere)
    cpSync(join(FIXTURE, 'inventory.csv'), join(elsewhere, 'inventory.csv'))
    const dir = join(tmp, 'linked-scenario')
    mkdirSync(dir)
    cpSync(SCENARIO, join(dir, 'scenario.yaml'))
    symlinkSync(join(elsewhere, 'inventory.csv'), join(dir, 'inventory.csv'))
    const r = await runCli(['validate', dir, '--library', MODELS])
    expect(r.code).toBe(2)
    expectClean(r.err, 'scenario.inventory-outside')
    expect(r.err).toMatch(/at inventory: .*经符号链接指向文件夹之外.*through a symbolic link/)
    // --inventory is the user's own choice: allowed anywhere.
    const own = await runCli(['validate', dir, '--library', MODELS, '--inventory', join(elsewhere, 'inventory.csv')])
    expect(own.err).toBe('')
    expect(own.code).toBe(0)
  })
})

describe('echoed input is cut', () => {
  it('echoes a 5,000,000-digit activity in at most a few hundred characters', async () => {
    const file = join(tmp, 'huge-activity.csv')
    writeFileSync(
      file,
      readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8').replace(
        'B2,甲县,industry.boiler,boiler-coal,1000,',
        `B2,甲县,industry.boiler,boiler-coal,${'9'.repeat(5_000_000)},`,
      ),
    )
    const r = await runCli(['validate', SCENARIO, '--library', MODELS, '--inventory', file])
    expect(r.code).toBe(2)
    expectClean(r.err, 'csv.number')
    expect(r.err.length).toBeLessThan(600)
    expect(r.err).toMatch(/"9{60}…"/)
  })
})

describe('exports neutralise formula-like text in every cell', () => {
  it('keeps a scenario title starting with = from being a formula in the XLSX provenance sheet', async () => {
    const dir = join(tmp, 'formula-title')
    cpSync(FIXTURE, dir, { recursive: true })
    const s = readFileSync(join(dir, 'scenario.yaml'), 'utf8').replace(
      'title: { zh: 基础测试情景, en: Basic test scenario }',
      `title: { zh: '=HYPERLINK("http://x","情景")', en: '@SUM(A1)' }`,
    )
    writeFileSync(join(dir, 'scenario.yaml'), s)
    const out = join(tmp, 'formula.xlsx')
    const r = await runCli(['run', dir, '--library', join(dir, 'models'), '--format', 'xlsx', '--out', out])
    expect(r.err).toBe('')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const rows: unknown[][] = []
    wb.getWorksheet('provenance')?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows.find((x) => x[0] === 'scenario_title')?.[1]).toBe(`'=HYPERLINK("http://x","情景") / @SUM(A1)`)
  })
})

describe('the guards hold in the real binary: refusals in well under 5 s and 1 GB', () => {
  // A child process runs the command through mainAsync and reports the time of the inventory read (where the guards
  // are; the whole command also loads the model library), wall and CPU, the whole command's time and the process's
  // peak memory.
  const measured = (file: string) => {
    const script = [
      `import { mainAsync } from ${JSON.stringify(MAIN)}`,
      `import { readScenarioBundleAsync } from ${JSON.stringify(join(ROOT, 'src/cli/files.ts'))}`,
      'let t = performance.now()',
      'const cpu = process.cpuUsage()',
      `const read = await readScenarioBundleAsync('seeds/xiping', ${JSON.stringify(file)})`,
      'const readMs = performance.now() - t',
      'const used = process.cpuUsage(cpu)',
      'const readCpuMs = (used.user + used.system) / 1000',
      't = performance.now()',
      `const code = await mainAsync(['validate', 'seeds/xiping', '--inventory', ${JSON.stringify(file)}], () => {}, (s) => process.stderr.write(s))`,
      'process.stdout.write(JSON.stringify({ code, refused: !read.ok, readMs, readCpuMs, ms: performance.now() - t, maxRssKb: process.resourceUsage().maxRSS }))',
    ].join('\n')
    const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 })
    return { ...(JSON.parse(p.stdout) as { code: number; refused: boolean; readMs: number; readCpuMs: number; ms: number; maxRssKb: number }), err: p.stderr }
  }

  it.each([
    ['an XLSX of a million rows (4.4 MB)', () => millionRowsXlsx(), 'xlsx.too-many-rows'],
    ['an XLSX that unzips to 700 MB (4.6 MB)', () => unzipsTo700MbXlsx(), 'xlsx.unzipped-too-large'],
  ])(
    '%s',
    (name, make, code) => {
      const file = join(tmp, `${code}.xlsx`)
      writeFileSync(file, make())
      const m = measured(file)
      console.log(
        `[guards] ${name}: refused reading in ${m.readMs.toFixed(0)} ms (CPU ${m.readCpuMs.toFixed(0)} ms; whole command ${m.ms.toFixed(0)} ms), peak RSS ${(m.maxRssKb / 1024).toFixed(0)} MB`,
      )
      expect(m.refused).toBe(true)
      expect(m.code).toBe(2)
      expectClean(m.err, code)
      // CPU time, not wall time: on this shared machine the wall clock measures the other sessions as much as the guard.
      expect(m.readCpuMs).toBeLessThan(5000)
      expect(m.maxRssKb).toBeLessThan(1024 * 1024)
    },
    180_000,
  )
})
