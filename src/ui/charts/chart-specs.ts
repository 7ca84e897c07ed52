import type { Data, Layout } from 'plotly.js-dist-min'
import type { Pollutant } from '../../core'
import type { RunView } from '../../protocol'
import { pick, t, type Lang } from '../i18n'
import { formatMass, plotFormat, seriesIn, toUnit, unitLabel, type MassUnit } from '../units'
import { formatNumber } from '../number-format'
import { stableMax, stableRange } from './stable-range'
import { own } from '../../core/own'

/** A chart ready for Plotly: traces and layout, nothing else. */
export interface ChartSpec {
  data: Data[]
  layout: Partial<Layout>
}

const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif'
const COLORS = { scenario: '#1565c0', counterfactual: '#8d99ae', target: '#c62828', met: '#2e7d32', reduce: '#43a047', total: '#1565c0' }
const SECTOR_COLORS = ['#1565c0', '#ef6c00', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457', '#5d4037', '#9e9d24', '#455a64']

function baseLayout(title: string, large: boolean, yTitle: string): Partial<Layout> {
  return {
    title: { text: title, font: { size: large ? 24 : 15 }, x: 0.01, xanchor: 'left' },
    font: { family: FONT, size: large ? 17 : 12 },
    margin: { l: large ? 80 : 64, r: 16, t: large ? 56 : 40, b: 48 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    legend: { orientation: 'h', y: -0.15 },
    yaxis: { title: { text: yTitle }, rangemode: 'tozero', gridcolor: '#e3e7ee', zeroline: false },
    xaxis: { gridcolor: '#eef1f5', dtick: 1 },
    hoverlabel: { font: { family: FONT } },
  }
}

/** Build the trajectory chart: counterfactual and scenario totals, with the targets as markers. */
export function trajectorySpec(v: RunView, p: Pollutant, lang: Lang, large = false, mass: MassUnit = 't'): ChartSpec {
  const unit = `${p}, ${unitLabel(mass, lang)}`
  const hovertemplate = `%{x}: %{y:${plotFormat(mass)}} ${unitLabel(mass, lang)}<extra>%{fullData.name}</extra>`
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: t(lang, 'counterfactual'),
      x: v.years,
      y: seriesIn(v.counterfactual[p], mass),
      hovertemplate,
      line: { color: COLORS.counterfactual, dash: 'dash', width: large ? 4 : 2 },
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: t(lang, 'scenario'),
      x: v.years,
      y: seriesIn(v.scenario[p], mass),
      hovertemplate,
      line: { color: COLORS.scenario, width: large ? 5 : 3 },
      fill: 'tonexty',
      fillcolor: 'rgba(67,160,71,0.12)',
    },
  ]
  const targets = v.targets.filter((x) => x.pollutant === p && x.kind !== 'engineering_t')
  if (targets.length > 0)
    data.push({
      type: 'scatter',
      mode: 'markers+text',
      name: t(lang, 'target'),
      textposition: 'bottom center',
      textfont: { color: targets.map((x) => (x.met ? COLORS.met : COLORS.target)), size: large ? 16 : 11 },
      x: targets.map((x) => x.year),
      y: targets.map((x) => toUnit(x.required, mass)),
      text: targets.map((x) => `${t(lang, 'target')} ≤ ${formatMass(x.required, mass, lang)}`),
      hovertext: targets.map((x) => `${x.id}: ≤ ${formatMass(x.required, mass, lang)} ${unitLabel(mass, lang)} (${x.source})`),
      hoverinfo: 'text',
      marker: {
        symbol: 'line-ew-open',
        size: large ? 40 : 28,
        line: { width: large ? 5 : 3 },
        color: targets.map((x) => (x.met ? COLORS.met : COLORS.target)),
      },
    })
  const layout = baseLayout(`${t(lang, 'trajectory')} · ${p}`, large, unit)
  const top = Math.max(...v.counterfactual[p], ...v.scenario[p], ...targets.map((x) => x.required))
  layout.yaxis = { ...layout.yaxis, tickformat: plotFormat(mass), range: [0, toUnit(stableMax(top), mass)] }
  return { data, layout }
}

/** The most measures the waterfall shows one by one; the rest are summed into one bar. */
export const WATERFALL_MAX = 12

/**
 * Build the waterfall: counterfactual in the focus year, each measure's credited reduction (largest first,
 * the smallest summed as "others"), then the scenario. Horizontal, so long Chinese measure names stay readable.
 * Trace 0 holds the bars (`customdata` = their keys: `__cf`, measure ids, `__rest`, `__sc`), trace 1 the connectors,
 * trace 2 the values.
 */
