import { POLLUTANTS } from '../../core'
import type { RunView } from '../../worker/simulator-api'
import { formatPct, pick, t, type Lang } from '../i18n'
import { formatMass, unitLabel, type MassUnit } from '../units'

/** Show the 重点工程减排量 table: each measure's credited reduction in the focus year and its share. */
export function MeasuresTable({ view, lang, unit = 't' }: { view: RunView; lang: Lang; unit?: MassUnit }) {
  const formatT = (v: number, _lang: Lang) => formatMass(v, unit, lang)
  const yi = view.years.indexOf(view.focusYear)
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
        </tr>
      </tfoot>
    </table>
  )
}
