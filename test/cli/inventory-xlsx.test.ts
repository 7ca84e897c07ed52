import { spawnSync } from 'node:child_process'
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { formatIssue, parseInventory } from '../../src/core'
import { createSimulatorApi } from '../../src/worker/simulator-api'
import { MAX_XLSX_BYTES, writeInventoryXlsx } from '../../src/xlsx/inventory'
import { runCli } from '../helpers'
import { BAD_XLSX } from '../xlsx-cases'
import { KNOWN_COST_ERRORS } from '../seeds/known-cost-errors'

const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou']
const tmp = mkdtempSync(join(tmpdir(), 'lantian-cli-xlsx-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const cli = runCli

/** Write the app's XLSX template of a seed's CSV inventory (what the inventory view's "download XLSX" gives). */
async function template(seed: string): Promise<string> {
  const csv = `seeds/${seed}/inventory.csv`
  const t = parseInventory(readFileSync(csv), csv)
  if (!t.ok) throw new Error(t.issues.map(formatIssue).join('\n'))
  const file = join(tmp, `${seed}.xlsx`)
  writeFileSync(file, await writeInventoryXlsx(t.value))
  return file
}

// Every output that carries numbers, per command; mc and optimize run one thread and a few draws (they are long).
const OUTPUTS: string[][] = [
  ['run', '--format', 'csv', '--what', 'measures'],
  ['run', '--format', 'csv', '--what', 'emissions'],
  ['run', '--format', 'csv', '--what', 'targets'],
  ['run', '--format', 'json'],
  ['run', '--format', 'table'],
  ['check'],
  ['validate'],
  ['mc', '--draws', '40', '--format', 'json', '--quiet', '--workers', '1'],
  ['mc', '--draws', '40', '--format', 'csv', '--what', 'tornado', '--quiet', '--workers', '1'],
  ['optimize', '--format', 'json'],
]

describe('lantian --inventory FILE.xlsx (the CLI reads the app’s XLSX inventories)', () => {
  it.each(SEEDS)('seed %s: the XLSX template gives byte-identical output to the CSV in every command and format', async (seed) => {
    const xlsx = await template(seed)
    const csv = `seeds/${seed}/inventory.csv`
    for (const [command, ...opts] of OUTPUTS) {
      const a = await cli([command as string, `seeds/${seed}`, ...opts, '--inventory', csv])
      const b = await cli([command as string, `seeds/${seed}`, ...opts, '--inventory', xlsx])
      const what = `${command} ${opts.join(' ')}`
      expect(b.err, what).toBe(a.err)
      expect(b.code, what).toBe(a.code)
      // A seed with a known cost error (test/seeds/known-cost-errors.ts) cannot be optimised: exit 2, the same located error.
      if (command === 'optimize' && KNOWN_COST_ERRORS[seed]?.length) {
        expect(a.code, what).toBe(2)
        expect(a.err, what).toContain('[cost.activity]')
        continue
      }
      expect(a.code, what).not.toBe(2)
      // The JSON run names its inventory file in the provenance: the one byte-level difference, by design.
      expect(b.out.replaceAll(JSON.stringify(xlsx), JSON.stringify(csv)), what).toBe(a.out)
      expect(a.out.length, what).toBeGreaterThan(0)
    }
  })

  it('mc on worker threads reads the XLSX in each thread and gives the CSV’s numbers', async () => {
    const xlsx = await template('xiping')
    const opts = ['--draws', '600', '--chunk', '250', '--workers', '2', '--format', 'csv', '--quiet']
    const a = await cli(['mc', 'seeds/xiping', ...opts])
    const b = await cli(['mc', 'seeds/xiping', ...opts, '--inventory', xlsx])
    expect(b.err).toBe('')
    expect(b.code).toBe(a.code)
    expect(b.out).toBe(a.out)
  })

  it('--format xlsx with an XLSX inventory writes the same emissions as with the CSV', async () => {
    const xlsx = await template('weidu')
    const outA = join(tmp, 'a.xlsx')
    const outB = join(tmp, 'b.xlsx')
    expect((await cli(['run', 'seeds/weidu', '--format', 'xlsx', '--out', outA])).code).toBe(0)
    const r = await cli(['run', 'seeds/weidu', '--format', 'xlsx', '--out', outB, '--inventory', xlsx])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const ExcelJS = (await import('exceljs')).default
    const rows = async (f: string) => {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(f)
      const out: unknown[][] = []
      wb.getWorksheet('emissions')?.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
      return out
    }
    expect(await rows(outB)).toEqual(await rows(outA))
  })

  it('reads an XLSX inventory named by the scenario itself (no --inventory)', async () => {
    const dir = join(tmp, 'xiping-xlsx')
    cpSync('seeds/xiping', dir, { recursive: true })
    writeFileSync(join(dir, 'inventory.xlsx'), readFileSync(await template('xiping')))
    const yaml = join(dir, 'scenario.yaml')
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^inventory: inventory\.csv$/m, 'inventory: inventory.xlsx'))
    const a = await cli(['run', 'seeds/xiping', '--format', 'csv', '--what', 'emissions'])
    const b = await cli(['run', dir, '--format', 'csv', '--what', 'emissions'])
    expect(b.err).toBe('')
    expect(b.out).toBe(a.out)
    // The synchronous main() cannot read it and says so, in both languages.
    let err = ''
    expect(
      main(
        ['run', dir],
        () => {},
        (s) => (err += s),
      ),
    ).toBe(2)
    expect(err).toMatch(/mainAsync/)
    expect(err).toMatch(/异步/)
  })

  it('main() (synchronous) refuses --inventory FILE.xlsx with a bilingual pointer to mainAsync', async () => {
    let err = ''
    let out = ''
    const code = main(
      ['run', 'seeds/xiping', '--inventory', await template('xiping')],
      (s) => (out += s),
      (s) => (err += s),
    )
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(/XLSX.*mainAsync/)
    expect(err).toMatch(/[\u4e00-\u9fff]/)
  })
})

