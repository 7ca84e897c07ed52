import { memo, useCallback, useEffect, useMemo, useState } from 'react'
import type { Issue, MeasureInstance, Pollutant } from '../core'
import { sectorSpec, trajectorySpec, waterfallSpec } from './charts/chart-specs'
import { PlotlyChart } from './charts/plotly-chart'
import { AnalysisPanel } from './components/analysis-panel'
import { useAnalysis } from './components/analysis-state'
import { CompareView } from './components/compare-view'
import { GrowthEditor } from './components/growth-editor'
import { IssueList } from './components/issue-list'
import { useInventoryState } from './components/inventory-state'
import { InventoryView } from './components/inventory-view'
import { KpiCards } from './components/kpi-cards'
import { MeasureAdd } from './components/measure-add'
import { MeasureExtra } from './components/measure-add-controls'
import { MeasurePanel } from './components/measure-panel'
import { MeasuresTable } from './components/measures-table'
import { Notices } from './components/notices'
import { PresenterBar } from './components/presenter-bar'
import { TargetsEditor } from './components/targets-editor'
import { Toolbar } from './components/toolbar'
import { nextLang, TopBar } from './components/top-bar'
import { pick, t } from './i18n'
import { useCompareCandidates } from './state/compare-candidates'
import { usePlanActions } from './state/plan-actions'
import { useShortcuts } from './state/shortcuts'
import { useStartUp } from './state/start-up'
import { useAppState, useAppStores, useUsers } from './state/use-app-store'
import { otherUnit } from './units'
import { userPlanValue } from './scenario-library-ops'

/** How long a run goes before the top bar says it is computing (a slider step, tens of ms, would make it flash). */
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

/** Return whether a run has been busy longer than `SLOW_RUN_MS`. */
function useSlow(busy: boolean): boolean {
  const [slow, setSlow] = useState(false)
  useEffect(() => {
    if (!busy) return setSlow(false)
    const timer = setTimeout(() => setSlow(true), SLOW_RUN_MS)
    return () => clearTimeout(timer)
  }, [busy])
  return slow
}

/** The Lantian app: the plan store's state rendered as top bar, toolbar, notices, editors, KPI cards and charts. */
export function App() {
  const { store, library: libraryLoad, users } = useAppStores()
  const state = useAppState(store)
  const userSnap = useUsers(users)
  const inventory = useInventoryState()
  const actions = usePlanActions(store, users, inventory)
  useStartUp(store, libraryLoad, inventory)
  useShortcuts(store)
  const slow = useSlow(state.busy)
  const [pollutant, setPollutant] = useState<Pollutant>('NOx')
  const [comparing, setComparing] = useState(false)
  const { lang, library, seed, userKey, view, runIssues, presenter, history, latency } = state
  const scenario = history?.present
  const large = presenter !== undefined
  const unit = userSnap.unit
  const currentUser = userKey ? userSnap.entries.find((u) => u.key === userKey) : undefined
  const basePlan = currentUser?.original ?? seed?.scenario
  const analysis = useAnalysis(store?.client, scenario, presenter ? undefined : view)
  const candidates = useCompareCandidates(state, userSnap)

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
    document.title = lang === 'zh' ? '蓝天 Lantian · 减排情景模拟' : 'Lantian 蓝天 · emission-reduction scenarios'
  }, [lang])

  const editMeasure = store?.editMeasure
  const editScenario = store?.edit
  // A stable renderer keeps the memoised measure panel from re-rendering on every slider step.
  const measureExtra = useCallback(
    (m: MeasureInstance, index: number) =>
      editMeasure && editScenario ? (
        <MeasureExtra
          m={m}
          index={index}
          added={!basePlan?.measures.some((x) => x.id === m.id)}
          lang={lang}
          onEdit={editMeasure}
          onRemove={(i) => editScenario((s) => ({ ...s, measures: s.measures.filter((_, k) => k !== i) }), `remove:${Date.now()}`)}
        />
      ) : null,
    [basePlan, lang, editMeasure, editScenario],
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
  const globalIssues = [...state.loadIssues, ...runIssues.filter((i) => (i.path?.[0] !== 'measures' || i.path.length < 2) && !editorIssue(i))]
  const measureIssues = useMemo(() => {
    const xs = runIssues.filter((i) => i.path?.[0] === 'measures' && i.path.length >= 2)
    return xs.length > 0 ? xs : NO_ISSUES
  }, [runIssues])
  const hasErrors = runIssues.some((i) => i.severity !== 'warning')

  if (!store || !actions || !editMeasure || !editScenario)
    return (
      <div className="app" data-busy="false" data-ready="false">
        <div className="loading">{t(lang, 'loading')}</div>
      </div>
    )

  return (
    <div
      className={large ? 'app presenting' : 'app'}
      data-busy={state.busy}
      data-ready={state.ready && view !== undefined}
      data-latency={latency?.toFixed(1)}
      data-run-ms={view?.stats.ms.toFixed(1)}
    >
      <TopBar
        state={state}
        users={userSnap}
        slow={slow}
        onPlan={(v) => void actions.choosePlan(v)}
        onPresent={() => store.present(presenter ? undefined : { step: 0 })}
        onUnit={() => users.setUnit(otherUnit(unit))}
        onLang={() => store.set({ lang: nextLang(lang) })}
      />
      {!large ? (
        <Toolbar
          state={state}
          store={store}
          actions={actions}
          users={users}
          current={currentUser}
          comparing={comparing}
          onCompare={() => setComparing((c) => !c)}
        />
      ) : null}
      <Notices state={state} store={store} users={users} userSnap={userSnap} inventory={inventory} />
      {large && scenario ? (
        <PresenterBar
          scenario={scenario}
          steps={store.steps()}
          step={presenter.step}
          lang={lang}
          onStep={(step) => store.present({ step })}
          onExit={() => store.present(undefined)}
        />
      ) : null}
      {state.seeds.length === 0 && state.ready ? <div className="empty">{t(lang, 'noSeeds')}</div> : null}
      {comparing && !large && seed ? (
        <CompareView
          candidates={candidates}
          initial={{
            a: `seed:${seed.id}`,
            b: userKey ? userPlanValue(userKey) : candidates.some((c) => c.value === `edited:${seed.id}`) ? `edited:${seed.id}` : `seed:${seed.id}`,
          }}
          lang={lang}
          unit={unit}
          compare={store.client.api.compare}
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
              onAdd={(m) => editScenario((s) => ({ ...s, measures: [...s.measures, m] }), `add:${m.id}`)}
            />
            <TargetsEditor scenario={scenario} view={view} issues={runIssues} lang={lang} onChange={editScenario} />
            <GrowthEditorMemo scenario={scenario} library={library} issues={runIssues} lang={lang} onChange={editScenario} />
            <MeasurePanelMemo
              scenario={scenario}
              library={library}
              view={view}
              issues={measureIssues}
              lang={lang}
              onEdit={editMeasure}
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
              <AnalysisPanel a={analysis} lang={lang} pollutant={pollutant} unit={unit} onAccept={(s) => editScenario(() => s, `optimize:${Date.now()}`)} />
            ) : null}
          </div>
          {!large ? (
            <InventoryView
              api={store.client.api}
              lang={lang}
              rev={inventory.rev}
              info={view?.inventory ?? seed?.inventory}
              upload={inventory.upload}
              report={inventory.report}
              runIssues={runIssues}
              sectorLabels={library?.sectors}
              onImport={(f) => void actions.importInventory(f)}
              onBackToPlan={() => void actions.backToPlan()}
              onTemplate={() => void actions.inventoryTemplate()}
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
