import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Issue, Pollutant, Scenario } from '../core'
import type { LibraryInfo, Outcome, RunView, SeedInfo, SeedLoad } from '../worker/simulator-api'
import { trajectorySpec, sectorSpec, waterfallSpec } from './charts/chart-specs'
import { PlotlyChart } from './charts/plotly-chart'
import { AnalysisPanel } from './components/analysis-panel'
import { useAnalysis } from './components/analysis-state'
import { IssueList } from './components/issue-list'
import { InventoryNoticeBar } from './components/inventory-notice'
import { useInventoryState } from './components/inventory-state'
import { InventoryView } from './components/inventory-view'
import { KpiCards } from './components/kpi-cards'
import { MeasurePanel } from './components/measure-panel'
import { MeasuresTable } from './components/measures-table'
import { PresenterBar } from './components/presenter-bar'
import { CompareView, type CompareCandidate } from './components/compare-view'
import { GrowthEditor } from './components/growth-editor'
import { MeasureAdd } from './components/measure-add'
import { MeasureExtra } from './components/measure-add-controls'
import { ScenarioLibraryBar } from './components/scenario-library-bar'
import { TargetsEditor } from './components/targets-editor'
import { importedUserScenario, saveAsUserScenario, userKeyOf, userPlanValue, type UserScenario } from './scenario-library-ops'
import { otherUnit, unitLabel } from './units'
import { initialUserLibrary, useUserLibrary } from './use-user-library'
import { presenterScenario, presenterSteps } from './presenter'
import { buildXlsx, download, downloadCsv, downloadScenario, fileStem } from './exports'
import { edit, initHistory, redo, undo, type History } from './history'
import { pick, t, type Lang } from './i18n'
import { perfMark, perfMeasure } from './perf-marks'
import { loadState, savePointer, saveState } from './persist'
import { sharedFromHash, shareUrl } from './share-url'
import { createSimulatorClient, LatestRunner, takeEarlySimulator, type SimulatorClient } from './simulator-client'
import { FileButton } from './components/file-button'

const DEFAULT_SEED = 'xiping'
/** How long a run goes before the toolbar says it is computing. */
const SLOW_RUN_MS = 300

// Memoised so that a slider step re-renders only the parts whose props changed (not on the busy flag, say).
const MeasurePanelMemo = memo(MeasurePanel)
const KpiCardsMemo = memo(KpiCards)
const MeasuresTableMemo = memo(MeasuresTable)
const NO_ISSUES: Issue[] = []
// The growth editor reads only the scenario's growth and years: a measure edit does not re-render it.
const GrowthEditorMemo = memo(
  GrowthEditor,
  (a, b) =>
    a.scenario.growth === b.scenario.growth &&
    a.scenario.years === b.scenario.years &&
    a.library === b.library &&
    a.issues === b.issues &&
    a.lang === b.lang &&
    a.onChange === b.onChange,
)

/** Two issue lists with the same issues in the same order (issues are plain data). */
function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i])))
}

type MeasureSpec = Scenario['measures'][number]