/** The issues the app (worker API, inventory import checked against the seed's scenario) gives for these bytes. */
async function appIssues(bytes: Uint8Array, file: string): Promise<string> {
  const api = createSimulatorApi()
  const seed = await api.loadSeed('xiping')
  if (!seed.ok) throw new Error(seed.issues.map(formatIssue).join('\n'))
  const r = await api.loadInventory(bytes, file, seed.value.scenario)
  if (r.ok) throw new Error('the app accepted a bad workbook')
  return r.issues.map((i) => `${formatIssue(i)}\n`).join('')
}

describe('lantian --inventory FILE.xlsx on bad workbooks (exit 2, the app’s located issues, nothing written)', () => {
  it.each(BAD_XLSX.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = join(tmp, 'inv.xlsx')
    const bytes = await c.bytes()
    writeFileSync(file, bytes)
    const app = await appIssues(bytes, file)
    for (const command of [['run', '--format', 'csv'], ['run', '--format', 'xlsx'], ['check'], ['validate'], ['mc', '--quiet'], ['optimize']]) {
      const out = join(tmp, `never-${command.join('')}.out`)
      const r = await cli([command[0] as string, 'seeds/xiping', ...command.slice(1), '--inventory', file, '--out', out])
      const what = command.join(' ')
      expect(r.code, what).toBe(2)
      expect(r.out, what).toBe('')
      expect(existsSync(out), what).toBe(false)
      expect(r.err, what).toBe(app)
      const first = r.err.split('\n')[0] ?? ''
      expect(first, what).toMatch(new RegExp(`^error \\[${c.code.replace('.', '\\.')}\\] ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
      if (c.row !== undefined) expect(first, what).toContain(`${file}, sheet 清单, row ${c.row}${c.column === undefined ? '' : `, column ${c.column}`}: `)
      expect(first, what).toMatch(/[\u4e00-\u9fff]/)
      expect(first, what).toMatch(/ \/ .*[a-z]{3}/)
    }
  })

  it('locates an issue found after reading (an unknown technology) by sheet and column letter, as the app does', async () => {
    const csv = readFileSync('seeds/xiping/inventory.csv', 'utf8')
    const t = parseInventory(new TextEncoder().encode(csv.replace(/boiler-coal/, 'boiler-koal')), 'inventory.csv')
    if (!t.ok) throw new Error(t.issues.map(formatIssue).join('\n'))
    const file = join(tmp, 'unknown-tech.xlsx')
    const bytes = await writeInventoryXlsx(t.value)
    writeFileSync(file, bytes)
    const k = t.value.technology.dict.indexOf('boiler-koal')
    const row = t.value.rows[t.value.technology.codes.indexOf(k)]
    const r = await cli(['run', 'seeds/xiping', '--inventory', file, '--format', 'json'])
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toContain(`${file}, sheet 清单, row ${row}, column D (technology): `)
    expect(r.err).toMatch(/未知技术 "boiler-koal".*unknown technology "boiler-koal"/)
    expect(r.err).toBe(await appIssues(bytes, file))
  })

  it('refuses an XLSX above MAX_XLSX_BYTES from its size alone, before reading or unzipping it', async () => {
    const file = join(tmp, 'huge.xlsx')
    // A sparse file: a zip signature, then nothing; reading it would take the time and memory the limit saves.
    const fd = openSync(file, 'w')
    writeSync(fd, Uint8Array.of(0x50, 0x4b, 0x03, 0x04), 0, 4, MAX_XLSX_BYTES)
    closeSync(fd)
    const r = await cli(['validate', 'seeds/xiping', '--inventory', file])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(
      /^error \[file\.too-large\] .*huge\.xlsx: XLSX 清单文件 50\.0 MB，超过 50 MB 上限.* \/ XLSX inventory is 50\.0 MB, larger than the 50 MB limit/,
    )
  })
})

describe('the real binary (bin/lantian.mjs) with an XLSX inventory', () => {
  it('runs through the asynchronous path: same CSV as the CSV inventory; a bad workbook exits 2 located', async () => {
    const bin = (args: string[]) => spawnSync(process.execPath, ['bin/lantian.mjs', ...args], { encoding: 'utf8', timeout: 50_000 })
    const xlsx = await template('xinzhou')
    const a = bin(['run', 'seeds/xinzhou', '--format', 'csv', '--what', 'emissions'])
    const b = bin(['run', 'seeds/xinzhou', '--format', 'csv', '--what', 'emissions', '--inventory', xlsx])
    expect(b.stderr).toBe('')
    expect(b.status).toBe(0)
    expect(b.stdout).toBe(a.stdout)
    expect(b.stdout.length).toBeGreaterThan(100)
    const bad = join(tmp, 'bad-bin.xlsx')
    writeFileSync(bad, await BAD_XLSX[0]!.bytes())
    const c = bin(['check', 'seeds/xinzhou', '--inventory', bad])
    expect(c.status).toBe(2)
    expect(c.stderr).not.toMatch(/mainAsync|internal error/)
    expect(c.stderr).toContain(`${bad}, sheet 清单, row 6, column E (activity): `)
  })
})
