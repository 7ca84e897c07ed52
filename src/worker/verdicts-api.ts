import { fail, issue, ok, type Result } from '../core'
import type { SimulatorApi, VerdictsView } from '../protocol'
import { verdictsView } from '../session/analysis-views'
import type { PlanSession } from '../session/plan-session'

/** Work at most this long between two chances for a newer run to be taken (ms): a slider step waits no longer. */
const SLICE_MS = 4

/** Let the worker's event loop run (a queued run request is taken), without the 4 ms clamp of nested timeouts. */
function giveWay(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel()
    ch.port1.onmessage = () => {
      ch.port1.close()
      resolve()
    }
    ch.port2.postMessage(null)
  })
}

const stale = () =>
  fail<never>([issue('verdicts.stale', '方案已更改，翻转点计算已停止', 'the plan changed: the flip points were not finished', { severity: 'warning' })])

/**
 * Create the worker's `verdicts` call: the flip points of the session's last run, computed input by input
 * (`PlanSession.verdictSteps`); every few milliseconds it gives way so that a newer run is taken at once, and it
 * stops when one has arrived (`runs()` counts the runs asked of the worker).
 */
export function createVerdictsApi(deps: { session: () => PlanSession | undefined; runs: () => number }): Pick<SimulatorApi, 'verdicts'> {
  return {
    async verdicts(scenarioHash, top = 8): Promise<Result<VerdictsView>> {
      const t0 = performance.now()
      const session = deps.session()
      const last = session?.last
      if (!session || !last || last.hash !== scenarioHash) return stale()
      const asked = deps.runs()
      const steps = session.verdictSteps(last)
      let slice = performance.now()
      for (;;) {
        const step = steps.next()
        if (step.done) {
          const r = step.value
          return r.ok ? ok(verdictsView(r.value, scenarioHash, top, performance.now() - t0), r.warnings) : r
        }
        if (performance.now() - slice < SLICE_MS) continue
        await giveWay()
        if (deps.runs() !== asked || session.last?.hash !== scenarioHash) return stale()
        slice = performance.now()
      }
    },
  }
}
