import { POLLUTANTS } from '../../core'
import type { CostsView, RunView } from '../../protocol'
import { formatPct, pick, t, type Lang } from '../i18n'
import { formatNumber } from '../number-format'
import { formatMass, unitLabel, type MassUnit } from '../units'

/**
 * Show the 重点工程减排量 table: each measure's credited reduction in the focus year and its share, and, when the
 * costs of this run are known, its annualised cost and CNY per tonne of each pollutant (cost ÷ Shapley credit).
 */
export function MeasuresTable({ view, lang, costs, unit = 't' }: { view: RunView; lang: Lang; costs?: CostsView; unit?: MassUnit }) {
  const formatT = (v: number, _lang: Lang) => formatMass(v, unit, lang)
  const yi = view.years.indexOf(view.focusYear)
  const cost = costs && costs.year === view.focusYear ? new Map(costs.measures.map((m) => [m.id, m])) : undefined
  const cny = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : formatNumber(Math.round(v), lang, 0))
  // Annualised costs in 万元 for Chinese readers, in CNY for English ones (the column header names the unit).
  const money = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : lang === 'zh' ? formatNumber(v / 1e4, 'zh', 1) : cny(v))
  const totals = Object.fromEntries(POLLUTANTS.map((p) => [p, (view.counterfactual[p][yi] ?? 0) - (view.scenario[p][yi] ?? 0)]))
  return (
    <table className="measures-table wide" data-testid="measures-table">
      <caption>
        {t(lang, 'measuresTable')} · {view.focusYear}
      </caption>
      <thead>
        <tr>
          <th>{t(lang, 'measures')}</th>
          <th>{t(lang, 'clause')}</th>
          {POLLUTANTS.map((p) => (
            <th key={p} colSpan={2}>
              {p} ({unitLabel(unit, lang, false)} · {t(lang, 'share_pct')})
            </th>
          ))}
          {cost ? (
            <>
              <th className="num">
                {t(lang, 'annualCost')} ({t(lang, 'annualCostUnit')})
              </th>
              {POLLUTANTS.map((p) => (
                <th key={p} className="num">
                  {t(lang, 'costPerT')} {p}
                </th>
              ))}
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {view.measures.map((m) => (
          <tr key={m.id} className={m.enabled ? '' : 'off'}>
            <td>{pick(lang, m.label)}</td>
            <td className="clause">{m.clause}</td>
            {POLLUTANTS.map((p) => {
              const c = m.credited[p][yi] ?? 0
              const tot = totals[p] ?? 0
              return [
                <td key={`${p}t`} className="num">
                  {formatT(c, lang)}
                </td>,
                <td key={`${p}s`} className="num muted">
                  {tot !== 0 ? formatPct((100 * c) / tot, lang) : '—'}
                </td>,
              ]
            })}
            {cost
              ? [
                  <td key="cost" className="num" data-testid={`cost-${m.id}`} data-v={cost.get(m.id)?.annualCost}>
                    {money(cost.get(m.id)?.annualCost)}
                  </td>,
                  ...POLLUTANTS.map((p) => (
                    <td key={`cpt${p}`} className="num" data-testid={`cpt-${m.id}-${p}`} data-v={cost.get(m.id)?.costPerTonne[p]}>
                      {cny(cost.get(m.id)?.costPerTonne[p])}
                    </td>
                  )),
                ]
              : null}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>{t(lang, 'total')}</td>
          {POLLUTANTS.map((p) => [
            <td key={`${p}t`} className="num">
              {formatT(totals[p] ?? 0, lang)}
            </td>,
            <td key={`${p}s`} className="num muted">
              100 %
            </td>,
          ])}
          {cost ? (
            <>
              <td className="num">{money(costs?.totalCost)}</td>
              <td colSpan={POLLUTANTS.length} />
            </>
          ) : null}
        </tr>
      </tfoot>
    </table>
  )
}
