import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Issue, Pollutant, Scenario } from '../core'
import type { LibraryInfo, Outcome, RunView, SeedInfo, SeedLoad } from '../worker/simulator-api'
import { trajectorySpec, sectorSpec, waterfallSpec } from './charts/chart-specs'
import { PlotlyChart } from './charts/plotly-chart'
import { IssueList } from './components/issue-list'
import { KpiCards } from './components/kpi-cards'
import { MeasurePanel } from './components/measure-panel'
import { MeasuresTable } from './components/measures-table'
import { PresenterBar } from './components/presenter-bar'
import { presenterScenario, presenterSteps } from './presenter'
import { buildXlsx, download, downloadCsv, downloadScenario, fileStem } from './exports'
import { edit, initHistory, redo, undo, type History } from './history'
import { pick, t, type Lang } from './i18n'
import { perfMark } from './perf-marks'
import { loadState, savePointer, saveState } from './persist'
import { sharedFromHash, shareUrl } from './share-url'
import { createSimulatorClient, LatestRunner, type SimulatorClient } from './simulator-client'

const DEFAULT_SEED = 'xiping'

// Memoised so that a slider step re-renders only the parts whose props changed (not on the busy flag, say).
const MeasurePanelMemo = memo(MeasurePanel)
const KpiCardsMemo = memo(KpiCards)
const MeasuresTableMemo = memo(MeasuresTable)
const NO_ISSUES: Issue[] = []

type MeasureSpec = Scenario['measures'][number]

