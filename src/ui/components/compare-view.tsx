import { useEffect, useMemo, useState } from 'react'
import { POLLUTANTS, type Issue } from '../../core'
import type { CompareSide, CompareView as CompareResult, Result } from '../../protocol'
import { compareTrajectorySpec } from '../charts/compare-specs'
import { PlotlyChart } from '../charts/plotly-chart'
import { pick, t, type Lang } from '../i18n'
import { formatMass, formatMassDiff, unitLabel, type MassUnit } from '../units'
import { IssueList } from './issue-list'

/** A scenario the compare view can put on side A or B. */
export interface CompareCandidate {
  value: string
  label: string
  side: CompareSide
}

/** Props of the compare view. */
export interface CompareViewProps {
  candidates: readonly CompareCandidate[]
  initial: { a: string; b: string }
  lang: Lang
  unit: MassUnit
  /** The worker's compare method (runs both without replacing the current run). */
  compare: (a: CompareSide, b: CompareSide) => Promise<Result<CompareResult>>
}

/** Compare two scenarios side by side: focus-year KPIs with B − A, both trajectories per pollutant, per-measure credit. */
export function CompareView({ candidates, initial, lang, unit, compare }: CompareViewProps) {
  const [a, setA] = useState(initial.a)
  const [b, setB] = useState(initial.b)
  const [result, setResult] = useState<CompareResult>()
  const [issues, setIssues] = useState<Issue[]>([])
  const [busy, setBusy] = useState(false)
  const ca = candidates.find((c) => c.value === a)
  const cb = candidates.find((c) => c.value === b)

  // Keyed by content: the candidates are rebuilt on every render of the app, their scenarios rarely change.
  const sides = JSON.stringify([ca?.side, cb?.side])
  useEffect(() => {
    if (!ca || !cb) return
    let cancelled = false
    setBusy(true)
    void compare(ca.side, cb.side).then((r) => {
      if (cancelled) return
      setBusy(false)
      if (r.ok) {
        setResult(r.value)
        setIssues([])
      } else setIssues(r.issues)
    })
    return () => {
      cancelled = true
    }
  }, [sides, compare])

  // The pickers name A and B in full; the table and the legends say A and B and keep the full name as a tooltip.
  const names = { a: t(lang, 'scenarioA'), b: t(lang, 'scenarioB') }
  const charts = useMemo(
    () => (result ? Object.fromEntries(POLLUTANTS.map((p) => [p, compareTrajectorySpec(result, p, lang, unit, names)])) : undefined),
    [result, lang, unit],
  )
  const u = unitLabel(unit, lang)
  const picker = (which: 'A' | 'B', value: string, set: (v: string) => void) => (
    <label className="compare-pick">
      <span>{t(lang, which === 'A' ? 'scenarioA' : 'scenarioB')}</span>
      <select value={value} onChange={(e) => set(e.currentTarget.value)} data-testid={`compare-${which.toLowerCase()}`}>
        {candidates.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <section className="compare-view" data-testid="compare-view" data-busy={busy} data-ready={result !== undefined && !busy}>
      <div className="compare-head">
        {picker('A', a, setA)}
        {picker('B', b, setB)}
      </div>
      <IssueList issues={issues} lang={lang} testId="compare-issues" />
      {result ? (
        <>
          <div className={result.sameInventory ? 'muted small' : 'notice'} data-testid="compare-inventory">
            {result.sameInventory ? t(lang, 'sameInventory') : t(lang, 'differentInventory')} ({result.a.inventory.file}
            {result.sameInventory ? '' : ` · ${result.b.inventory.file}`}) · {result.focusYear} · {t(lang, 'compareFocusNote')}
          </div>
          <table className="compare-kpis" data-testid="compare-kpis">
            <thead>
              <tr>
                <th>
                  {result.focusYear} ({u})
                </th>
                <th title={ca?.label}>{names.a}</th>
                <th title={cb?.label}>{names.b}</th>
                <th>{t(lang, 'difference')}</th>
              </tr>
            </thead>
            <tbody>
              {result.kpis.map((k) => (
                <tr key={k.pollutant} data-testid={`compare-kpi-${k.pollutant}`} data-a={k.a} data-b={k.b} data-diff={k.diff}>
                  <th>{k.pollutant}</th>
                  <td className="num">{formatMass(k.a, unit, lang)}</td>
                  <td className="num">{formatMass(k.b, unit, lang)}</td>
                  <td className={`num ${k.diff < 0 ? 'better' : k.diff > 0 ? 'worse' : ''}`}>{formatMassDiff(k.diff, unit, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="charts">
            {POLLUTANTS.map((p) => (
              <PlotlyChart key={p} spec={charts?.[p]} testId={`compare-chart-${p}`} height={320} />
            ))}
          </div>
          <table className="measures-table wide compare-measures" data-testid="compare-measures">
            <caption>
              {t(lang, 'compareMeasures')} · {result.focusYear} ({unitLabel(unit, lang, false)})
            </caption>
            <thead>
              <tr>
                <th rowSpan={2}>{t(lang, 'measures')}</th>
                <th rowSpan={2}>{t(lang, 'clause')}</th>
                {POLLUTANTS.map((p) => (
                  <th key={p} colSpan={3}>
                    {p}
                  </th>
                ))}
              </tr>
              <tr>{POLLUTANTS.map((p) => [<th key={`${p}a`}>A</th>, <th key={`${p}b`}>B</th>, <th key={`${p}d`}>B − A</th>])}</tr>
            </thead>
            <tbody>
              {result.measures.map((m) => {
                const only = !m.a ? 'b' : !m.b ? 'a' : undefined
                return (
                  <tr key={m.id} data-testid={`compare-row-${m.id}`} data-only={only ?? ''} className={only ? 'only' : ''}>
                    <td>
                      {pick(lang, m.label)}
                      {only ? <span className="only-badge"> {t(lang, only === 'a' ? 'onlyInA' : 'onlyInB')}</span> : null}
                    </td>
                    <td className="clause">{m.clause}</td>
                    {POLLUTANTS.map((p) => [
                      <td key={`${p}a`} className="num">
                        {m.a ? formatMass(m.a[p], unit, lang) : '—'}
                      </td>,
                      <td key={`${p}b`} className="num">
                        {m.b ? formatMass(m.b[p], unit, lang) : '—'}
                      </td>,
                      <td key={`${p}d`} className="num muted">
                        {formatMassDiff(m.diff[p], unit, lang)}
                      </td>,
                    ])}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  )
}
