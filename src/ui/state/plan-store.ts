import type { Issue, MeasureInstance, Scenario } from '../../core'
import type { LibraryInfo, Result, RunView, SeedInfo, SeedLoad } from '../../protocol'
import { edit, initHistory, redo, undo, type History } from '../history'
import type { Lang } from '../lang'
import { perfMark, perfMeasure } from '../perf-marks'
import { presenterScenario, presenterSteps } from '../presenter'
import { LatestRunner, type SimulatorClient } from '../simulator-client'

/** Notices the app shows until they are dismissed. */
export interface Notices {
  /** Plans whose autosaved entry was unreadable (set aside, not deleted). */
  corrupt: string[]
  /** A plan whose edits went to a copy because another tab saved it first. */
  conflict?: string
  /** When the worker was last restarted after a crash or a hang. */
  workerRestarted?: number
}

/** Everything the app shows that is not a single component's own: one place, read with `useSyncExternalStore`. */
export interface AppState {
  lang: Lang
  library?: LibraryInfo
  seeds: SeedInfo[]
  /** The start-up is over (the plan list is in). */
  ready: boolean
  /** The seed plan on screen, or the seed whose inventory the user scenario on screen runs on. */
  seed?: SeedLoad
  /** The user scenario on screen, if it is one. */
  userKey?: string
  /** The scenario on screen is `history.present`, and nowhere else. */
  history?: History<Scenario>
  presenter?: { step: number }
  /** The newest run's result, and the issues of the newest run asked for. */
  view?: RunView
  runIssues: Issue[]
  /** A run is in flight or waiting. */
  busy: boolean
  /** Milliseconds from asking for the newest result to receiving it. */
  latency?: number
  loadIssues: Issue[]
  inventoryIssues: Issue[]
  scenarioIssues: Issue[]
  notices: Notices
  /** Each seed plan's scenario as last autosaved or restored (other plans come back as the user left them). */
  saved: ReadonlyMap<string, Scenario>
}

/** The state before the start-up has loaded anything. */
export const INITIAL_STATE: AppState = {
  lang: 'zh',
  seeds: [],
  ready: false,
  runIssues: [],
  busy: false,
  loadIssues: [],
  inventoryIssues: [],
  scenarioIssues: [],
  notices: { corrupt: [] },
  saved: new Map(),
}

/** Two issue lists with the same issues in the same order (issues are plain data). */
function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i])))
}

/**
 * Hold the app's state outside React and run the scenario on screen: every change of it (an edit, undo, a presenter
 * step, another plan) asks the worker at once, from the event that made it, before React renders it, and the newest
 * request wins (SDEverywhere's model scheduler beside the model, not in effects). Components render what `get`
 * returns and call the store's actions; they do not orchestrate.
 */
export class PlanStore {
  #state: AppState = INITIAL_STATE
  readonly #listeners = new Set<() => void>()
  readonly #runListeners = new Set<(view: RunView) => void>()
  readonly #runner: LatestRunner<Scenario, Result<RunView>>
  readonly #requestedAt = new WeakMap<object, number>()
  #asked: Scenario | undefined
  #answered: (() => void)[] = []
  #steps: { of?: Scenario; steps: number[] } = { steps: [] }