/** The Lantian app: plan picker, measure panel, KPI cards, charts, exports, presenter mode. */
export function App() {
  const [lang, setLang] = useState<Lang>('zh')
  const [client, setClient] = useState<{ c: SimulatorClient; library?: Promise<Outcome<LibraryInfo>> }>()
  const [library, setLibrary] = useState<LibraryInfo>()
  const [seeds, setSeeds] = useState<SeedInfo[]>([])
  const [seed, setSeed] = useState<SeedLoad>()
  const [history, setHistory] = useState<History<Scenario>>()
  const [view, setView] = useState<RunView>()
  const [runIssues, setRunIssues] = useState<Issue[]>([])
  const [loadIssues, setLoadIssues] = useState<Issue[]>([])
  const [inventoryIssues, setInventoryIssues] = useState<Issue[]>([])
  const [inventoryRev, setInventoryRev] = useState(0)
  const [busy, setBusy] = useState(false)
  // The "computing" note shows only for a run that takes a while: a slider step (tens of ms) would make it flash.
  const [slow, setSlow] = useState(false)
  useEffect(() => {
    if (!busy) return setSlow(false)
    const timer = setTimeout(() => setSlow(true), SLOW_RUN_MS)
    return () => clearTimeout(timer)
  }, [busy])
  const [latency, setLatency] = useState<number>()
  const [presenter, setPresenter] = useState<{ step: number } | undefined>(() =>
    new URLSearchParams(location.search).get('present') === '1' ? { step: 0 } : undefined,
  )
  const [pollutant, setPollutant] = useState<Pollutant>('NOx')
  const [shareLink, setShareLink] = useState<string>()
  const [ready, setReady] = useState(false)
  const [workerNotice, setWorkerNotice] = useState<number>()
  const [corruptPlans, setCorruptPlans] = useState<string[]>([])
  const [conflictPlan, setConflictPlan] = useState<string>()
  const savedScenarios = useRef(new Map<string, Scenario>())
  const inventory = useInventoryState()
  const scenario = history?.present
  // — user scenarios, compare, units —
  const userLib = useUserLibrary()
  const unit = userLib.unit
  const [userKey, setUserKey] = useState<string>()
  const [scenarioIssues, setScenarioIssues] = useState<Issue[]>([])
  const [comparing, setComparing] = useState(false)
  const currentUser = userKey ? userLib.entries.find((u) => u.key === userKey) : undefined
  const basePlan = currentUser?.original ?? seed?.scenario

  // Take the worker main.tsx started before the first render (its library already asked for), else create one, in an
  // effect (not useMemo) so StrictMode's double mount does not hang it (TOOLCHAIN.md): the second mount starts its own.
  useEffect(() => {
    const onRestart = (reason: string) => {
      console.warn('simulator worker restarted:', reason)
      setWorkerNotice(Date.now())
    }
    const early = takeEarlySimulator(onRestart)
    const c = early?.c ?? createSimulatorClient(onRestart)
    setClient(early ? { c, library: early.library } : { c })
    return () => c.dispose()
  }, [])

  const requestedAt = useRef(new WeakMap<object, number>())
  // The scenario the start-up or a measure edit asked a run for before React rendered it; the request effect
  // skips it once.
  const askedAhead = useRef<Scenario>(undefined)
  // Called with each delivered run; the start-up waits for the first before it lists the plans.
  const firstResult = useRef<() => void>(() => {})
  const runner = useMemo(() => {
    if (!client) return undefined
    return new LatestRunner<Scenario, Outcome<RunView>>(
      (s) => client.c.api.run(s),
      (out, input, stale) => {
        const t0 = requestedAt.current.get(input)
        perfMark('lantian:result')
        if (out.ok) {
          // How long the worker itself took (the rest of request → result is messaging and waiting).
          perfMeasure('lantian:worker', performance.now() - out.value.stats.ms)
          setView(out.value)
          const shown = out.warnings.filter((w) => w.severity === 'warning' || w.code.startsWith('measure.'))
          // The same issues again keep their array, so that memoised panels reading them are not re-rendered.
          setRunIssues((prev) => (sameIssues(prev, shown) ? prev : shown))
          if (t0 !== undefined) setLatency(performance.now() - t0)
        } else if (!stale) setRunIssues((prev) => (sameIssues(prev, out.issues) ? prev : out.issues))
        if (!stale) setBusy(false)
        firstResult.current()
      },
      (e) => {
        console.error(e)
        setBusy(false)
        firstResult.current()
      },
    )
  }, [client])

  const ask = useCallback(
    (s: Scenario) => {
      if (!runner) return
      requestedAt.current.set(s, perfMark('lantian:request'))
      setBusy(true)
      runner.request(s)
    },
    [runner],
  )
  // Ask now, before React has rendered `s`: the request effect then skips it once (see askedAhead).
  const askAhead = useCallback(
    (s: Scenario) => {
      if (!runner) return
      askedAhead.current = s
      ask(s)
    },
    [runner, ask],
  )

  // Start: library, then the shared link, the autosave or the default plan; the plan list once the first result
  // is in (listing parses every seed's scenario, and the worker answers in order, so the first chart would wait).
  useEffect(() => {
    if (!client) return
    let cancelled = false
    const api = client.c.api
    const answered = new Promise<void>((resolve) => (firstResult.current = resolve))
    void (async () => {
      // IndexedDB is read on this thread while the worker loads the library.
      const savedLoad = loadState()
      const lib = await (client.library ?? api.loadLibrary())
      perfMark('lantian:start:library')
      if (cancelled) return
      if (lib.ok) setLibrary(lib.value)
      else setLoadIssues(lib.issues)
      const shared = sharedFromHash(location.hash)
      const saved = await savedLoad
      perfMark('lantian:start:saved')
      if (cancelled) return
      savedScenarios.current = saved.scenarios
      if (saved.corrupt.length > 0) setCorruptPlans(saved.corrupt)
      if (!shared && saved.current?.lang) setLang(saved.current.lang)
      const listSeeds = async () => {
        const list = await api.listSeeds()
        perfMark('lantian:start:seeds')
        if (!cancelled) setSeeds(list)
        return list
      }
      const wantedPlan = shared?.seed ?? saved.current?.seed ?? DEFAULT_SEED
      // The pointer may name one of the user's scenarios (`user:<key>`); it runs on the inventory of its seed.
      const userKey = userKeyOf(wantedPlan)
      const user = userKey ? (await initialUserLibrary()).entries.find((u) => u.key === userKey) : undefined
      if (cancelled) return
      const wanted = user ? user.seed : userKey ? DEFAULT_SEED : wantedPlan
      let id: string | undefined = wanted
      let r = await api.loadSeed(wanted)
      let list: SeedInfo[] | undefined
      if (!r.ok) {
        // Not a bundled plan (any more): fall back as before, to the default plan or the first one.
        list = await listSeeds()
        if (cancelled) return
        const fallback = list.some((s) => s.id === DEFAULT_SEED) ? DEFAULT_SEED : list[0]?.id
        id = list.some((s) => s.id === wanted) ? wanted : fallback
        if (id && id !== wanted) r = await api.loadSeed(id)
      }
      perfMark('lantian:start:plan')
      if (cancelled) return
      if (!id || !r.ok) {
        if (id && !r.ok) setLoadIssues(r.issues)
        setReady(true)
        return
      }
      setSeed(r.value)
      const restored = shared?.scenario ?? (user ? user.scenario : saved.scenarios.get(id))
      setUserKey(user?.key)
      // The uploaded inventory (from the link, else the autosave) is back before the first run, so no wrong number shows.
      // Uploads belong to a seed plan: a user scenario runs on its seed's inventory, uploaded or published.
      const applyInventory = await inventory.restore(api, id, restored ?? r.value.scenario, {
        saved: saved.inventories,
        ...(shared ? { fromLink: true } : {}),
        ...(shared?.inventory ? { shared: shared.inventory } : {}),
      })
      if (cancelled) return
      applyInventory()
      const first = initHistory(restored ?? r.value.scenario)
      setHistory(first)
      // Ask for the first run now, not after React has rendered the plan and run its effects (two frames later):
      // the worker computes while this thread renders. The request effect skips this scenario once.
      if (!presenter) askAhead(first.present)
      // The link has been applied; from now on the autosave is the state, so a reload keeps later edits.
      if (shared) window.history.replaceState(null, '', location.pathname + location.search)
      if (!list) {
        await answered
        // …and once the first chart has drawn: on a busy machine the worker parsing every seed's scenario would
        // take the core the main thread draws with.
        await new Promise<void>((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => r(), { timeout: 1000 }) : setTimeout(r, 0)))
        if (cancelled) return
        await listSeeds()
        if (cancelled) return
      }
      setReady(true)
    })()
    return () => {
      cancelled = true
    }
    // `presenter` is read once, as the page opened (a later toggle is a new request through the effect below).
  }, [client, askAhead])

  const analysis = useAnalysis(client?.c, scenario, presenter ? undefined : view)
  const steps = useMemo(() => (scenario ? presenterSteps(scenario) : []), [scenario])
  const effective = useMemo(() => (scenario && presenter ? presenterScenario(scenario, steps, presenter.step) : scenario), [scenario, presenter, steps])

  useEffect(() => {
    if (!effective) return
    // The start-up or a measure edit has already asked for this very scenario, before React rendered it.
    const asked = askedAhead.current
    askedAhead.current = undefined
    if (asked === effective) return
    ask(effective)
  }, [effective, ask, inventoryRev, inventory.rev])

  // Autosave every change of the scenario (and the language) to IndexedDB.
  useEffect(() => {
    if (!ready || !seed || !scenario) return
    if (userKey) {
      const u = userLib.entries.find((x) => x.key === userKey)
      void savePointer({ seed: userPlanValue(userKey), lang })
      if (!u || u.scenario === scenario) return
      void userLib.put({ ...u, scenario, original: { ...u.original, title: scenario.title } }).then((stored) => {
        if (stored.key !== userKey) setUserKey(stored.key)
      })
      return
    }
    // A plan shown as published or as restored is not a change: writing it would bump its revision and make
    // another tab's later edit look like a conflict.
    const last = savedScenarios.current.get(seed.id)
    if (last === scenario || (last === undefined && scenario === seed.scenario)) {
      void savePointer({ seed: seed.id, lang })
      return
    }
    savedScenarios.current.set(seed.id, scenario)
    void saveState({ seed: seed.id, scenario, lang }).then((r) => {
      if (r === 'conflict') setConflictPlan(seed.id)
    })
  }, [ready, seed, scenario, lang, userKey, userLib.entries, userLib.put])

  // The scenario as last rendered, for onEdit to compute an edit's result before React renders it.
  const shown = useRef<{ scenario?: Scenario; presenting: boolean }>({ presenting: false })
  useLayoutEffect(() => {
    shown.current = { ...(scenario ? { scenario } : {}), presenting: presenter !== undefined }
  }, [scenario, presenter])
  const onEdit = useCallback(
    (index: number, change: (m: MeasureSpec) => MeasureSpec, key: string) => {
      const apply = (s: Scenario): Scenario => ({ ...s, measures: s.measures.map((m, i) => (i === index ? change(m) : m)) })
      const base = shown.current.scenario
      const next = base ? apply(base) : undefined
      // A slider step: the worker starts on the new scenario now, while React renders the edit and the browser
      // paints it, so that its result is back by the time the main thread is free (not a frame later).
      if (next && !shown.current.presenting) askAhead(next)
      setHistory((h) => (h ? edit(h, h.present === base && next ? next : apply(h.present), key, performance.now()) : h))
    },
    [askAhead],
  )

  const onScenarioEdit = useCallback((change: (s: Scenario) => Scenario, key: string) => {
    setHistory((h) => (h ? edit(h, change(h.present), key, performance.now()) : h))
  }, [])

  const choosePlan = useCallback(
    async (value: string, user?: UserScenario) => {
      if (!client) return
      const listed = user ?? userLib.entries.find((u) => u.key === userKeyOf(value))
      const entry = listed ? ((await userLib.adopt(listed.key)) ?? listed) : undefined
      const id = entry ? entry.seed : value
      const r = await client.c.api.loadSeed(id)
      if (!r.ok) {
        setLoadIssues(r.issues)
        return
      }
      setLoadIssues([])
      setInventoryIssues([])
      setRunIssues([])
      setScenarioIssues([])
      // Each plan comes back as the user left it (its autosaved scenario and uploaded inventory), else as published.
      const next = entry?.scenario ?? savedScenarios.current.get(id) ?? r.value.scenario
      const applyInventory = await inventory.restore(client.c.api, id, next)
      applyInventory()
      setSeed(r.value)
      setUserKey(entry?.key)
      setHistory(initHistory(next))
      setPresenter((p) => (p ? { step: 0 } : p))
    },
    [client, userLib, inventory.restore],
  )

  const saveAs = useCallback(
    async (title: { zh: string; en: string }) => {
      if (!scenario || !seed) return
      const u = await userLib.put(saveAsUserScenario(scenario, seed.id, title, userLib.entries, new Date()))
      setUserKey(u.key)
      setHistory(initHistory(u.scenario))
    },
    [scenario, seed, userLib],
  )

  const importScenario = useCallback(
    async (file: File) => {
      if (!client || !seed) return
      const r = await client.c.api.importScenario(new Uint8Array(await file.arrayBuffer()), file.name, seed.id)
      // An invalid file changes nothing: only its issues are shown.
      if (!r.ok) return setScenarioIssues(r.issues)
      const u = await userLib.put(importedUserScenario(r.value.scenario, r.value.seed, r.value.seedBy, userLib.entries, new Date()))
      await choosePlan(userPlanValue(u.key), u)
      setScenarioIssues(r.warnings)
    },
    [client, seed, userLib, choosePlan],
  )

  const candidates = useMemo((): CompareCandidate[] => {
    const list: CompareCandidate[] = []
    for (const s of seeds) {
      list.push({ value: `seed:${s.id}`, label: `${pick(lang, s.title)} · ${t(lang, 'published')}`, side: { seed: s.id } })
      const edited = s.id === seed?.id && !userKey ? scenario : savedScenarios.current.get(s.id)
      if (edited && edited !== (s.id === seed?.id ? seed.scenario : undefined))
        list.push({ value: `edited:${s.id}`, label: `${pick(lang, s.title)} · ${t(lang, 'edited')}`, side: { seed: s.id, scenario: edited } })
    }
    for (const u of userLib.entries)
      list.push({
        value: userPlanValue(u.key),
        label: `${t(lang, 'myScenarios')} · ${pick(lang, u.scenario.title)}`,
        side: { seed: u.seed, scenario: u.key === userKey && scenario ? scenario : u.scenario },
      })
    return list
  }, [seeds, seed, scenario, userKey, userLib.entries, lang])
  const compareFn = useCallback((a: CompareCandidate['side'], b: CompareCandidate['side']) => client!.c.api.compare(a, b), [client])

  const importInventory = useCallback(
    async (file: File) => {
      if (!client || !seed) return
      const bytes = new Uint8Array(await file.arrayBuffer())
      const r = await inventory.importFile(client.c.api, seed.id, file.name, bytes, scenario)
      if (!r.ok) setInventoryIssues(r.issues)
      else {
        setInventoryIssues(r.warnings)
        setInventoryRev((n) => n + 1)
      }
    },
    [client, scenario, seed, inventory.importFile],
  )

  const exportCsv = useCallback(
    async (which: 'emissions' | 'measures') => {
      if (!client || !scenario) return
      const r = await client.c.api.exportTables()
      if (r.ok) downloadCsv(`${fileStem(scenario)}-${which}.csv`, r.value[which].csv)
      else setRunIssues(r.issues)
    },
    [client, scenario],
  )

  const exportXlsx = useCallback(async () => {
    if (!client || !scenario || !view || !seed) return
    const r = await client.c.api.exportTables()
    if (!r.ok) return setRunIssues(r.issues)
    const buf = await buildXlsx(r.value, { seed: seed.id, view, appVersion: __APP_VERSION__, date: new Date() })
    download(`${fileStem(scenario)}.xlsx`, buf, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  }, [client, scenario, view, seed])

  const share = useCallback(async () => {
    if (!scenario || !seed) return
    const inv = inventory.forLink()
    const url = shareUrl(location.href, { seed: seed.id, scenario, ...(inv ? { inventory: inv } : {}) })
    setShareLink(url)
    try {
      await navigator.clipboard.writeText(url)
    } catch {
      // Clipboard access may be refused (insecure origin, headless); the link is shown to copy by hand.
    }
  }, [scenario, seed, inventory.forLink])

  // Keyboard: undo/redo while editing; arrows and space step the presenter.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      const typing = target?.tagName === 'INPUT' && ['text', 'number', 'month'].includes((target as HTMLInputElement).type)
      if ((e.ctrlKey || e.metaKey) && !typing) {
        const k = e.key.toLowerCase()
        if (k === 'z' && !e.shiftKey) setHistory((h) => (h ? undo(h) : h))
        else if (k === 'y' || (k === 'z' && e.shiftKey)) setHistory((h) => (h ? redo(h) : h))
        else return
        e.preventDefault()
        return
      }
      if (!presenter || typing) return
      const n = steps.length
      if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') setPresenter((p) => (p ? { step: Math.min(n, p.step + 1) } : p))
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') setPresenter((p) => (p ? { step: Math.max(0, p.step - 1) } : p))
      else if (e.key === 'Home') setPresenter({ step: 0 })
      else if (e.key === 'End') setPresenter({ step: n })
      else if (e.key === 'Escape') setPresenter(undefined)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [presenter, steps])

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
    document.title = lang === 'zh' ? '蓝天 Lantian · 减排情景模拟' : 'Lantian 蓝天 · emission-reduction scenarios'
  }, [lang])

  const large = presenter !== undefined
  // A stable renderer keeps the memoised measure panel from re-rendering on every slider step.
  const measureExtra = useCallback(
    (m: MeasureSpec, index: number) => (
      <MeasureExtra
        m={m}
        index={index}
        added={!basePlan?.measures.some((x) => x.id === m.id)}
        lang={lang}
        onEdit={onEdit}
        onRemove={(i) => onScenarioEdit((s) => ({ ...s, measures: s.measures.filter((_, k) => k !== i) }), `remove:${Date.now()}`)}
      />
    ),
    [basePlan, lang, onEdit, onScenarioEdit],
  )

  const charts = useMemo(() => {
    if (!view) return undefined
    return {
      trajectory: trajectorySpec(view, pollutant, lang, large, unit),
      waterfall: waterfallSpec(view, pollutant, lang, large, unit),
      sectors: sectorSpec(view, pollutant, lang, library?.sectors ?? {}, large, unit),
    }
  }, [view, pollutant, lang, large, library, unit])

  const editorIssue = (i: Issue) => (i.path?.[0] === 'targets' || i.path?.[0] === 'growth') && i.path.length >= 2
  const globalIssues = [...loadIssues, ...runIssues.filter((i) => (i.path?.[0] !== 'measures' || i.path.length < 2) && !editorIssue(i))]
  const measureIssues = useMemo(() => {
    const xs = runIssues.filter((i) => i.path?.[0] === 'measures' && i.path.length >= 2)
    return xs.length > 0 ? xs : NO_ISSUES
  }, [runIssues])
  const hasErrors = runIssues.some((i) => i.severity !== 'warning')
  const illustrative = (view?.inventory ?? seed?.inventory)?.illustrative
  const inv = view?.inventory ?? seed?.inventory

  const pollutantToggle = (
    <div className="segmented" role="group" aria-label="pollutant">
      {(['NOx', 'VOCs'] as const).map((p) => (
        <button
          key={p}
          type="button"
          className={p === pollutant ? 'on' : ''}
          aria-pressed={p === pollutant}
          onClick={() => setPollutant(p)}
          data-testid={`chart-${p}`}
        >
          {p}
        </button>
      ))}
    </div>
  )

  return (
    <div
      className={large ? 'app presenting' : 'app'}
      data-busy={busy}
      data-ready={ready && view !== undefined}
      data-latency={latency?.toFixed(1)}
      data-run-ms={view?.stats.ms.toFixed(1)}
    >
      <header className="topbar">
        <div className="brand">
          <h1>{t(lang, 'appTitle')}</h1>
          <span className="subtitle">{t(lang, 'subtitle')}</span>
        </div>
        <label className="plan-picker">
          <span>{t(lang, 'plan')}</span>
          <select
            value={userKey ? userPlanValue(userKey) : (seed?.id ?? '')}
            onChange={(e) => void choosePlan(e.currentTarget.value)}
            data-testid="plan-picker"
          >
            <optgroup label={t(lang, 'seedPlans')}>
              {seeds.map((s) => (
                <option key={s.id} value={s.id}>
                  {pick(lang, s.title)}
                </option>
              ))}
            </optgroup>
            {userLib.entries.length > 0 ? (
              <optgroup label={t(lang, 'myScenarios')} data-testid="plan-picker-user">
                {userLib.entries.map((u) => (
                  <option key={u.key} value={userPlanValue(u.key)}>
                    {pick(lang, u.scenario.title)}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        {illustrative ? (
          <span className="illustrative" title={t(lang, 'illustrativeHint')} data-testid="illustrative">
            {t(lang, 'illustrative')} · {lang === 'zh' ? 'illustrative' : '示意清单'}
          </span>
        ) : null}
        <div className="spacer" />
        {slow ? <span className="busy">{t(lang, 'computing')}</span> : null}
        <button type="button" className="present-btn" onClick={() => setPresenter((p) => (p ? undefined : { step: 0 }))} data-testid="present">
          {large ? t(lang, 'exitPresent') : t(lang, 'present')}
        </button>
        <button
          type="button"
          className="unit-toggle"
          onClick={() => userLib.setUnit(otherUnit(unit))}
          title={t(lang, 'unitToggleHint')}
          data-testid="unit"
          data-unit={unit}
        >
          {unitLabel(unit, lang)} ⇄ {unitLabel(otherUnit(unit), lang)}
        </button>
        <button type="button" className="lang" onClick={() => setLang((l) => (l === 'zh' ? 'en' : 'zh'))} title={t(lang, 'languageHint')} data-testid="lang">
          {t(lang, 'language')}
        </button>
      </header>

      {!large ? (
        <div className="toolbar">
          <span className="inventory-info" data-testid="inventory-info" title={inv?.name ?? ''}>
            {t(lang, 'inventory')}: {inv?.name ?? inv?.file ?? '—'} · {inv?.year} · {inv?.records} {t(lang, 'records')}
          </span>
          <FileButton
            label={t(lang, 'importInventory')}
            accept=".csv,.txt,.xlsx,.json,.yaml,.yml"
            testId="import-inventory"
            onFile={(f) => void importInventory(f)}
          />
          <span className="sep" />
          <button type="button" onClick={() => setHistory((h) => (h ? undo(h) : h))} disabled={!history?.past.length} data-testid="undo" title="Ctrl+Z">
            ↶ {t(lang, 'undo')}
          </button>
          <button type="button" onClick={() => setHistory((h) => (h ? redo(h) : h))} disabled={!history?.future.length} data-testid="redo" title="Ctrl+Y">
            ↷ {t(lang, 'redo')}
          </button>
          <button
            type="button"
            onClick={() => basePlan && setHistory((h) => (h ? edit(h, basePlan, 'reset', performance.now()) : h))}
            disabled={!seed}
            data-testid="reset"
          >
            {t(lang, 'reset')}
          </button>
          <span className="sep" />
          <button type="button" onClick={() => void exportCsv('emissions')} disabled={!view} data-testid="export-csv">
            {t(lang, 'exportCsv')}
          </button>
          <button type="button" onClick={() => void exportCsv('measures')} disabled={!view} data-testid="export-csv-measures">
            {t(lang, 'exportCsvMeasures')}
          </button>
          <button type="button" onClick={() => void exportXlsx()} disabled={!view} data-testid="export-xlsx">
            {t(lang, 'exportXlsx')}
          </button>
          <button type="button" onClick={() => scenario && downloadScenario(scenario, 'yaml')} disabled={!scenario} data-testid="export-yaml">
            {t(lang, 'exportYaml')}
          </button>
          <button type="button" onClick={() => scenario && downloadScenario(scenario, 'json')} disabled={!scenario} data-testid="export-json">
            {t(lang, 'exportJson')}
          </button>
          <span className="sep" />
          <button type="button" onClick={() => void share()} disabled={!scenario} data-testid="share">
            🔗 {t(lang, 'share')}
          </button>
          {shareLink ? <input className="share-link" readOnly value={shareLink} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} /> : null}
          <span className="sep" />
          <button type="button" className={comparing ? 'on' : ''} onClick={() => setComparing((c) => !c)} disabled={!view} data-testid="compare">
            {comparing ? t(lang, 'closeCompare') : t(lang, 'compare')}
          </button>
          <ScenarioLibraryBar
            lang={lang}
            title={scenario?.title}
            current={currentUser}
            seedTitle={pick(lang, seeds.find((s) => s.id === seed?.id)?.title)}
            onSaveAs={(title) => void saveAs(title)}
            onImport={(f) => void importScenario(f)}
            onRename={(title) => onScenarioEdit((s) => ({ ...s, title }), `rename:${Date.now()}`)}
            onDelete={() => {
              if (!currentUser) return
              void userLib.remove(currentUser.key).then(() => choosePlan(currentUser.seed))
            }}
          />
        </div>
      ) : null}
      {scenarioIssues.length > 0 ? (
        <div className="notice" role="status" data-testid="scenario-import-notice">
          {scenarioIssues.some((i) => i.severity !== 'warning') ? `${t(lang, 'importFailed')} ` : ''}
          <button type="button" onClick={() => setScenarioIssues([])} aria-label="close">
            ×
          </button>
          <IssueList issues={scenarioIssues} lang={lang} testId="scenario-import-issues" />
        </div>
      ) : null}
      {userLib.corrupt.length > 0 ? (
        <div className="notice" role="status" data-testid="corrupt-user-notice">
          {t(lang, 'corruptUser')} {userLib.corrupt.join(', ')}{' '}
          <button type="button" onClick={userLib.dismissCorrupt} aria-label="close">
            ×
          </button>
        </div>
      ) : null}
      {userLib.conflict ? (
        <div className="notice" role="status" data-testid="conflict-user-notice">
          {t(lang, 'conflictSaved')} {userLib.conflict}{' '}
          <button type="button" onClick={userLib.dismissConflict} aria-label="close">
            ×
          </button>
        </div>
      ) : null}
      <IssueList issues={inventoryIssues} lang={lang} testId="inventory-issues" />
      {corruptPlans.length > 0 ? (
        <div className="notice" role="status" data-testid="corrupt-notice">
          {t(lang, 'corruptSaved')} {corruptPlans.join(', ')}{' '}
          <button type="button" onClick={() => setCorruptPlans([])} aria-label="close">
            ×
          </button>
        </div>
      ) : null}
      {conflictPlan ? (
        <div className="notice" role="status" data-testid="conflict-notice">
          {t(lang, 'conflictSaved')} {conflictPlan}{' '}
          <button type="button" onClick={() => setConflictPlan(undefined)} aria-label="close">
            ×
          </button>
        </div>
      ) : null}
      {workerNotice ? (
        <div className="notice" role="status" data-testid="worker-restarted">
          {t(lang, 'workerRestarted')}{' '}
          <button type="button" onClick={() => setWorkerNotice(undefined)} aria-label="close">
            ×
          </button>
        </div>
      ) : null}

      <InventoryNoticeBar notice={inventory.notice} lang={lang} onClose={inventory.dismiss} />

      {large && scenario ? (
        <PresenterBar
          scenario={scenario}
          steps={steps}
          step={presenter.step}
          lang={lang}
          onStep={(step) => setPresenter({ step })}
          onExit={() => setPresenter(undefined)}
        />
      ) : null}

      {seeds.length === 0 && ready ? <div className="empty">{t(lang, 'noSeeds')}</div> : null}

      {comparing && !large && seed && client ? (
        <CompareView
          candidates={candidates}
          initial={{
            a: `seed:${seed.id}`,
            b: userKey ? userPlanValue(userKey) : candidates.some((c) => c.value === `edited:${seed.id}`) ? `edited:${seed.id}` : `seed:${seed.id}`,
          }}
          lang={lang}
          unit={unit}
          compare={compareFn}
        />
      ) : null}
      <main className="layout" hidden={comparing && !large}>
        {!large && scenario ? (
          <aside className="left">
            <h2>
              {pick(lang, scenario.title)}
              {scenario.plan?.document ? <span className="muted small"> · {scenario.plan.document}</span> : null}
            </h2>
            <MeasureAdd
              library={library}
              scenario={scenario}
              lang={lang}
              onAdd={(m) => onScenarioEdit((s) => ({ ...s, measures: [...s.measures, m] }), `add:${m.id}`)}
            />
            <TargetsEditor scenario={scenario} view={view} issues={runIssues} lang={lang} onChange={onScenarioEdit} />
            <GrowthEditorMemo scenario={scenario} library={library} issues={runIssues} lang={lang} onChange={onScenarioEdit} />
            <MeasurePanelMemo
              scenario={scenario}
              library={library}
              view={view}
              issues={measureIssues}
              lang={lang}
              onEdit={onEdit}
              unit={unit}
              extra={measureExtra}
            />
          </aside>
        ) : null}
        <section className="right">
          {globalIssues.length > 0 ? (
            <div className="global-issues">
              {hasErrors && view ? <div className="muted small">{t(lang, 'lastGood')}</div> : null}
              <IssueList issues={globalIssues} lang={lang} testId="run-issues" />
            </div>
          ) : null}
          {view ? (
            <KpiCardsMemo view={view} lang={lang} large={large} unit={unit} {...(analysis.mc ? { mc: analysis.mc } : {})} />
          ) : (
            <div className="loading">{t(lang, 'loading')}</div>
          )}
          <div className="chart-head">
            {pollutantToggle}
            {latency !== undefined && !large ? (
              <span className="muted small">
                {t(lang, 'latency')} {latency.toFixed(0)} ms · {view?.stats.records} {t(lang, 'records')}
              </span>
            ) : null}
          </div>
          <div className="charts">
            <PlotlyChart spec={charts?.trajectory} testId="chart-trajectory" height={large ? 460 : 340} />
            <PlotlyChart spec={charts?.waterfall} testId="chart-waterfall" height={large ? 460 : 340} />
            {!large ? <PlotlyChart spec={charts?.sectors} testId="chart-sectors" height={320} wide /> : null}
            {!large && view ? <MeasuresTableMemo view={view} lang={lang} unit={unit} {...(analysis.costs ? { costs: analysis.costs } : {})} /> : null}
            {!large ? (
              <AnalysisPanel
                a={analysis}
                lang={lang}
                pollutant={pollutant}
                unit={unit}
                onAccept={(s) => setHistory((h) => (h ? edit(h, s, `optimize:${Date.now()}`, performance.now()) : h))}
              />
            ) : null}
          </div>
          {!large ? (
            <InventoryView
              api={client?.c.api}
              lang={lang}
              rev={inventory.rev + inventoryRev}
              info={inv}
              upload={inventory.upload}
              report={inventory.report}
              runIssues={runIssues}
              sectorLabels={library?.sectors}
              onImport={(f) => void importInventory(f)}
              onBackToPlan={() => {
                if (!client || !seed) return
                setInventoryIssues([])
                void inventory.backToPlan(client.c.api, seed.id)
              }}
              onTemplate={() => {
                if (!client || !seed) return
                void client.c.api.inventoryXlsx().then((r) => {
                  if (r.ok)
                    download(
                      `lantian-${seed.id}-inventory.xlsx`,
                      r.value as Uint8Array<ArrayBuffer>,
                      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                    )
                })
              }}
            />
          ) : null}
        </section>
      </main>
      <footer className="footer muted small">
        {t(lang, 'footer')} · v{__APP_VERSION__} · {t(lang, 'provenance')}: library {view?.libraryVersion ?? library?.version ?? '—'} · scenario{' '}
        {view?.scenarioHash ?? '—'}
      </footer>
    </div>
  )
}
