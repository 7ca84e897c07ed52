import type { ChartSpec } from './chart-specs'

// Plotly's light update: `Plotly.animate` with no transition and no redraw recomputes and redraws the traces it
// is given and leaves axes, legend and title alone, about half the work of `Plotly.react`. It is right only when
// nothing but the data arrays moved, which `shapeOf` decides; `lightFrame` then names the traces to redraw.

/** Trace fields a light update may change; everything else (layout, styles, trace count) must stay. */
const DATA_FIELDS = ['x', 'y', 'base', 'text'] as const
/** Trace types whose light update draws the same as a full one (a waterfall trace has none). */
const LIGHT_TYPES = new Set(['scatter', 'bar'])

type Trace = Record<string, unknown>

/** Everything of a chart a light update cannot change, as text; undefined if a trace type has no light update. */
export function shapeOf(spec: ChartSpec, height: number): string | undefined {
  const traces = spec.data.map((d) => {
    const rest: Trace = { ...(d as Trace) }
    for (const f of DATA_FIELDS) delete rest[f]
    return rest
  })
  if (!traces.every((d) => LIGHT_TYPES.has(String(d.type ?? 'scatter')))) return undefined
  return JSON.stringify([spec.layout, height, traces])
}

/** Each trace's data arrays as text, to tell later which traces moved. */
export function dataOf(spec: ChartSpec): string[] {
  return spec.data.map((d) => JSON.stringify(DATA_FIELDS.map((f) => (d as Trace)[f])))
}

/**
 * The animation frame for a light update from the chart drawn with `drawn` to `spec` (`now`; both from dataOf): the traces
 * whose data moved, a trace filled to the one before it when that one moved, and all bars once one bar moved
 * (Plotly's bar update drops the bars of the traces it is not given; its line update keeps the other lines).
 */
export function lightFrame(spec: ChartSpec, drawn: readonly string[], now: readonly string[] = dataOf(spec)): { data: Trace[]; traces: number[] } {
  const isBar = (i: number) => (spec.data[i] as Trace).type === 'bar'
  const barMoved = spec.data.some((_, i) => isBar(i) && now[i] !== drawn[i])
  const traces: number[] = []
  spec.data.forEach((d, i) => {
    const fillsToMoved = traces.at(-1) === i - 1 && /^tonext/.test(String((d as Trace).fill ?? ''))
    if (now[i] !== drawn[i] || fillsToMoved || (barMoved && isBar(i))) traces.push(i)
  })
  const data = traces.map((i) => {
    const o: Trace = {}
    for (const f of DATA_FIELDS) if ((spec.data[i] as Trace)[f] !== undefined) o[f] = (spec.data[i] as Trace)[f]
    return o
  })
  return { data, traces }
}

/** No transition and no full redraw (the options of a light update). */
export const LIGHT_OPTIONS = { mode: 'immediate', transition: { duration: 0 }, frame: { duration: 0, redraw: false } } as const
