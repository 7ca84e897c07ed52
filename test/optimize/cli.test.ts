import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mainAsync } from '../../src/cli/main'
import { FIXTURE, runCli } from '../helpers'
import { OPT_FIXTURE } from './fixture'

const MODELS = join(OPT_FIXTURE, 'models')

const cli = runCli

describe('lantian mc', () => {
  it('prints percentiles and probabilities as JSON with a progress bar on stderr', async () => {
    const r = await cli(['mc', OPT_FIXTURE, '--library', MODELS, '--draws', '40', '--seed', '3', '--format', 'json', '--chunk', '10'])
    expect(r.code).toBe(0)
    expect(r.err).toContain('100 % 40/40 draws')
    const j = JSON.parse(r.out) as { draws: number; percentiles: { p50: { NOx: number[] } }; targets: { id: string; probability: number }[] }
    expect(j.draws).toBe(40)
    expect(j.percentiles.p50.NOx).toHaveLength(4)
    expect(j.targets.map((t) => t.id)).toEqual(['nox-2025', 'vocs-2025'])
    const again = await cli(['mc', OPT_FIXTURE, '--library', MODELS, '--draws', '40', '--seed', '3', '--format', 'json', '--quiet'])
    expect(again.out).toBe(r.out)
  })

  it('writes CSV and exits 1 when the probability of meeting all targets is too low', async () => {
    const r = await cli(['mc', OPT_FIXTURE, '--library', MODELS, '--draws', '20', '--format', 'csv', '--min-prob', '1', '--quiet'])
    expect(r.out.split(/\r?\n/)[0]).toBe('pollutant,year,deterministic_t,p5_t,p25_t,p50_t,p75_t,p95_t,mean_t,draws,seed')
    expect(r.code).toBe(1)
  })

  it('exits 2 on invalid options', async () => {
    expect((await cli(['mc', OPT_FIXTURE, '--draws', '0'])).code).toBe(2)
    expect((await cli(['mc', OPT_FIXTURE, '--format', 'xml'])).code).toBe(2)
    expect((await cli(['mc'])).code).toBe(2)
  })
})

describe('lantian optimize', () => {
  it('prints the least-cost levels and the MAC curve', async () => {
    const r = await cli(['optimize', OPT_FIXTURE, '--library', MODELS])
    expect(r.code).toBe(0)
    expect(r.out).toContain('OPTIMAL')
    expect(r.out).toContain('Marginal abatement cost')
    const j = await cli(['optimize', OPT_FIXTURE, '--library', MODELS, '--format', 'json'])
    const o = JSON.parse(j.out) as { status: string; levels: Record<string, number>; mac: { NOx: { id: string }[] } }
    expect(o.status).toBe('optimal')
    expect(o.levels.lownox).toBeCloseTo(1, 6)
    expect(o.mac.NOx[0]?.id).toBe('fgr')
  })

  it('exits 1 and names the target when it cannot be met', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-opt-'))
    copyFileSync(join(OPT_FIXTURE, 'inventory.csv'), join(dir, 'inventory.csv'))
    writeFileSync(join(dir, 'scenario.yaml'), readFileSync(join(OPT_FIXTURE, 'scenario.yaml'), 'utf8').replace('value: 40', 'value: 90'))
    const r = await cli(['optimize', dir, '--library', MODELS])
    expect(r.code).toBe(1)
    expect(r.out).toContain('INFEASIBLE')
    expect(r.out).toMatch(/nox-2025 .*CANNOT BE MET/)
  })
})

describe('lantian mc on worker threads', () => {
  it('gives the same numbers on two threads as on one', async () => {
    const run = async (workers: string) => {
      let out = ''
      const code = await mainAsync(
        [
          'mc',
          FIXTURE,
          '--library',
          join(FIXTURE, 'models'),
          '--draws',
          '300',
          '--seed',
          '5',
          '--chunk',
          '40',
          '--workers',
          workers,
          '--format',
          'csv',
          '--quiet',
        ],
        (s) => (out += s),
        () => {},
      )
      return { code, out }
    }
    const one = await run('1')
    const two = await run('2')
    expect(two.code).toBe(one.code)
    expect(two.out).toBe(one.out)
    expect(one.out.split('\r\n').length).toBeGreaterThan(5)
  }, 120_000)
})
