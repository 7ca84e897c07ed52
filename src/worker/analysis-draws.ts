import {
  buildLibrary,
  issue,
  loadLibrary,
  resolveScenario,
  runDraws,
  type DrawBlock,
  type InventoryTable,
  type Issue,
  type Library,
  type ResolvedScenario,
  type Scenario,
  type TextFile,
} from '../core'
import { inputsFor } from './analysis-api'
import { bundledLibrary } from './bundled-models'
import type { Outcome } from './simulator-api'

/**
 * Create a Monte Carlo draw helper: a second (third, …) worker's share of a run. It resolves the scenario against
 * the inventory it was given with the same library and runs draw chunks [from, to); because draw d depends only on
 * (seed, d), blocks from any number of helpers merge into the same result as one worker (`summarizeDraws`).
 */
export function createDrawHelper(readModels?: () => TextFile[]) {
  let library: Library | undefined
  let libraryIssues: Issue[] = []
  let inventory: { table: InventoryTable; tag: string; file: string } | undefined
  let cache: { key: string; resolved: ResolvedScenario } | undefined

  const lib = (): Library | undefined => {
    if (library || libraryIssues.length > 0) return library
    const r = readModels ? loadLibrary(readModels()) : buildLibrary(bundledLibrary())
    if (r.ok) library = r.value
    else libraryIssues = r.issues
    return library
  }

  return {
    /** Return whether the helper is up (used to detect a helper worker that failed to start). */
    async ping(): Promise<boolean> {
      return true
    },

    /** Take the inventory the main worker uses, identified by its tag (sent again only when it changes). */
    async setInventory(table: InventoryTable, tag: string, file: string): Promise<void> {
      if (inventory?.tag === tag) return
      inventory = { table, tag, file }
      cache = undefined
    },

    /** Return the inventory tag the helper holds, so the main worker sends the table only when it changed. */
    async inventoryTag(): Promise<string | undefined> {
      return inventory?.tag
    },

    /** Run draws [from, to) of a scenario with the default uncertain inputs, their spreads scaled by `spread`. */
    async draws(scenario: Scenario, seed: number, from: number, to: number, spread = 1): Promise<Outcome<DrawBlock>> {
      const l = lib()
      if (!l) return { ok: false, issues: libraryIssues }
      if (!inventory) return { ok: false, issues: [issue('mc.helper-inventory', '辅助计算线程尚未收到清单', 'the helper worker has no inventory yet')] }
      const key = JSON.stringify([inventory.tag, scenario])
      if (cache?.key !== key) {
        const r = resolveScenario(l, scenario, inventory.table, { scenario: 'scenario', inventory: inventory.file }, inventory.tag)
        if (!r.ok) return { ok: false, issues: r.issues }
        cache = { key, resolved: r.value }
      }
      const b = runDraws(cache.resolved, scenario, inputsFor(cache.resolved, scenario, spread), seed, from, to, 'scenario')
      return b.ok ? { ok: true, value: b.value, warnings: [] } : { ok: false, issues: b.issues }
    },
  }
}

/** The draw helper's API type, taken from the object itself. */
export type DrawHelperApi = ReturnType<typeof createDrawHelper>
