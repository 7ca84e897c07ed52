import type { Data, Layout } from 'plotly.js-dist-min'
import type { Pollutant } from '../../core'
import type { CostsView, MonteCarloView, TornadoView } from '../../protocol'
import { pick, t, type Lang } from '../i18n'
import { formatMass, plotFormat, seriesIn, toUnit, unitLabel, type MassUnit } from '../units'
import type { ChartSpec } from './chart-specs'

// Only `scatter` and `bar` traces here, so that a partial Plotly bundle can draw every analysis chart.
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif'
const BLUE = '#1565c0'
const RED = '#c62828'
const GREEN = '#2e7d32'
const MAC_COLORS = ['#1565c0', '#ef6c00', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457', '#5d4037', '#9e9d24', '#455a64']

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US')
const num = (v: number, lang: Lang, digits = 0) => v.toLocaleString(locale(lang), { maximumFractionDigits: digits })

function layout(title: string, xTitle: string, yTitle: string): Partial<Layout> {
  return {
    title: { text: title, font: { size: 15 }, x: 0.01, xanchor: 'left' },
    font: { family: FONT, size: 12 },
    margin: { l: 70, r: 16, t: 40, b: 70 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    legend: { orientation: 'h', y: -0.22 },
    xaxis: { title: { text: xTitle }, gridcolor: '#eef1f5' },
    yaxis: { title: { text: yTitle }, gridcolor: '#e3e7ee', zeroline: false },
    hoverlabel: { font: { family: FONT } },
  }
}

/**
 * Build the uncertainty fan chart of one pollutant: P5–P95 and P25–P75 bands, the median, the deterministic run,
 * and each target as a line at its required level with P(target met) at its year.
 */
export function fanSpec(mc: MonteCarloView, p: Pollutant, lang: Lang, mass: MassUnit = 't'): ChartSpec {
  const x = mc.years
  const band = (lo: number[], hi: number[], name: string, color: string): Data[] => [
    { type: 'scatter', mode: 'lines', x, y: seriesIn(lo, mass), line: { width: 0 }, hoverinfo: 'skip', showlegend: false, name: `${name} lo` },
    { type: 'scatter', mode: 'lines', x, y: seriesIn(hi, mass), line: { width: 0 }, fill: 'tonexty', fillcolor: color, name, hoverinfo: 'skip' },
  ]
  const q = mc.percentiles
  const data: Data[] = [
    ...band(q.p5[p], q.p95[p], 'P5–P95', 'rgba(21,101,192,0.15)'),
    ...band(q.p25[p], q.p75[p], 'P25–P75', 'rgba(21,101,192,0.32)'),
    { type: 'scatter', mode: 'lines', x, y: seriesIn(q.p50[p], mass), name: t(lang, 'mcMedian'), line: { color: BLUE, width: 3 } },
    {
      type: 'scatter',
      mode: 'lines+markers',
      x,
      y: seriesIn(mc.deterministic[p], mass),
      name: t(lang, 'mcDeterministic'),
      line: { color: '#37474f', width: 2, dash: 'dash' },
    },
  ]
  for (const tg of mc.targets.filter((x) => x.pollutant === p && x.kind !== 'engineering_t')) {
    const color = tg.probability >= 0.5 ? GREEN : RED
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: [x[0] ?? tg.year, x[x.length - 1] ?? tg.year],
      y: [toUnit(tg.required, mass), toUnit(tg.required, mass)],
      name: `${t(lang, 'target')} ${tg.year} ≤ ${formatMass(tg.required, mass, lang)}`,
      line: { color: RED, width: 1.5, dash: 'dot' },
      hoverinfo: 'name',
    })
    data.push({
      type: 'scatter',
      mode: 'text+markers',
      x: [tg.year],
      y: [toUnit(tg.required, mass)],
      text: [`${t(lang, 'probMet')} ${num(tg.probability * 100, lang, 1)} %`],
      textposition: 'top center',
      textfont: { color, size: 12 },
      marker: { symbol: 'line-ew-open', size: 26, line: { width: 3 }, color: RED },
      showlegend: false,
      hoverinfo: 'text',
    })
  }
  const l = layout(`${t(lang, 'fanChart')} · ${p} · ${num(mc.draws, lang)} ${t(lang, 'mcDrawsUnit')}`, '', `${p}, ${unitLabel(mass, lang)}`)
  l.xaxis = { gridcolor: '#eef1f5', dtick: 1 }
  l.yaxis = { ...l.yaxis, rangemode: 'tozero', tickformat: plotFormat(mass) }
  l.margin = { l: 70, r: 16, t: 40, b: 48 }
  l.legend = { orientation: 'h', y: -0.12 }
  return { data, layout: l }
}

