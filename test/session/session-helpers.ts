// Helpers of the tests that hold the CLI's and the app's runs of one plan session side by side.
import { join } from 'node:path'
import { readLibrary, readScenarioBundle } from '../../src/cli/files'
import type { RunView } from '../../src/protocol'
import { PlanSession } from '../../src/session/plan-session'

const ROOT = join(import.meta.dirname, '../..')
export const SEEDS = ['xiping', 'weidu', 'nanyang', 'xianyang-2023', 'xinzhou'] as const

export function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

/** A run view without what depends on where it ran: the time taken, the inventory's file name, issue locations. */
export function comparable(v: RunView) {
  const { stats, inventory, warnings, ...numbers } = v
  return {
    ...numbers,
    stats: { records: stats.records, classes: stats.classes },
    inventory: { year: inventory.year, records: inventory.records, illustrative: inventory.illustrative },
    warnings: warnings.map((w) => w.code),
  }
}

/** Run a seed as the CLI does: its files from disk, the library from models/, a synchronous session. */
export function cliSession(id: string) {
  const b = must(readScenarioBundle(join(ROOT, 'seeds', id)))
  const session = new PlanSession(must(readLibrary(join(ROOT, 'models'))))
  const t = b.inventory
  session.setInventory(t, { file: b.inventoryFile, year: t.year, illustrative: t.illustrative, records: t.n })
  const run = must(session.run(b.scenario, b.scenarioFile))
  return { session, run, view: session.view(run, 0), scenario: b.scenario }
}
