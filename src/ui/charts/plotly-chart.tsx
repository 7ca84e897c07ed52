import type * as PlotlyTypes from 'plotly.js-dist-min'
import { memo, useLayoutEffect, useRef, useState } from 'react'
import { perfMark, perfMeasure } from '../perf-marks'
import type { ChartSpec } from './chart-specs'
import { dataOf, LIGHT_OPTIONS, lightFrame, shapeOf } from './light-update'

type PlotlyModule = typeof PlotlyTypes

// Plotly's finance bundle (scatter, bar, waterfall, …: 1.3 MB, 0.42 MB gzip) instead of the full one (4.6 MB,
// 1.4 MB gzip): the charts use scatter, bar and waterfall only. Loaded once, as its own chunk.
let plotlyPromise: Promise<PlotlyModule> | undefined
let plotly: PlotlyModule | undefined

/** Start loading Plotly now (at app start, in parallel with the worker) so that the first result draws at once. */
export function preloadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-finance-dist-min').then((m) => {
    const mod = ((m as unknown as { default?: PlotlyModule }).default ?? m) as PlotlyModule
    plotly = mod
    return mod
  })
  return plotlyPromise
}

// A chart's first draw builds its whole SVG (and, for the first chart, compiles Plotly's code): one such draw per
// frame, so the first chart is painted before the others are built rather than after.
let firstDrawThisFrame = false

/** How long an off-screen chart waits after its last change before it is drawn anyway (a drag is over by then). */
const OFFSCREEN_DELAY_MS = 200

interface Job {
  spec: ChartSpec
  height: number
  key: string
}

/**
 * Render a chart spec with Plotly into a div; updates in place, with Plotly's light update when only data arrays
 * moved (light-update.ts) and with `Plotly.react` otherwise. A new spec is drawn at once
 * unless the chart has already drawn in this frame; then it waits for the next one, and newer specs replace it, so
 * a slider drag draws at most once a frame and never queues stale draws. A chart outside the
 * viewport is drawn when it scrolls into view or once its spec has been still for a moment, and carries
 * `data-draw-pending` until then; a spec equal to the one drawn is not redrawn. `data-rev` counts the times the chart was
 * brought up to date.
 */
export const PlotlyChart = memo(function PlotlyChart({
  spec,
  testId,
  height = 360,
  wide,
}: {
  spec: ChartSpec | undefined
  testId: string
  height?: number
  wide?: boolean
}) {
  const ref = useRef<HTMLDivElement>(null)
  const [failed, setFailed] = useState<string>()
  const drawer = useRef<Drawer>(undefined)

  // Layout effects: the chart is drawn in the same frame as the DOM React has just committed (KPIs, panel), not
  // one frame later as a passive effect would after a worker result.
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const d = new Drawer(el, testId, (e) => setFailed(String(e)))
    drawer.current = d
    return () => {
      d.dispose()
      drawer.current = undefined
      // Purge synchronously: an async purge in cleanup blanks the next chart (TOOLCHAIN.md StrictMode note).
      if (plotly) plotly.purge(el)
    }
  }, [testId])

  useLayoutEffect(() => {
    if (spec) drawer.current?.request(spec, height)
  }, [spec, height])

  // Export the chart as drawn, with Plotly's own renderer (no server, works offline and under the app's CSP).
  const save = async (format: 'png' | 'svg') => {
    const el = ref.current
    if (!el || !drawer.current) return
    const P = await drawer.current.flush()
    if (P) await P.downloadImage(el, { format, filename: testId.replace(/^chart-/, 'lantian-'), width: el.clientWidth || 900, height })
  }

  return (
    <div className={wide ? 'chart wide' : 'chart'}>
      {failed ? <div className="issue">{failed}</div> : null}
      <div ref={ref} data-testid={testId} style={{ minHeight: height }} />
      <div className="chart-export">
        <button type="button" onClick={() => void save('png')} data-testid={`${testId}-png`}>
          PNG
        </button>
        <button type="button" onClick={() => void save('svg')} data-testid={`${testId}-svg`}>
          SVG
        </button>
      </div>
    </div>
  )
})

/** Draws one chart element: at most one Plotly call in flight, the newest spec pending, off-screen draws deferred. */
class Drawer {
  private pending: Job | undefined
  private drawnKey: string | undefined
  private drawnShape: string | undefined
  private drawnData: string[] = []
  private drawing: Promise<void> | undefined
  private frame = 0
  private drewThisFrame = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private visible: boolean
  private readonly io: IntersectionObserver | undefined
  private disposed = false

