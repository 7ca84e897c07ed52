import { POLLUTANTS, type Pollutant } from '../../core'
import type { MonteCarloView, RunView } from '../../protocol'
import { formatPct, t, type Lang } from '../i18n'
import { formatMass, unitLabel, type MassUnit } from '../units'

/**
 * Show one card per pollutant: the focus-year emission against each of its targets (met, or the gap), and the
 * probability of meeting each target once a Monte Carlo run exists (marked stale when it was for another scenario).
 */
export function KpiCards({ view, lang, large, mc, unit = 't' }: { view: RunView; lang: Lang; large?: boolean; mc?: MonteCarloView; unit?: MassUnit }) {
  const formatT = (v: number, _lang: Lang) => formatMass(v, unit, lang)
  const yi = view.years.indexOf(view.focusYear)
  const stale = mc !== undefined && mc.scenarioHash !== view.scenarioHash
  return (
    <section className={large ? 'kpis large' : 'kpis'} aria-label="KPI">
      {POLLUTANTS.map((p: Pollutant) => {
        const sc = view.scenario[p][yi] ?? NaN
        const cf = view.counterfactual[p][yi] ?? NaN
        const targets = view.targets.filter((x) => x.pollutant === p)
        const allMet = targets.length > 0 && targets.every((x) => x.met)
        return (
          <article key={p} className={`kpi ${targets.length === 0 ? '' : allMet ? 'met' : 'missed'}`} data-testid={`kpi-${p}`} data-value={sc}>
            <header>
              <span className="kpi-pollutant">{p}</span>
              <span className="kpi-year">
                {view.focusYear}
                {t(lang, 'inYear')}
              </span>
            </header>
            <div className="kpi-value">
              <strong data-testid={`kpi-${p}-value`}>{formatT(sc, lang)}</strong>{' '}
              <span className="unit" data-testid={`kpi-${p}-unit`}>
                {unitLabel(unit, lang)}
              </span>
            </div>
            <div className="kpi-sub">
              {t(lang, 'creditedReduction')} {formatT(cf - sc, lang)} {unitLabel(unit, lang, false)} · {t(lang, 'counterfactual')} {formatT(cf, lang)}
            </div>
            {targets.length === 0 ? <div className="kpi-target muted">{t(lang, 'noTarget')}</div> : null}
            {targets.map((x) => (
              <div key={x.id} className={`kpi-target ${x.met ? 'met' : 'missed'}`} data-testid={`target-${x.id}`} data-met={x.met} data-gap={x.gapT}>
                <span className="badge">{x.met ? `✓ ${t(lang, 'met')}` : `✗ ${t(lang, 'notMet')}`}</span>{' '}
                {x.kind === 'reduction_pct' ? (
                  <span>
                    {t(lang, 'required')} −{formatPct(x.requiredPct ?? 0, lang)} ({x.year}) · {t(lang, 'achieved')} {formatPct(x.achievedPct ?? 0, lang)}
                  </span>
                ) : (
                  <span>
                    {x.kind === 'cap_t' ? '≤' : '≥'} {formatT(x.required, lang)} {unitLabel(unit, lang, false)} ({x.year})
                  </span>
                )}
                <div className="kpi-gap">
                  {x.met ? t(lang, 'margin') : t(lang, 'gap')} {formatT(Math.abs(x.gapT), lang)} {unitLabel(unit, lang, false)}
                  {x.gapPp !== undefined ? ` · ${Math.abs(x.gapPp).toFixed(1)} ${t(lang, 'pp')}` : ''}
                </div>
                {mc?.targets
                  .filter((m) => m.id === x.id)
                  .map((m) => (
                    <div
                      key={m.id}
                      className={stale ? 'kpi-prob stale' : 'kpi-prob'}
                      data-testid={`prob-${x.id}`}
                      data-prob={m.probability}
                      data-stale={stale}
                      title={`${mc.draws} ${t(lang, 'mcDrawsUnit')}, ${t(lang, 'mcSeed')} ${mc.seed}`}
                    >
                      {t(lang, 'probMet')} <strong>{formatPct(m.probability * 100, lang)}</strong>
                      <span className="muted small">
                        {' '}
                        · {mc.draws.toLocaleString()} {t(lang, 'mcDrawsUnit')}
                        {stale ? ` ${t(lang, 'probStale')}` : ''}
                      </span>
                    </div>
                  ))}
              </div>
            ))}
          </article>
        )
      })}
    </section>
  )
}