/** The Lantian app: plan picker, measure panel, KPI cards, charts, exports, presenter mode. */
export function App() {
  const [lang, setLang] = useState<Lang>('zh')
  const [client, setClient] = useState<{ c: SimulatorClient }>()
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
  const scenario = history?.present

  // Create the worker in an effect (not useMemo) so StrictMode's double mount does not hang it (TOOLCHAIN.md).
  useEffect(() => {
    const c = createSimulatorClient((reason) => {
      console.warn('simulator worker restarted:', reason)
      setWorkerNotice(Date.now())
    })
    setClient({ c })
    return () => c.dispose()
  }, [])

  const requestedAt = useRef(new WeakMap<object, number>())
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
          setView(out.value)
          setRunIssues(out.warnings.filter((w) => w.severity === 'warning' || w.code.startsWith('measure.')))
          if (t0 !== undefined) setLatency(performance.now() - t0)
        } else if (!stale) setRunIssues(out.issues)
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
      const lib = await api.loadLibrary()
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
      const wanted = shared?.seed ?? saved.current?.seed ?? DEFAULT_SEED
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
      const restored = shared?.scenario ?? saved.scenarios.get(id)
      setHistory(initHistory(restored ?? r.value.scenario))
      // The link has been applied; from now on the autosave is the state, so a reload keeps later edits.
      if (shared) window.history.replaceState(null, '', location.pathname + location.search)
      if (!list) {
        await answered
        if (cancelled) return
        await listSeeds()
        if (cancelled) return
      }
      setReady(true)
    })()
    return () => {
      cancelled = true
    }
  }, [client])

  const steps = useMemo(() => (scenario ? presenterSteps(scenario) : []), [scenario])
  const effective = useMemo(() => (scenario && presenter ? presenterScenario(scenario, steps, presenter.step) : scenario), [scenario, presenter, steps])

  useEffect(() => {
    if (!effective || !runner) return
    requestedAt.current.set(effective, perfMark('lantian:request'))
    setBusy(true)
    runner.request(effective)
  }, [effective, runner, inventoryRev])

  // Autosave every change of the scenario (and the language) to IndexedDB.
  useEffect(() => {
    if (!ready || !seed || !scenario) return
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
  }, [ready, seed, scenario, lang])

  const onEdit = useCallback((index: number, change: (m: MeasureSpec) => MeasureSpec, key: string) => {
    setHistory((h) => (h ? edit(h, { ...h.present, measures: h.present.measures.map((m, i) => (i === index ? change(m) : m)) }, key, performance.now()) : h))
  }, [])

  const choosePlan = useCallback(
    async (id: string) => {
      if (!client) return
      const r = await client.c.api.loadSeed(id)
      if (!r.ok) {
        setLoadIssues(r.issues)
        return
      }
      setLoadIssues([])
      setInventoryIssues([])
      setRunIssues([])
      setSeed(r.value)
      // Each plan comes back as the user left it (its autosaved scenario), else as published.
      setHistory(initHistory(savedScenarios.current.get(id) ?? r.value.scenario))
      setPresenter((p) => (p ? { step: 0 } : p))
    },
    [client],
  )

  const importInventory = useCallback(
    async (file: File) => {
      if (!client) return
      const bytes = new Uint8Array(await file.arrayBuffer())
      const r = await client.c.api.loadInventory(bytes, file.name, scenario)
      if (!r.ok) setInventoryIssues(r.issues)
      else {
        setInventoryIssues(r.warnings)
        setInventoryRev((n) => n + 1)
      }
    },
    [client, scenario],
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
    const url = shareUrl(location.href, { seed: seed.id, scenario })
    setShareLink(url)
    try {
      await navigator.clipboard.writeText(url)
    } catch {
      // Clipboard access may be refused (insecure origin, headless); the link is shown to copy by hand.
    }
  }, [scenario, seed])

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
  const charts = useMemo(() => {
    if (!view) return undefined
    return {
      trajectory: trajectorySpec(view, pollutant, lang, large),
      waterfall: waterfallSpec(view, pollutant, lang, large),
      sectors: sectorSpec(view, pollutant, lang, library?.sectors ?? {}, large),
    }
  }, [view, pollutant, lang, large, library])

  const globalIssues = [...loadIssues, ...runIssues.filter((i) => i.path?.[0] !== 'measures' || i.path.length < 2)]
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
          <select value={seed?.id ?? ''} onChange={(e) => void choosePlan(e.currentTarget.value)} data-testid="plan-picker">
            {seeds.map((s) => (
              <option key={s.id} value={s.id}>
                {pick(lang, s.title)}
              </option>
            ))}
          </select>
        </label>
        {illustrative ? (
          <span className="illustrative" title={t(lang, 'illustrativeHint')} data-testid="illustrative">
            {t(lang, 'illustrative')} · {lang === 'zh' ? 'illustrative' : '示意清单'}
          </span>
        ) : null}
        <div className="spacer" />
        {busy ? <span className="busy">{t(lang, 'computing')}</span> : null}
        <button type="button" className="present-btn" onClick={() => setPresenter((p) => (p ? undefined : { step: 0 }))} data-testid="present">
          {large ? t(lang, 'exitPresent') : t(lang, 'present')}
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
          <label className="file-btn">
            {t(lang, 'importInventory')}
            <input
              type="file"
              accept=".csv,.txt,.json,.yaml,.yml"
              data-testid="import-inventory"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0]
                if (f) void importInventory(f)
                e.currentTarget.value = ''
              }}
            />
          </label>
          <span className="sep" />
          <button type="button" onClick={() => setHistory((h) => (h ? undo(h) : h))} disabled={!history?.past.length} data-testid="undo" title="Ctrl+Z">
            ↶ {t(lang, 'undo')}
          </button>
          <button type="button" onClick={() => setHistory((h) => (h ? redo(h) : h))} disabled={!history?.future.length} data-testid="redo" title="Ctrl+Y">
            ↷ {t(lang, 'redo')}
          </button>
          <button
            type="button"
            onClick={() => seed && setHistory((h) => (h ? edit(h, seed.scenario, 'reset', performance.now()) : h))}
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

      <main className="layout">
        {!large && scenario ? (
          <aside className="left">
            <h2>
              {pick(lang, scenario.title)}
              {scenario.plan?.document ? <span className="muted small"> · {scenario.plan.document}</span> : null}
            </h2>
            <MeasurePanelMemo scenario={scenario} library={library} view={view} issues={measureIssues} lang={lang} onEdit={onEdit} />
          </aside>
        ) : null}
        <section className="right">
          {globalIssues.length > 0 ? (
            <div className="global-issues">
              {hasErrors && view ? <div className="muted small">{t(lang, 'lastGood')}</div> : null}
              <IssueList issues={globalIssues} lang={lang} testId="run-issues" />
            </div>
          ) : null}
          {view ? <KpiCardsMemo view={view} lang={lang} large={large} /> : <div className="loading">{t(lang, 'loading')}</div>}
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
            {!large && view ? <MeasuresTableMemo view={view} lang={lang} /> : null}
          </div>
        </section>
      </main>
      <footer className="footer muted small">
        {t(lang, 'footer')} · v{__APP_VERSION__} · {t(lang, 'provenance')}: library {view?.libraryVersion ?? library?.version ?? '—'} · scenario{' '}
        {view?.scenarioHash ?? '—'}
      </footer>
    </div>
  )
}
