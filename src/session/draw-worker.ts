import { fail, issue, ok, runDraws, type InventoryTable, type Library, type Result } from '../core'
import type { DrawWorkerApi } from '../protocol'
import { inputsFor } from './draw-pool'
import { inventoryInfoOf, PlanSession } from './plan-session'

/**
 * Create a draw worker: another thread's share of a Monte Carlo run. It holds a plan session on the inventory the
 * pool sends it (with the library `library` loads: the bundled one in the app, `--models` in the CLI) and runs draw
 * chunks [from, to) of the scenario it is given, resolved (or reused) by that session as the main one would.
 */
export function createDrawWorker(library: () => Result<Library>): DrawWorkerApi {
  let lib: Result<Library> | undefined
  let session: PlanSession | undefined
  let tag: string | undefined

  return {
    async ping() {
      return true
    },

    async setInventory(table: InventoryTable, t: string, file: string) {
      if (tag === t) return
      lib ??= library()
      if (!lib.ok) return
      session = new PlanSession(lib.value)
      session.setInventory(table, inventoryInfoOf(table, file))
      tag = t
    },

    async inventoryTag() {
      return tag
    },

    async draws(scenario, seed, from, to, spread = 1) {
      if (lib && !lib.ok) return fail(lib.issues)
      if (!session) return fail([issue('mc.helper-inventory', '辅助计算线程尚未收到清单', 'the helper worker has no inventory yet')])
      const p = session.prepare(scenario)
      if (!p.ok) return p
      const b = runDraws(p.value.resolved, scenario, inputsFor(p.value.resolved, scenario, spread), seed, from, to, p.value.file)
      return b.ok ? ok(b.value) : b
    },
  }
}