  /** Make the store of the app that talks to `client`'s worker. */
  constructor(readonly client: SimulatorClient) {
    this.#runner = new LatestRunner<Scenario, Result<RunView>>(
      (s) => client.api.run(s),
      (out, input, stale) => this.#deliver(out, input, stale),
      (e) => {
        console.error(e)
        this.set({ busy: false })
        this.#settle()
      },
    )
  }

  /** Return the current state (a new object after every change, so React sees each one). */
  get = (): AppState => this.#state

  /** Call `listener` after every change; returns the unsubscribe function (`useSyncExternalStore`'s contract). */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Call `listener` with each run result delivered (not stale); returns the unsubscribe function. */
  onRun(listener: (view: RunView) => void): () => void {
    this.#runListeners.add(listener)
    return () => this.#runListeners.delete(listener)
  }

  /** Resolve once the worker has answered the next run (result or failure): the start-up waits for the first. */
  answered(): Promise<void> {
    return new Promise((resolve) => this.#answered.push(resolve))
  }

  /** Change some fields; a change of the scenario on screen or of the presenter step asks for a run. */
  set(patch: Partial<AppState>): void {
    this.#state = { ...this.#state, ...patch }
    if ('history' in patch || 'presenter' in patch) this.#sync()
    this.#emit()
  }

  /** The scenario on screen, as edited. */
  get scenario(): Scenario | undefined {
    return this.#state.history?.present
  }

  /** Return the presenter's steps for the scenario on screen (the enabled measures, in order). */
  steps(): number[] {
    const s = this.scenario
    if (s && this.#steps.of !== s) this.#steps = { of: s, steps: presenterSteps(s) }
    return s ? this.#steps.steps : []
  }

  /** Return the scenario that runs: the one on screen, with the presenter's step applied while presenting. */
  effective(): Scenario | undefined {
    const s = this.scenario
    const p = this.#state.presenter
    return s && p ? presenterScenario(s, this.steps(), p.step) : s
  }

  /** Put a plan on screen with a fresh history (its first run is asked at once). */
  open(seed: SeedLoad, scenario: Scenario, userKey?: string): void {
    const p = this.#state.presenter
    this.set({ seed, userKey, history: initHistory(scenario), ...(p ? { presenter: { step: 0 } } : {}) })
  }

  /** Record an edit of the scenario on screen as one undoable step (a drag of one control within a second merges). */
  edit = (change: (s: Scenario) => Scenario, key: string): void => {
    const h = this.#state.history
    if (h) this.set({ history: edit(h, change(h.present), key, performance.now()) })
  }

  /** Edit one measure of the scenario on screen. */
  editMeasure = (index: number, change: (m: MeasureInstance) => MeasureInstance, key: string): void => {
    this.edit((s) => ({ ...s, measures: s.measures.map((m, i) => (i === index ? change(m) : m)) }), key)
  }

  /** Step back one edit. */
  undo = (): void => {
    const h = this.#state.history
    if (h) this.set({ history: undo(h) })
  }

  /** Step forward one undone edit. */
  redo = (): void => {
    const h = this.#state.history
    if (h) this.set({ history: redo(h) })
  }

  /** Enter, step or leave the presenter mode. */
  present = (presenter: { step: number } | undefined): void => this.set({ presenter })

  /** Run the scenario on screen again (its inventory changed under it). */
  rerun(): void {
    const s = this.effective()
    if (!s) return
    this.#ask(s)
    this.#emit()
  }

  #emit(): void {
    for (const l of this.#listeners) l()
  }

  #settle(): void {
    for (const resolve of this.#answered.splice(0)) resolve()
  }

  // Ask for the effective scenario when it is not the one last asked for.
  #sync(): void {
    const s = this.effective()
    if (s && s !== this.#asked) this.#ask(s)
  }

  #ask(s: Scenario): void {
    this.#asked = s
    this.#requestedAt.set(s, perfMark('lantian:request'))
    // Posted now, in the caller's task: a slider step's run starts in the worker before React renders the edit.
    this.#runner.request(s)
    if (!this.#state.busy) this.#state = { ...this.#state, busy: true }
  }

  #deliver(out: Result<RunView>, input: Scenario, stale: boolean): void {
    perfMark('lantian:result')
    const patch: Partial<AppState> = {}
    if (out.ok) {
      // How long the worker itself took (the rest of request → result is messaging and waiting).
      perfMeasure('lantian:worker', performance.now() - out.value.stats.ms)
      patch.view = out.value
      const shown = out.warnings.filter((w) => w.severity === 'warning' || w.code.startsWith('measure.'))
      // The same issues again keep their array, so that memoised panels reading them are not re-rendered.
      if (!sameIssues(this.#state.runIssues, shown)) patch.runIssues = shown
      const t0 = this.#requestedAt.get(input)
      if (t0 !== undefined) patch.latency = performance.now() - t0
    } else if (!stale && !sameIssues(this.#state.runIssues, out.issues)) patch.runIssues = out.issues
    if (!stale) patch.busy = false
    this.set(patch)
    if (out.ok && !stale) for (const l of this.#runListeners) l(out.value)
    this.#settle()
  }
}