  constructor(
    private readonly el: HTMLElement,
    private readonly id: string,
    private readonly onError: (e: unknown) => void,
  ) {
    const b = el.getBoundingClientRect()
    this.visible = b.bottom > 0 && b.top < innerHeight
    if (typeof IntersectionObserver === 'function') {
      this.io = new IntersectionObserver((entries) => {
        const e = entries[entries.length - 1]
        if (!e) return
        this.visible = e.isIntersecting
        if (this.visible && this.pending) this.schedule()
      })
      this.io.observe(el)
    }
  }

  request(spec: ChartSpec, height: number): void {
    perfMark(`lantian:spec:${this.id}`)
    this.pending = { spec, height, key: '' }
    this.el.dataset.drawPending = 'true'
    const first = this.drawnKey === undefined
    if (this.visible && plotly && !this.drawing && !this.drewThisFrame && !(first && firstDrawThisFrame)) void this.draw()
    else this.schedule()
  }

  /** Draw whatever is pending now and return Plotly once the element shows the newest spec. */
  async flush(): Promise<PlotlyModule | undefined> {
    await this.drawing
    if (this.pending) await this.draw()
    return plotly
  }

  dispose(): void {
    this.disposed = true
    this.io?.disconnect()
    cancelAnimationFrame(this.frame)
    clearTimeout(this.timer)
  }

  private schedule(): void {
    if (this.disposed || this.drawing) return
    clearTimeout(this.timer)
    if (this.visible) {
      if (!this.frame)
        this.frame = requestAnimationFrame(() => {
          this.frame = 0
          if (this.drawnKey === undefined && firstDrawThisFrame) this.schedule()
          else void this.draw()
        })
    } else {
      cancelAnimationFrame(this.frame)
      this.frame = 0
      this.timer = setTimeout(() => {
        const run = () => void this.draw()
        if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 })
        else run()
      }, OFFSCREEN_DELAY_MS)
    }
  }

  private draw(): Promise<void> {
    this.frame = 0
    const job = this.pending
    if (this.disposed || !job || this.drawing) return this.drawing ?? Promise.resolve()
    this.pending = undefined
    const run = async () => {
      const P = plotly ?? (await preloadPlotly())
      if (this.disposed) return
      // The specs are small (tens of points): comparing their text is far cheaper than a Plotly redraw.
      job.key = JSON.stringify([job.spec, job.height])
      if (job.key !== this.drawnKey) {
        const t0 = performance.now()
        this.drewThisFrame = true
        requestAnimationFrame(() => (this.drewThisFrame = false))
        if (this.drawnKey === undefined) {
          // The next chart's first draw waits until this one has been painted: cleared in a task after the next
          // frame, not in its animation-frame callbacks, where the next draw would delay that very paint.
          firstDrawThisFrame = true
          requestAnimationFrame(() => setTimeout(() => (firstDrawThisFrame = false), 0))
        }
        const shape = shapeOf(job.spec, job.height)
        const data = dataOf(job.spec)
        // Only the data moved (a slider step): the light update of the traces that moved. Else a full redraw.
        const light = shape !== undefined && shape === this.drawnShape
        const drawn = light
          ? P.animate(this.el, lightFrame(job.spec, this.drawnData, data), LIGHT_OPTIONS)
          : P.react(this.el, job.spec.data, { ...job.spec.layout, height: job.height, autosize: true }, { responsive: true, displaylogo: false })
        // A full redraw happens here, synchronously; the light one in promise callbacks, so it is measured to
        // its end (which then includes the other charts' light work queued before it).
        if (!light) perfMeasure(`lantian:plot:${this.id}`, t0)
        await drawn
        if (light) perfMeasure(`lantian:plot:${this.id}:light`, t0)
        this.drawnKey = job.key
        this.drawnShape = shape
        this.drawnData = data
      }
      if (!this.pending) delete this.el.dataset.drawPending
      // A revision counter lets tests and the presenter wait for the chart to follow a run.
      this.el.dataset.rev = String(Number(this.el.dataset.rev ?? 0) + 1)
    }
    this.drawing = run()
      .catch(this.onError)
      .finally(() => {
        this.drawing = undefined
        if (this.pending) this.schedule()
        // A failed draw owes nothing more either (its error is shown); only a pending spec keeps the flag.
        else delete this.el.dataset.drawPending
      })
    return this.drawing
  }
}
