import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { FIXTURE, runCli } from '../helpers'

// Issue 15 item 5: a scenario directory holds scenario.yaml, .yml or .json; --checks FILE; checks.yaml/.yml/.json.
const MODELS = join(FIXTURE, 'models')
const SCENARIO = readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8')
const temps: string[] = []
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A folder with the fixture inventory and the given files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-formats-'))
  temps.push(dir)
  cpSync(join(FIXTURE, 'inventory.csv'), join(dir, 'inventory.csv'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const CHECKS = `format: lantian-checks/1
checks:
  - { id: nox-2022, what: scenario, pollutant: NOx, year: 2022, expect: { approx: 13.7, tol: 1e-9 } }
`

describe('scenario file names in a folder', () => {
  it('runs scenario.yml and scenario.json as scenario.yaml, with the same output', async () => {
    const want = await runCli(['run', folder({ 'scenario.yaml': SCENARIO }), '--library', MODELS, '--format', 'csv'])
    expect(want.code).toBe(0)
    for (const [name, text] of [
      ['scenario.yml', SCENARIO],
      ['scenario.json', JSON.stringify(parse(SCENARIO))],
    ] as const) {
      const r = await runCli(['run', folder({ [name]: text }), '--library', MODELS, '--format', 'csv'])
      expect(r.err, name).toBe('')
      expect(r.out, name).toBe(want.out)
    }
  })

  it('refuses a folder with two of them, naming both (exit 2)', async () => {
    const dir = folder({ 'scenario.yaml': SCENARIO, 'scenario.json': JSON.stringify(parse(SCENARIO)) })
    const r = await runCli(['run', dir, '--library', MODELS])
    expect(r.code).toBe(2)
    expect(r.err).toContain(
      `error [file.ambiguous] ${join(dir, 'scenario.json')}: ${dir} 中有多个情景文件：${join(dir, 'scenario.yaml')}、${join(dir, 'scenario.json')}`,
    )
    expect(r.err).toContain(`holds more than one scenario file: ${join(dir, 'scenario.yaml')}, ${join(dir, 'scenario.json')}; keep one`)
  })

  it('names the three accepted names when a folder has none', async () => {
    const r = await runCli(['run', folder({}), '--library', MODELS])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/\[file\.missing\] .*has no scenario\.yaml, scenario\.yml, scenario\.json/)
  })
})

describe('checks files', () => {
  it('finds checks.json next to the scenario', async () => {
    const r = await runCli(['check', folder({ 'scenario.yaml': SCENARIO, 'checks.json': JSON.stringify(parse(CHECKS)) }), '--library', MODELS])
    expect(r.err).toBe('')
    expect(r.out).toMatch(/pass nox-2022/)
    expect(r.code).toBe(0)
  })

  it('takes --checks FILE from anywhere, and refuses a missing one', async () => {
    const other = folder({ 'mine.yaml': CHECKS })
    const dir = folder({ 'scenario.yaml': SCENARIO })
    const r = await runCli(['check', dir, '--library', MODELS, '--checks', join(other, 'mine.yaml')])
    expect(r.out).toMatch(/pass nox-2022/)
    const missing = await runCli(['check', dir, '--library', MODELS, '--checks', join(other, 'nope.yaml')])
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/\[file\.missing\] .*nope\.yaml: 找不到检查文件 .* \/ checks file .*nope\.yaml not found/)
  })

  it('refuses checks.yaml and checks.yml side by side', async () => {
    const r = await runCli(['check', folder({ 'scenario.yaml': SCENARIO, 'checks.yaml': CHECKS, 'checks.yml': CHECKS }), '--library', MODELS])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/\[file\.ambiguous\] .*more than one checks file/)
  })
})
