import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createSimulatorApi } from '../../src/worker/simulator-api'
import { groupSeedFiles } from '../../src/worker/bundled-seeds'
import { runCli } from '../helpers'
import { BAD_XLSX, xlsxOf } from '../xlsx-cases'

// The app's side of the bad-input corpus: every scenario file of test/fixtures/bad/index.yaml imported as the app
// imports a user's scenario (`importScenario`), and every bad workbook of test/xlsx-cases.ts imported as an
// inventory. A refusal is bilingual and has the CLI's code; the plan on screen keeps its numbers.
const FIXTURE = 'test/fixtures/basic'
const BAD = 'test/fixtures/bad'
interface Entry {
  file: string
  as: string
  exit: number
  code?: string
}
const entries = (parse(readFileSync(join(BAD, 'index.yaml'), 'utf8')) as { entries: Entry[] }).entries.filter((e) => e.as === 'scenario')

// Codes the CLI finds on the file system, which the app never opens (it runs an import on a bundled seed's inventory).
const FILE_SYSTEM = new Set(['file.missing', 'file.not-a-file', 'scenario.inventory-outside'])

async function loaded() {
  const models = () => readdirSync(join(FIXTURE, 'models')).map((f) => ({ path: `models/${f}`, text: readFileSync(join(FIXTURE, 'models', f), 'utf8') }))
  const seeds = () =>
    groupSeedFiles({
      '/seeds/basic/scenario.yaml': readFileSync(join(FIXTURE, 'scenario.yaml'), 'utf8'),
      '/seeds/basic/inventory.csv': readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8'),
    })
  const api = createSimulatorApi({ models, seeds })
  const seed = await api.loadSeed('basic')
  if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
  return { api, scenario: seed.value.scenario }
}

const bilingual = (issues: readonly { zh: string; en: string }[]) => {
  for (const i of issues) {
    expect(i.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(i.en).toMatch(/[A-Za-z]{3}/)
    expect(`${i.zh} ${i.en}`).not.toMatch(/Cannot read properties|Maximum call stack|at Object\.|\n\s+at /)
  }
}

describe('importing the corpus scenarios in the app', () => {
  it('covers the corpus', () => {
    expect(entries.length).toBeGreaterThan(50)
  })
  for (const e of entries) {
    it(`${e.exit === 0 ? 'accepts' : 'refuses'} ${e.file}`, async () => {
      const { api, scenario } = await loaded()
      const before = await api.run(scenario)
      expect(before.ok).toBe(true)
      // The bytes, as the app sends them (it decodes them in the worker, as the CLI does).
      const t0 = performance.now()
      const r = await api.importScenario(new Uint8Array(readFileSync(join(BAD, e.file))), e.file, 'basic')
      expect(performance.now() - t0).toBeLessThan(5000)
      if (e.exit === 0 || FILE_SYSTEM.has(e.code ?? '')) {
        expect(r.ok ? [] : r.issues).toEqual([])
        return
      }
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.issues[0]?.code).toBe(e.code)
      bilingual(r.issues)
      const after = await api.run(scenario)
      expect(after.ok && before.ok && after.value.scenario.NOx).toEqual(before.ok && before.value.scenario.NOx)
    })
  }
})

describe('importing the bad workbooks in the app keeps the last good inventory', () => {
  for (const c of BAD_XLSX) {
    it(`refuses ${c.name}`, async () => {
      const api = createSimulatorApi()
      const seed = await api.loadSeed('xiping')
      if (!seed.ok) throw new Error(JSON.stringify(seed.issues))
      const before = await api.run(seed.value.scenario)
      expect(before.ok).toBe(true)
      const bytes = await c.bytes()
      const t0 = performance.now()
      const r = await api.loadInventory(bytes, 'inventory.xlsx', seed.value.scenario)
      expect(performance.now() - t0).toBeLessThan(5000)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.issues[0]).toMatchObject({ code: c.code, ...(c.row !== undefined ? { row: c.row, sheet: '清单' } : {}) })
      bilingual(r.issues)
      const after = await api.run(seed.value.scenario)
      expect(after.ok && before.ok && after.value.scenario).toEqual(before.ok && before.value.scenario)
    })
  }
})

describe('columns named like Object.prototype members (constructor, __proto__, toString…)', () => {
  it('are plain attributes in an XLSX inventory, in the app and the CLI, with the numbers of the same inventory without them', async () => {
    const csv = readFileSync(join(FIXTURE, 'inventory.csv'), 'utf8').trim().split('\n')
    const proto = ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf']
    const sheet = (extra: boolean) =>
      xlsxOf((ws) => {
        for (const line of csv) {
          if (line.startsWith('#')) ws.addRow([line])
          else if (line.startsWith('id,')) ws.addRow([...line.split(','), ...(extra ? proto : [])])
          else
            ws.addRow([...line.split(',').map((c) => (c !== '' && Number.isFinite(Number(c)) ? Number(c) : c || null)), ...(extra ? [1, 'x', 2, 'y', 3] : [])])
        }
      })
    const { api, scenario } = await loaded()
    const plain = await api.loadInventory(await sheet(false), 'plain.xlsx', scenario)
    expect(plain.ok ? [] : plain.issues).toEqual([])
    const a = await api.run(scenario)
    expect(a.ok).toBe(true)
    const withProto = await api.loadInventory(await sheet(true), 'proto.xlsx', scenario)
    expect(withProto.ok ? [] : withProto.issues).toEqual([])
    const b = await api.run(scenario)
    expect(b.ok && b.value.scenario).toEqual(a.ok && a.value.scenario)
    const file = join(mkdtempSync(join(tmpdir(), 'lantian-proto-')), 'proto.xlsx')
    writeFileSync(file, await sheet(true))
    const cli = await runCli(['validate', FIXTURE, '--library', join(FIXTURE, 'models'), '--inventory', file])
    expect(cli.err).toBe('')
    expect(cli.code).toBe(0)
  })
})
