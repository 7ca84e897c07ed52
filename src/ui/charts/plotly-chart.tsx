import type * as PlotlyTypes from 'plotly.js-dist-min'
import { useEffect, useRef, useState } from 'react'
import type { ChartSpec } from './chart-specs'

type PlotlyModule = typeof PlotlyTypes

// Plotly is ~4.6 MB: load it once, lazily, only when the first chart mounts (TOOLCHAIN.md bundle sizes).
let plotlyPromise: Promise<PlotlyModule> | undefined
let plotly: PlotlyModule | undefined

function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-dist-min').then((m) => {
    const mod = ((m as unknown as { default?: PlotlyModule }).default ?? m) as PlotlyModule
    plotly = mod
    return mod
  })
  return plotlyPromise
}

/** Render a chart spec with Plotly into a div; updates in place with `Plotly.react`. */
export function PlotlyChart({ spec, testId, height = 360, wide }: { spec: ChartSpec | undefined; testId: string; height?: number; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null)
  const [failed, setFailed] = useState<string>()

  useEffect(() => {
    if (!spec) return
    let cancelled = false
    loadPlotly()
      .then((P) => {
        const el = ref.current
        if (cancelled || !el) return
        return P.react(el, spec.data, { ...spec.layout, height, autosize: true }, { responsive: true, displaylogo: false }).then(() => {
          // A revision counter lets tests and the presenter wait for the chart to follow a run.
          el.dataset.rev = String(Number(el.dataset.rev ?? 0) + 1)
        })
      })
      .catch((e: unknown) => setFailed(String(e)))
    return () => {
      cancelled = true
    }
  }, [spec, height])

  useEffect(() => {
    const el = ref.current
    // Purge synchronously: an async purge in cleanup blanks the next chart (TOOLCHAIN.md StrictMode note).
    return () => {
      if (el && plotly) plotly.purge(el)
    }
  }, [])

  // Export the chart as drawn, with Plotly's own renderer (no server, works offline and under the app's CSP).
  const save = (format: 'png' | 'svg') => {
    const el = ref.current
    if (el && plotly) void plotly.downloadImage(el, { format, filename: testId.replace(/^chart-/, 'lantian-'), width: el.clientWidth || 900, height })
  }

  return (
    <div className={wide ? 'chart wide' : 'chart'}>
      {failed ? <div className="issue">{failed}</div> : null}
      <div ref={ref} data-testid={testId} style={{ minHeight: height }} />
      <div className="chart-export">
        <button type="button" onClick={() => save('png')} data-testid={`${testId}-png`}>
          PNG
        </button>
        <button type="button" onClick={() => save('svg')} data-testid={`${testId}-svg`}>
          SVG
        </button>
      </div>
    </div>
  )
}
