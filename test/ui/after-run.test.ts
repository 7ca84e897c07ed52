import { describe, expect, it } from 'vitest'
import type { Result, RunView, SimulatorApi } from '../../src/protocol'
import { AfterRun } from '../../src/ui/state/after-run'
import { INITIAL_STATE } from '../../src/ui/state/plan-store'

/** A store as the follow-up sees it: runs delivered by hand, the view on screen set by hand. */
function fakeStore() {
  const listeners = new Set<(v: RunView) => void>()
  let onScreen: RunView | undefined
  return {
    client: { api: {} as SimulatorApi, dispose() {} },
    get: () => ({ ...INITIAL_STATE, view: onScreen }),
    onRun: (l: (v: RunView) => void) => (listeners.add(l), () => listeners.delete(l)),
    deliver(v: RunView) {
      onScreen = v
      for (const l of listeners) l(v)
    },
  }
}
const view = (hash: string) => ({ scenarioHash: hash }) as RunView
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('a follow-up question after each run (src/ui/state/after-run.ts)', () => {
  it('asks once per painted frame, newest wins, and drops an answer for a run no longer on screen', async () => {
    const store = fakeStore()
    const frames: (() => void)[] = []
    const asked: string[] = []
    const answers = new Map<string, (r: Result<string>) => void>()
    const follow = new AfterRun<string>(
      store,
      (_api, v) => (asked.push(v.scenarioHash), new Promise((r) => answers.set(v.scenarioHash, r))),
      (f) => (frames.push(f), () => frames.splice(frames.indexOf(f), 1)),
    )
    // Three runs before a frame is painted: only the last is asked about, once its frame has been painted.
    store.deliver(view('a'))
    store.deliver(view('b'))
    store.deliver(view('c'))
    expect(asked).toEqual([])
    frames.splice(0).forEach((f) => f())
    expect(asked).toEqual(['c'])
    // While 'c' is being answered, 'd' and 'e' arrive: 'd' waits and is replaced by 'e' (never asked).
    store.deliver(view('d'))
    frames.splice(0).forEach((f) => f())
    store.deliver(view('e'))
    frames.splice(0).forEach((f) => f())
    answers.get('c')?.({ ok: true, value: 'for c', warnings: [] })
    await tick()
    // The answer for 'c' came while 'e' was on screen: dropped.
    expect(follow.get().value).toBeUndefined()
    expect(asked).toEqual(['c', 'e'])
    answers.get('e')?.({ ok: true, value: 'for e', warnings: [] })
    await tick()
    expect(follow.get()).toEqual({ hash: 'e', value: 'for e', issues: [] })
    follow.dispose()
    store.deliver(view('f'))
    expect(frames).toHaveLength(0)
  })
})
