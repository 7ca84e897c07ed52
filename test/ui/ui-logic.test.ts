import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/core'
import { edit, initHistory, redo, undo } from '../../src/ui/history'
import { presenterScenario, presenterSteps } from '../../src/ui/presenter'
import { decodeShared, encodeShared, fromBase64Url, sharedFromHash, shareUrl, toBase64Url } from '../../src/ui/share-url'
import { LatestRunner } from '../../src/ui/simulator-client'

const measure = (id: string, enabled = true) => ({
  id,
  template: 't',
  label: { zh: `措施${id}`, en: `measure ${id}` },
  clause: '一（一）',
  enabled,
  params: {},
  schedule: { start: '2023-01', complete: '2024-12', level: 1, shape: 'linear' as const },
})

const scenario = {
  format: 'lantian-scenario/1',
  id: 'x',
  title: { zh: '示例', en: 'Example' },
  regions: ['甲县'],
  inventory: 'inventory.csv',
  years: { start: 2022, end: 2030 },
  growth: [],
  measures: [measure('a'), measure('b', false), measure('c')],
  targets: [],
} as Scenario

describe('share URL', () => {
  it('round-trips a scenario with Chinese text through deflate + base64url', () => {
    const v = encodeShared({ seed: 'xiping', scenario })
    expect(v).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeShared(v)).toEqual({ seed: 'xiping', scenario })
    const url = shareUrl('http://127.0.0.1:4173/app/?present=1#old', { seed: 'xiping', scenario })
    expect(url.startsWith('http://127.0.0.1:4173/app/?present=1#s=')).toBe(true)
    expect(sharedFromHash(new URL(url).hash)?.scenario.title.zh).toBe('示例')
  })

  it('rejects garbage instead of throwing', () => {
    expect(decodeShared('not-a-scenario')).toBeUndefined()
    expect(sharedFromHash('#x=1')).toBeUndefined()
    const bytes = new Uint8Array(256).map((_, i) => i)
    expect(Array.from(fromBase64Url(toBase64Url(bytes)))).toEqual(Array.from(bytes))
  })
})

describe('undo/redo history', () => {
  it('merges a drag into one step and redoes', () => {
    let h = initHistory(0)
    h = edit(h, 1, 'level', 0)
    h = edit(h, 2, 'level', 100)
    h = edit(h, 3, 'level', 200)
    h = edit(h, 4, 'complete', 300)
    expect(h.past).toEqual([0, 3])
    h = undo(h)
    expect(h.present).toBe(3)
    h = undo(h)
    expect(h.present).toBe(0)
    expect(undo(h)).toBe(h)
    h = redo(h)
    expect(h.present).toBe(3)
    h = edit(h, 9, 'x', 5000)
    expect(h.future).toEqual([])
  })
})

describe('presenter steps', () => {
  it('switches the enabled measures on one at a time', () => {
    const steps = presenterSteps(scenario)
    expect(steps).toEqual([0, 2])
    expect(presenterScenario(scenario, steps, 0).measures.map((m) => m.enabled)).toEqual([false, false, false])
    expect(presenterScenario(scenario, steps, 1).measures.map((m) => m.enabled)).toEqual([true, false, false])
    expect(presenterScenario(scenario, steps, 2).measures.map((m) => m.enabled)).toEqual([true, false, true])
  })
})

describe('newest-request-wins runner', () => {
  it('never queues stale requests while a run is in flight', async () => {
    const started: number[] = []
    const delivered: [number, boolean][] = []
    let release: () => void = () => undefined
    const runner = new LatestRunner<number, number>(
      (i) => {
        started.push(i)
        return new Promise((r) => (release = () => r(i * 10)))
      },
      (o, _i, stale) => delivered.push([o, stale]),
    )
    runner.request(1)
    for (let i = 2; i <= 50; i++) runner.request(i)
    expect(started).toEqual([1])
    release()
    await new Promise((r) => setTimeout(r, 0))
    expect(started).toEqual([1, 50])
    release()
    await new Promise((r) => setTimeout(r, 0))
    expect(delivered).toEqual([
      [10, true],
      [500, false],
    ])
    expect(runner.busy).toBe(false)
  })
})
