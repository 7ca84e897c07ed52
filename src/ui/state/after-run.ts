import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Issue } from '../../core'
import type { Result, RunView, SimulatorApi } from '../../protocol'
import { LatestRunner } from '../simulator-client'
import type { PlanStore } from './plan-store'

/** What a follow-up panel shows: the answer for the run on screen, or the issues that prevented it. */
export interface FollowUp<T> {
  /** The scenario hash of the run the answer belongs to. */
  hash?: string
  value?: T
  issues: Issue[]
}

/** Wait until the frame that shows a result has been painted (charts first, then the follow-up question). */
const afterPaint = (f: () => void): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const raf = requestAnimationFrame(() => (timer = setTimeout(f, 0)))
  return () => {
    cancelAnimationFrame(raf)
    clearTimeout(timer)
  }
}

/**
 * Ask the worker one more question about each run, for a panel below the charts (a verdict, flip points…): asked
 * after the run's charts are painted, newest wins (a newer run replaces a question not yet asked), and an answer for
 * a run no longer on screen is dropped. Framework-free, so a test drives it with a fake store and frame.
 */
export class AfterRun<T> {
  #state: FollowUp<T> = { issues: [] }
  readonly #listeners = new Set<() => void>()
  readonly #runner: LatestRunner<RunView, Result<T>>
  #cancel: () => void = () => {}
  readonly #stop: () => void

  /** Follow `store`'s runs with `ask`; `schedule` defers the question (default: after the next painted frame). */
  constructor(
    private readonly store: Pick<PlanStore, 'onRun' | 'get' | 'client'>,
    ask: (api: SimulatorApi, view: RunView) => Promise<Result<T>>,
    schedule: (f: () => void) => () => void = afterPaint,
  ) {
    this.#runner = new LatestRunner<RunView, Result<T>>(
      (view) => ask(store.client.api, view),
      (out, view, stale) => {
        // A newer run is on screen (or on its way): this answer is not for it.
        if (stale || store.get().view?.scenarioHash !== view.scenarioHash) return
        this.#set(out.ok ? { hash: view.scenarioHash, value: out.value, issues: out.warnings } : { hash: view.scenarioHash, issues: out.issues })
      },
      (e) => this.#set({ issues: [{ code: 'follow-up.failed', zh: `计算失败：${String(e)}`, en: `computation failed: ${String(e)}` }] }),
    )
    this.#stop = store.onRun((view) => {
      this.#cancel()
      this.#cancel = schedule(() => this.#runner.request(view))
    })
  }

  /** Return the panel's state. */
  get = (): FollowUp<T> => this.#state

  /** Call `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Stop following the store (a question already asked is answered but not shown). */
  dispose(): void {
    this.#stop()
    this.#cancel()
    this.#listeners.clear()
  }

  #set(s: FollowUp<T>): void {
    this.#state = s
    for (const l of this.#listeners) l()
  }
}

/** Follow each run of the store with `ask` (see `AfterRun`); `ask` should be a stable function. */
export function useAfterRun<T>(store: PlanStore | undefined, ask: (api: SimulatorApi, view: RunView) => Promise<Result<T>>): FollowUp<T> {
  const [follow, setFollow] = useState<AfterRun<T>>()
  useEffect(() => {
    if (!store) return
    const f = new AfterRun(store, ask)
    setFollow(f)
    return () => f.dispose()
  }, [store, ask])
  return useSyncExternalStore(follow?.subscribe ?? noSubscribe, follow?.get ?? empty)
}

const noSubscribe = () => () => {}
const EMPTY: FollowUp<never> = { issues: [] }
const empty = () => EMPTY