/** Build a tornado: each input's total at its low and high value against the base, largest swing on top. */
export function tornadoSpec(tor: TornadoView, lang: Lang, top = 10, mass: MassUnit = 't'): ChartSpec {
  const bars = tor.bars.slice(0, top)
  const max = lang === 'zh' ? 22 : 38
  const name = (b: TornadoView['bars'][number]) => {
    const s = pick(lang, b.label)
    return s.length > max ? `${s.slice(0, max - 1)}…` : s
  }
  const y = bars.map((b) => b.input)
  const base = bars.map(() => toUnit(tor.base, mass))
  const hover = (which: 'low' | 'high') =>
    bars.map(
      (b) =>
        `${pick(lang, b.label)}<br>${t(lang, which === 'low' ? 'tornadoLow' : 'tornadoHigh')} (${num(which === 'low' ? b.lowValue : b.highValue, lang, 3)}): ${formatMass(which === 'low' ? b.low : b.high, mass, lang)} ${unitLabel(mass, lang, false)}`,
    )
  const data: Data[] = [
    {
      type: 'bar',
      orientation: 'h',
      y,
      x: bars.map((b) => toUnit(b.low - tor.base, mass)),
      base,
      name: t(lang, 'tornadoLow'),
      marker: { color: '#43a047' },
      hovertext: hover('low'),
      hoverinfo: 'text',
    },
    {
      type: 'bar',
      orientation: 'h',
      y,
      x: bars.map((b) => toUnit(b.high - tor.base, mass)),
      base,
      name: t(lang, 'tornadoHigh'),
      marker: { color: '#ef6c00' },
      hovertext: hover('high'),
      hoverinfo: 'text',
    },
  ]
  const l = layout(`${t(lang, 'tornado')} · ${tor.pollutant} ${tor.year}`, `${tor.pollutant} ${tor.year}, ${unitLabel(mass, lang)}`, '')
  l.xaxis = { ...l.xaxis, tickformat: plotFormat(mass) }
  l.barmode = 'overlay'
  l.margin = { l: 8, r: 16, t: 40, b: 80 }
  l.yaxis = { autorange: 'reversed', tickmode: 'array', tickvals: y, ticktext: bars.map(name), automargin: true }
  l.shapes = [
    { type: 'line', xref: 'x', yref: 'paper', x0: toUnit(tor.base, mass), x1: toUnit(tor.base, mass), y0: 0, y1: 1, line: { color: '#37474f', width: 1.5 } },
  ]
  return { data, layout: l }
}

/** Build the marginal-abatement-cost curve of one pollutant: one bar per measure, width = t/yr, height = CNY/t. */
export function macSpec(costs: CostsView, p: Pollutant, lang: Lang, mass: MassUnit = 't'): ChartSpec {
  const steps = costs.mac[p]
  const total = steps[steps.length - 1]?.cumulative ?? 0
  // A measure aimed at the other pollutant has a tiny credit here and a huge CNY/t; scale the axis to the steps
  // that carry 95 % of the tonnes and label the taller ones with their value instead of letting them flatten the rest.
  const body = steps.filter((s) => s.cumulative - s.reduction < 0.95 * total)
  const top = Math.max(1, ...body.map((s) => s.costPerTonne)) * 1.25
  const short = (s: string) => (s.length > 10 ? `${s.slice(0, 9)}…` : s)
  const data: Data[] = [
    {
      type: 'bar',
      x: steps.map((s) => toUnit(s.cumulative - s.reduction / 2, mass)),
      width: steps.map((s) => toUnit(s.reduction, mass)),
      y: steps.map((s) => s.costPerTonne),
      text: steps.map((s) => (s.costPerTonne > top ? `↑ ${num(s.costPerTonne, lang)}` : s.reduction >= 0.08 * total ? short(pick(lang, s.label)) : '')),
      textposition: steps.map((s) => (s.costPerTonne > top ? 'inside' : 'outside')),
      textangle: 0,
      cliponaxis: false,
      textfont: { size: 10 },
      marker: { color: steps.map((_, i) => MAC_COLORS[i % MAC_COLORS.length] as string), line: { color: '#fff', width: 1 } },
      hovertext: steps.map(
        (s) =>
          `${pick(lang, s.label)}<br>${num(s.costPerTonne, lang)} ${t(lang, 'cnyPerT')} · ${formatMass(s.reduction, mass, lang)} ${unitLabel(mass, lang, false)} · ${t(lang, 'annualCost')} ${num(s.annualCost, lang)} ${t(lang, 'cny')}`,
      ),
      hoverinfo: 'text',
      showlegend: false,
    },
  ]
  const l = layout(`${t(lang, 'macCurve')} · ${p} · ${costs.year}`, `${t(lang, 'macCumulative')} ${p}, ${unitLabel(mass, lang)}`, t(lang, 'cnyPerT'))
  l.bargap = 0
  l.xaxis = { ...l.xaxis, rangemode: 'tozero' }
  l.yaxis = { ...l.yaxis, range: [0, top] }
  l.margin = { l: 80, r: 16, t: 40, b: 56 }
  return { data, layout: l }
}
