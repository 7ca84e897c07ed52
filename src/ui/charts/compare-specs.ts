import type { Data } from 'plotly.js-dist-min'
import type { Pollutant } from '../../core'
import type { CompareView } from '../../protocol'
import { t, type Lang } from '../i18n'
import { plotFormat, seriesIn, unitLabel, type MassUnit } from '../units'
import type { ChartSpec } from './chart-specs'

const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif'
const A = '#1565c0'
const B = '#ef6c00'

/** Build one pollutant's chart of both scenarios' trajectories and counterfactuals, in the display unit. */
export function compareTrajectorySpec(cv: CompareView, p: Pollutant, lang: Lang, unit: MassUnit, names: { a: string; b: string }): ChartSpec {
  const u = unitLabel(unit, lang)
  const hover = `%{x}: %{y:${plotFormat(unit)}} ${u}<extra>%{fullData.name}</extra>`
  const line = (name: string, x: number[], y: number[], color: string, dash: 'solid' | 'dash' | 'dot', width: number, opacity = 1): Data => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y: seriesIn(y, unit),
    opacity,
    line: { color, dash, width },
    marker: { size: 5 },
    hovertemplate: hover,
  })
  const data: Data[] = [
    line(`A · ${t(lang, 'counterfactual')}`, cv.a.years, cv.a.counterfactual[p], A, 'dash', 1.5),
    line(`B · ${t(lang, 'counterfactual')}`, cv.b.years, cv.b.counterfactual[p], B, 'dot', 1.5),
    // A wide and translucent under a narrow B, so that both stay visible where the scenarios coincide.
    line(names.a, cv.a.years, cv.a.scenario[p], A, 'solid', 6, 0.45),
    line(names.b, cv.b.years, cv.b.scenario[p], B, 'solid', 2.5),
  ]
  return {
    data,
    layout: {
      title: { text: `${t(lang, 'compareTrajectory')} · ${p}`, font: { size: 15 }, x: 0.01, xanchor: 'left' },
      font: { family: FONT, size: 12 },
      margin: { l: 72, r: 16, t: 40, b: 48 },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      legend: { orientation: 'h', y: -0.18 },
      yaxis: { title: { text: `${p}, ${u}` }, rangemode: 'tozero', gridcolor: '#e3e7ee', zeroline: false, tickformat: plotFormat(unit) },
      xaxis: { gridcolor: '#eef1f5', dtick: 1 },
      hoverlabel: { font: { family: FONT } },
    },
  }
}