export function waterfallSpec(v: RunView, p: Pollutant, lang: Lang, large = false, mass: MassUnit = 't'): ChartSpec {
  const yi = v.years.indexOf(v.focusYear)
  const credit = (m: RunView['measures'][number]) => m.credited[p][yi] ?? 0
  const ms = v.measures.filter((m) => Math.abs(credit(m)) > 1e-9).sort((a, b) => credit(b) - credit(a))
  const shown = ms.length > WATERFALL_MAX + 1 ? ms.slice(0, WATERFALL_MAX) : ms
  const rest = ms.slice(shown.length)
  const cf = v.counterfactual[p][yi] ?? 0
  const sc = v.scenario[p][yi] ?? 0
  const max = (lang === 'zh' ? 14 : 26) + (large ? 6 : 0)
  const short = (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
  // Categories are unique keys; the visible names go in ticktext (truncated names may repeat).
  const bars = [
    { key: '__cf', name: t(lang, 'counterfactual'), value: cf, kind: 'absolute', hover: '' },
    ...shown.map((m) => ({ key: m.id, name: short(pick(lang, m.label)), value: -credit(m), kind: 'relative', hover: `${pick(lang, m.label)} (${m.clause})` })),
    ...(rest.length > 0
      ? [
          {
            key: '__rest',
            name: `${t(lang, 'others')} (${rest.length})`,
            value: -rest.reduce((a, m) => a + credit(m), 0),
            kind: 'relative',
            hover: rest.map((m) => pick(lang, m.label)).join('<br>'),
          },
        ]
      : []),
    { key: '__sc', name: t(lang, 'scenario'), value: sc, kind: 'total', hover: '' },
  ]
  const fmt = (n: number) => formatNumber(n, lang, 0, Math.abs(n) >= 100 ? 0 : 1)
  // Each bar floats from `base` by its value: totals from zero, a measure from the running total before it.
  let run = 0
  const spans = bars.map((b) => {
    const base = b.kind === 'relative' ? run : 0
    run = base + b.value
    return { base, end: run }
  })
  // Start the value axis near the smallest running total, so that small reductions stay visible.
  const lo = Math.min(...spans.map((x) => x.end))
  const hi = Math.max(...spans.map((x) => x.end))
  const pad = Math.max((hi - lo) * 0.35, hi * 0.02, 1e-6)
  const [from, to] = stableRange(Math.max(0, lo - pad), hi + pad * 0.5)
  const color = (b: (typeof bars)[number]) => (b.kind !== 'relative' ? COLORS.total : b.value > 0 ? COLORS.target : COLORS.reduce)
  // Floating bars on a numeric axis (bar k at y = k) rather than Plotly's waterfall trace: bars and lines take
  // Plotly's light trace-only update during a slider drag, a waterfall trace only a full redraw.
  const data: Data[] = [
    {
      type: 'bar',
      orientation: 'h',
      y: bars.map((_, k) => k),
      x: bars.map((b) => toUnit(b.value, mass)),
      base: spans.map((x) => toUnit(x.base, mass)),
      customdata: bars.map((b) => b.key),
      hovertext: bars.map((b) => b.hover || b.name),
      hoverinfo: 'text+x',
      marker: { color: bars.map(color) },
    } as Data,
    {
      // The connectors: from the end of each bar to the next bar, at the running total.
      type: 'scatter',
      mode: 'lines',
      x: spans.slice(0, -1).flatMap((x) => [toUnit(x.end, mass), toUnit(x.end, mass), null]),
      y: spans.slice(0, -1).flatMap((_, k) => [k + 0.4, k + 0.6, null]),
      line: { color: '#b0bec5', width: 1 },
      hoverinfo: 'skip',
    } as Data,
    {
      // The values, next to each bar's far end: text points need no measuring, unlike bar labels placed outside.
      type: 'scatter',
      mode: 'text',
      x: spans.map((x) => toUnit(x.end, mass)),
      y: bars.map((_, k) => k),
      text: bars.map((b) => ` ${mass === 't' ? fmt(b.value) : formatMass(b.value, mass, lang)} `),
      textposition: bars.map((b) => (b.kind === 'relative' && b.value < 0 ? 'middle left' : 'middle right')),
      textfont: { size: large ? 15 : 11, color: '#37474f' },
      cliponaxis: false,
      hoverinfo: 'skip',
    } as Data,
  ]
  const layout = baseLayout(`${t(lang, 'waterfall')} · ${p} · ${v.focusYear}`, large, '')
  layout.showlegend = false
  layout.margin = { l: 8, r: 48, t: large ? 56 : 40, b: 36 }
  layout.yaxis = {
    autorange: 'reversed',
    tickmode: 'array',
    tickvals: bars.map((_, k) => k),
    ticktext: bars.map((b) => b.name),
    automargin: true,
    showgrid: false,
    zeroline: false,
  }
  layout.xaxis = {
    title: { text: `${p}, ${unitLabel(mass, lang)}` },
    range: [toUnit(from, mass), toUnit(to, mass)],
    gridcolor: '#eef1f5',
    tickformat: plotFormat(mass),
  }
  return { data, layout }
}

/** Build the stacked bars of scenario emissions by top-level sector and year. */
export function sectorSpec(
  v: RunView,
  p: Pollutant,
  lang: Lang,
  sectorLabels: Record<string, { zh: string; en: string }>,
  large = false,
  mass: MassUnit = 't',
): ChartSpec {
  const top = new Map<string, number[]>()
  for (const s of v.sectors) {
    const id = s.id.split('.')[0] ?? s.id
    const acc = top.get(id) ?? new Array<number>(v.years.length).fill(0)
    s.scenario[p].forEach((x, i) => (acc[i] = (acc[i] ?? 0) + x))
    top.set(id, acc)
  }
  const totals = v.years.map((_, i) => [...top.values()].reduce((a, ys) => a + Math.max(0, ys[i] ?? 0), 0))
  const data: Data[] = [...top.entries()]
    .filter(([, ys]) => ys.some((y) => y > 1e-9))
    .sort((a, b) => (b[1][0] ?? 0) - (a[1][0] ?? 0))
    .map(([id, ys], i) => ({
      type: 'bar',
      name: pick(lang, own(sectorLabels, id)) || id,
      x: v.years,
      y: seriesIn(ys, mass),
      marker: { color: SECTOR_COLORS[i % SECTOR_COLORS.length] },
    }))
  const layout = baseLayout(`${t(lang, 'bySector')} · ${p}`, large, `${p}, ${unitLabel(mass, lang)}`)
  layout.yaxis = { ...layout.yaxis, tickformat: plotFormat(mass), range: [0, toUnit(stableMax(Math.max(...totals)), mass)] }
  layout.barmode = 'stack'
  return { data, layout }
}
