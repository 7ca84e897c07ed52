import { useMemo, useState } from 'react'
import { PERCENTILES, POLLUTANTS, type Pollutant, type Scenario } from '../../core'
import type { MonteCarloView, OptimizeView } from '../../protocol'
import { fanSpec, macSpec, tornadoSpec } from '../charts/analysis-specs'
import { PlotlyChart } from '../charts/plotly-chart'
import { formatPct, pick, t, type Lang } from '../i18n'
import { formatMass, unitLabel, type MassUnit } from '../units'
import { autoWorkers, type AnalysisState, type Running } from './analysis-state'
import { IssueList } from './issue-list'

const cnyFmt = (v: number, lang: Lang) => Math.round(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')

/** Format an annualised cost: 万元 in Chinese, CNY in English. */
export function formatCny(v: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '—'
  return lang === 'zh' ? `${(v / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} 万元` : `CNY ${cnyFmt(v, lang)}`
}

function Progress({ r, unit, testId }: { r: Running; unit: string; testId: string }) {
  return (
    <span className="analysis-progress" data-testid={testId} data-done={r.done} data-total={r.total}>
      <progress value={r.done} max={Math.max(1, r.total)} aria-label={unit} />
      <span className="muted small">
        {r.done.toLocaleString()} / {r.total.toLocaleString()} {unit}
      </span>
    </span>
  )
}

function McSummary({ mc, lang, stale, unit }: { mc: MonteCarloView; lang: Lang; stale: boolean; unit: MassUnit }) {
  const years = mc.targets.map((x) => x.year)
  const year = years.length > 0 ? Math.max(...years) : (mc.years[mc.years.length - 1] ?? 0)
  const yi = mc.years.indexOf(year)
  return (
    <div
      className={stale ? 'mc-summary stale' : 'mc-summary'}
      data-testid="mc-summary"
      data-stale={stale}
      data-draws={mc.draws}
      data-seed={mc.seed}
      data-workers={mc.workers}
    >
      {stale ? <div className="notice">{t(lang, 'mcStale')}</div> : null}
      <div className="muted small">
        {mc.draws.toLocaleString()} {t(lang, 'mcDrawsUnit')} · {t(lang, 'mcSeed')} {mc.seed} · {mc.inputs} {t(lang, 'mcInputs')} · {mc.workers}{' '}
        {t(lang, 'mcWorkersUnit')} · {t(lang, 'mcTime')} {(mc.ms / 1000).toFixed(2)} s
      </div>
      <table className="analysis-table">
        <thead>
          <tr>
            <th>{year}</th>
            <th>{t(lang, 'mcDeterministic')}</th>
            {PERCENTILES.map((q) => (
              <th key={q} className="num">
                P{q}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {POLLUTANTS.map((p) => (
            <tr key={p} data-testid={`mc-row-${p}`}>
              <td>
                {p}, {unitLabel(unit, lang)}
              </td>
              <td className="num" data-v={mc.deterministic[p][yi]}>
                {formatMass(mc.deterministic[p][yi] ?? NaN, unit, lang)}
              </td>
              {PERCENTILES.map((q) => (
                <td key={q} className="num" data-testid={`mc-${p}-p${q}`} data-v={mc.percentiles[`p${q}`][p][yi]}>
                  {formatMass(mc.percentiles[`p${q}`][p][yi] ?? NaN, unit, lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="mc-probs">
        {mc.targets.map((x) => (
          <li key={x.id} data-testid={`mc-prob-${x.id}`} data-prob={x.probability}>
            {t(lang, 'mcSummary')} <strong>{x.id}</strong> ({x.pollutant} {x.year}): <strong>{formatPct(x.probability * 100, lang)}</strong>
          </li>
        ))}
        {mc.targets.length > 1 ? (
          <li data-testid="mc-prob-all" data-prob={mc.allTargets}>
            {t(lang, 'mcAll')}: <strong>{formatPct(mc.allTargets * 100, lang)}</strong>
          </li>
        ) : null}
      </ul>
    </div>
  )
}

function Proposal({
  opt,
  lang,
  stale,
  unit,
  onAccept,
  onReject,
}: {
  opt: OptimizeView
  lang: Lang
  stale: boolean
  unit: MassUnit
  onAccept: () => void
  onReject: () => void
}) {
  const formatT = (v: number, l: Lang) => formatMass(v, unit, l)
  const tUnit = unitLabel(unit, lang, false)
  const optimal = opt.status === 'optimal'
  const shown = opt.measures.filter((m) => m.free || m.reason === 'no-cost')
  return (
    <div className={`proposal ${opt.status}`} data-testid="opt-result" data-status={opt.status} data-ms={opt.ms.toFixed(0)}>
      {stale ? <div className="notice">{t(lang, 'optStale')}</div> : null}
      {!optimal ? (
        <div className="issue" data-testid="opt-infeasible">
          <strong>{opt.status === 'infeasible' ? t(lang, 'optInfeasible') : t(lang, 'optNotConverged')}</strong>
          <ul>
            {opt.limits.map((l) => (
              <li key={l.id} data-testid={`opt-limit-${l.id}`} data-achievable={l.achievable} data-best={l.best}>
                {l.id} ({l.pollutant} {l.year}): {l.achievable ? `✓ ${t(lang, 'met')}` : `✗ ${t(lang, 'optCannot')}`} — {t(lang, 'optBest')}{' '}
                {formatT(l.best, lang)} {tUnit}, {t(lang, 'required')} {l.kind === 'engineering_t' ? '≥' : '≤'} {formatT(l.required, lang)} {tUnit}
                {l.achievable ? '' : `, ${t(lang, 'optShort')} ${formatT(l.gapT, lang)} ${tUnit}`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="muted small">
        {t(lang, 'optProposal')} · {opt.costYear} · {opt.solves} {t(lang, 'optSolves')} · {(opt.ms / 1000).toFixed(2)} s
      </div>
      <table className="analysis-table">
        <thead>
          <tr>
            <th>{t(lang, 'measures')}</th>
            <th className="num">{t(lang, 'optLevelNow')}</th>
            <th className="num">{t(lang, 'optLevelNew')}</th>
            <th className="num">{t(lang, 'optCostNow')}</th>
            <th className="num">{t(lang, 'optCostNew')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => {
            const changed = Math.abs(m.level - m.current) > 5e-4
            return (
              <tr key={m.id} className={changed ? 'changed' : ''} data-testid={`opt-${m.id}`} data-level={m.level} data-current={m.current}>
                <td>
                  {pick(lang, m.label)}
                  {!m.free ? <span className="muted small"> · {t(lang, 'optFixed')}</span> : null}
                </td>
                <td className="num">{formatPct(m.current * 100, lang)}</td>
                <td className="num">{changed ? <strong>{formatPct(m.level * 100, lang)}</strong> : <span className="muted">{t(lang, 'optNoChange')}</span>}</td>
                <td className="num">{formatCny(m.currentCost, lang)}</td>
                <td className="num">{formatCny(m.cost, lang)}</td>
              </tr>
            )
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>{t(lang, 'total')}</td>
            <td className="num">{formatCny(opt.currentCost, lang)}</td>
            <td className="num" data-testid="opt-total" data-v={opt.totalCost}>
              {formatCny(opt.totalCost, lang)}
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="muted small">{t(lang, 'optTargetsAt')}</div>
      <ul className="mc-probs">
        {opt.targets.map((x) => (
          <li key={x.id} className={x.met ? 'met' : 'missed'}>
            {x.met ? `✓ ${t(lang, 'met')}` : `✗ ${t(lang, 'notMet')}`} {x.id} ({x.pollutant} {x.year}): {formatT(x.projected, lang)} {tUnit} /{' '}
            {t(lang, 'required')} {formatT(x.required, lang)} {tUnit}
          </li>
        ))}
      </ul>
      <div className="analysis-actions">
        {optimal && !stale ? (
          <button type="button" className="primary" onClick={onAccept} data-testid="opt-accept">
            ✓ {t(lang, 'optAccept')}
          </button>
        ) : null}
        <button type="button" onClick={onReject} data-testid="opt-reject">
          {t(lang, 'optReject')}
        </button>
      </div>
    </div>
  )
}

/**
 * Show the uncertainty and optimisation panel: Monte Carlo controls with progress and cancel, the fan chart, the
 * percentiles and P(target met), the tornado, the MAC curve, and the optimiser's proposal to accept or reject.
 */
export function AnalysisPanel({
  a,
  lang,
  pollutant,
  onAccept,
  unit = 't',
}: {
  a: AnalysisState
  lang: Lang
  pollutant: Pollutant
  onAccept: (s: Scenario) => void
  /** The emission unit chosen in the toolbar; costs stay in CNY per tonne. */
  unit?: MassUnit
}) {
  const [draws, setDraws] = useState('1000')
  const [seed, setSeed] = useState('42')
  const [workers, setWorkers] = useState('auto')
  const [bad, setBad] = useState(false)
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined
  const mcStale = a.mc !== undefined && a.mc.scenarioHash !== a.currentHash
  const optStale = a.opt !== undefined && a.opt.scenarioHash !== a.currentHash
  const tornado = a.tornado?.find((x) => x.pollutant === pollutant)
  const charts = useMemo(
    () => ({
      fan: a.mc ? fanSpec(a.mc, pollutant, lang, unit) : undefined,
      tornado: tornado && tornado.bars.length > 0 ? tornadoSpec(tornado, lang, 10, unit) : undefined,
      mac: a.costs && a.costs.mac[pollutant].length > 0 ? macSpec(a.costs, pollutant, lang, unit) : undefined,
    }),
    [a.mc, a.costs, tornado, pollutant, lang, unit],
  )

  const run = () => {
    const n = Number(draws)
    const s = Number(seed)
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000 || !Number.isInteger(s)) return setBad(true)
    setBad(false)
    a.runMonteCarlo(n, s, workers === 'auto' ? autoWorkers(cores) : Number(workers))
  }

  return (
    <section className="analysis wide" data-testid="analysis" aria-label={t(lang, 'analysisTitle')}>
      <h3>{t(lang, 'analysisTitle')}</h3>
      <p className="muted small">{t(lang, 'analysisHint')}</p>
      <div className="analysis-controls">
        <label>
          {t(lang, 'mcDraws')}
          <input type="number" min={1} max={1000000} step={1} value={draws} onChange={(e) => setDraws(e.currentTarget.value)} data-testid="mc-draws" />
        </label>
        <label>
          {t(lang, 'mcSeed')}
          <input type="number" step={1} value={seed} onChange={(e) => setSeed(e.currentTarget.value)} data-testid="mc-seed" />
        </label>
        <label>
          {t(lang, 'mcWorkers')}
          <select value={workers} onChange={(e) => setWorkers(e.currentTarget.value)} data-testid="mc-workers">
            <option value="auto">
              {t(lang, 'mcAuto')} ({autoWorkers(cores)})
            </option>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={run} disabled={a.mcRunning !== undefined || !a.currentHash} data-testid="mc-run">
          ▶ {t(lang, 'mcRun')}
        </button>
        {a.mcRunning ? (
          <>
            <button type="button" onClick={a.cancelMonteCarlo} data-testid="mc-cancel">
              ■ {t(lang, 'cancel')}
            </button>
            <Progress r={a.mcRunning} unit={t(lang, 'mcDrawsUnit')} testId="mc-progress" />
          </>
        ) : null}
        {a.mcCancelled && !a.mcRunning ? (
          <span className="muted small" data-testid="mc-cancelled">
            {t(lang, 'mcCancelled')}
          </span>
        ) : null}
      </div>
      {bad ? <div className="issue">{t(lang, 'mcBadNumber')}</div> : null}
      <IssueList issues={a.mcIssues} lang={lang} testId="mc-issues" />
      {a.mc ? <McSummary mc={a.mc} lang={lang} stale={mcStale} unit={unit} /> : null}
      <div className="charts">
        {charts.fan ? <PlotlyChart spec={charts.fan} testId="chart-fan" height={340} /> : null}
        {charts.tornado ? <PlotlyChart spec={charts.tornado} testId="chart-tornado" height={340} /> : null}
        {charts.mac ? (
          <PlotlyChart spec={charts.mac} testId="chart-mac" height={320} wide />
        ) : a.costs ? (
          <div className="muted small wide">{t(lang, 'macNone')}</div>
        ) : null}
      </div>
      <div className="analysis-controls">
        <button
          type="button"
          className="primary"
          onClick={a.optimize}
          disabled={a.optRunning !== undefined || !a.currentHash}
          title={t(lang, 'optimiseHint')}
          data-testid="opt-run"
        >
          ⚙ {t(lang, 'optimise')}
        </button>
        {a.optRunning ? (
          <>
            <button type="button" onClick={a.cancelOptimize} data-testid="opt-cancel">
              ■ {t(lang, 'cancel')}
            </button>
            <span className="muted small">{t(lang, 'optRunning')}</span>
            <Progress r={a.optRunning} unit={t(lang, 'optSolves')} testId="opt-progress" />
          </>
        ) : null}
        {a.optCancelled && !a.optRunning ? <span className="muted small">{t(lang, 'optCancelled')}</span> : null}
        <span className="muted small">{t(lang, 'optimiseHint')}</span>
      </div>
      <IssueList issues={a.optIssues} lang={lang} testId="opt-issues" />
      {a.opt ? (
        <Proposal
          unit={unit}
          opt={a.opt}
          lang={lang}
          stale={optStale}
          onAccept={() => {
            if (a.opt) onAccept(a.opt.proposal)
            a.dismissProposal()
          }}
          onReject={a.dismissProposal}
        />
      ) : null}
    </section>
  )
}
