/**
 * In-page instrumentation for `npm run bench:browser`, as page-script text (this Node-typed folder has no DOM
 * types). Installed before the app's own scripts run: it notes when each chart's `data-rev` changes (Plotly has
 * drawn), collects the app's `lantian:*` performance marks and measures, and offers `__lantianArm`/`__lantianWait`
 * to time one input from its event time stamp to the frame painted after every on-screen chart has redrawn.
 */
export const PROBE = String.raw`(() => {
  const probe = { first: {}, firstPaint: {}, draws: [], entries: [] }
  window.__lantianProbe = probe
  // rAF runs before the frame is painted; a task queued from it runs after that frame (paint included).
  const afterPaint = (f) => requestAnimationFrame(() => setTimeout(f, 0))
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target
      const id = el.getAttribute('data-testid')
      const t = performance.now()
      probe.draws.push({ id, rev: Number(el.getAttribute('data-rev')), t })
      if (!(id in probe.first)) {
        probe.first[id] = t
        afterPaint(() => (probe.firstPaint[id] = performance.now()))
      }
    }
    if (probe.waiting) probe.waiting()
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-rev'] })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.startsWith('lantian:')) probe.entries.push({ name: e.name, type: e.entryType, start: e.startTime, ms: e.duration })
  }).observe({ entryTypes: ['mark', 'measure'] })

  const charts = () => [...document.querySelectorAll('[data-testid^="chart-"][data-rev]')]
  const onScreen = (el) => {
    const b = el.getBoundingClientRect()
    return b.bottom > 0 && b.top < innerHeight && b.right > 0 && b.left < innerWidth && b.height > 0
  }
  // Arm before pressing a key: remember each on-screen chart's revision and catch the next input's time stamp.
  window.__lantianArm = (selector) => {
    const slider = document.querySelector(selector)
    const armed = charts().filter(onScreen).map((el) => ({ el, rev: Number(el.dataset.rev) }))
    probe.entries = []
    probe.step = { input: undefined, armed, done: undefined }
    slider.addEventListener('input', (e) => (probe.step.input = e.timeStamp), { once: true, capture: true })
    document.addEventListener(
      'keydown',
      (e) => {
        probe.step.keydown = e.timeStamp
        // The frame that shows the slider's own move: when it starts, and the first task after it has been painted.
        requestAnimationFrame(() => {
          probe.step.frame = performance.now()
          setTimeout(() => (probe.step.frameDone = performance.now()), 0)
        })
      },
      { once: true, capture: true },
    )
    return { value: Number(slider.value), min: Number(slider.min), max: Number(slider.max), armed: armed.map((a) => a.el.dataset.testid) }
  }
  // Resolve after the frame in which the last on-screen chart shows the new result has been painted.
  window.__lantianWait = (timeoutMs) =>
    new Promise((resolve) => {
      const step = probe.step
      const timer = setTimeout(() => resolve({ timeout: true }), timeoutMs)
      const check = () => {
        if (!step.armed.every((a) => Number(a.el.dataset.rev) > a.rev)) return
        probe.waiting = undefined
        const drawn = performance.now()
        afterPaint(() => {
          clearTimeout(timer)
          const t0 = step.keydown ?? step.input
          const frames = [
            { name: 'lantian:key-frame', type: 'mark', start: step.frame, ms: 0 },
            { name: 'lantian:key-frame-done', type: 'mark', start: step.frameDone, ms: 0 },
          ].filter((e) => e.start !== undefined)
          resolve({ t0, drawn, painted: performance.now(), entries: [...probe.entries, ...frames].map((e) => ({ ...e, start: e.start - t0 })) })
        })
      }
      probe.waiting = check
      check()
    })
})()`
