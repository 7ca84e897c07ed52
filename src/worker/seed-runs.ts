import { decodeText, fail, issue, ok, parseInventory, parseScenario, ScenarioSchema, type Library, type Result, type Scenario } from '../core'
import type { CompareSide, CompareView, ImportedScenario, RunView, SeedChoice } from '../protocol'
import { inventoryInfoOf, PlanSession } from '../session/plan-session'
import { compareViews } from '../session/views'
import { seedScenario as scenarioOfSeed, type SeedBundle } from './bundled-seeds'
import { own } from '../core/own'

/** What the seed runner needs from the simulator API: the library and the seeds. */
export interface SeedRunDeps {
  library: () => Result<Library>
  seeds: () => SeedBundle[]
}

/**
 * Create a runner of scenarios on seed inventories, one plan session per seed, that never touches the API's own
 * session (its inventory, resolution cache and last run), so a comparison or an import check cannot change what
 * the exports of the current run hold.
 */
export function createSeedRuns(deps: SeedRunDeps) {
  // One session per seed, kept for the worker's life: the seeds are bundled and never change.
  const sessions = new Map<string, PlanSession>()

  function seedScenario(id: string): Result<Scenario> {
    const b = deps.seeds().find((x) => x.id === id)
    if (!b) return fail([issue('seed.unknown', `没有名为 "${id}" 的方案`, `no plan named "${id}"`)])
    const r = scenarioOfSeed(b)
    return r.ok ? ok(r.value) : fail(r.issues)
  }

  function sessionOf(id: string): Result<PlanSession> {
    const hit = sessions.get(id)
    if (hit) return ok(hit)
    const lib = deps.library()
    if (!lib.ok) return lib
    const s = seedScenario(id)
    if (!s.ok) return s
    const name = s.value.inventory.replace(/^\.\//, '')
    const files = deps.seeds().find((x) => x.id === id)?.files
    const text = files && own(files, name)
    if (text === undefined) return fail([issue('seed.inventory-missing', `方案 "${id}" 缺少清单文件 ${name}`, `plan "${id}" has no inventory file ${name}`)])
    const file = `seeds/${id}/${name}`
    const r = parseInventory(new TextEncoder().encode(text), file)
    if (!r.ok) return fail(r.issues)
    const session = new PlanSession(lib.value)
    session.setInventory(r.value, inventoryInfoOf(r.value, file))
    sessions.set(id, session)
    return ok(session)
  }

  function runOn(s: Scenario, seed: string, file = 'scenario'): Result<RunView> {
    const t0 = performance.now()
    const session = sessionOf(seed)
    if (!session.ok) return session
    const run = session.value.run(s, file)
    if (!run.ok) return run
    return ok(session.value.view(run.value, performance.now() - t0), run.warnings)
  }

  function side(x: CompareSide, name: 'A' | 'B'): Result<RunView> {
    let s: Scenario
    if (x.scenario === undefined) {
      const r = seedScenario(x.seed)
      if (!r.ok) return r
      s = r.value
    } else {
      const q = ScenarioSchema.safeParse(x.scenario)
      if (!q.success) return fail([issue('compare.invalid', `情景 ${name} 无效`, `scenario ${name} is invalid`)])
      s = q.data
    }
    const r = runOn(s, x.seed)
    if (!r.ok) return fail(r.issues.map((i) => ({ ...i, zh: `情景 ${name}：${i.zh}`, en: `scenario ${name}: ${i.en}` })))
    return r
  }

  return {
    /** Run A and B on their seeds' inventories and tabulate the focus-year differences (B − A). */
    compare(a: CompareSide, b: CompareSide): Result<CompareView> {
      const ra = side(a, 'A')
      if (!ra.ok) return ra
      const rb = side(b, 'B')
      if (!rb.ok) return rb
      return ok(compareViews(ra.value, rb.value, a.seed === b.seed), [...ra.warnings, ...rb.warnings])
    },

    /**
     * Parse an uploaded scenario (YAML or JSON) with located issues, match it to a seed inventory and check it by
     * a run there. The seed is the one its `inventory` path names (`…/seeds/<id>/…` or `<id>/…`), else the seed
     * sharing most of its regions, else `fallbackSeed` (the plan on screen). Given bytes, it decodes them as the
     * CLI does (UTF-8, UTF-16 with BOM or GB18030; an invalid byte is named by its line), not as UTF-8 with
     * replacement characters.
     */
    importScenario(file: string | Uint8Array, fileName: string, fallbackSeed: string): Result<ImportedScenario> {
      const d = typeof file === 'string' ? undefined : decodeText(file, fileName)
      if (d && !d.ok) return fail([d.issue])
      const p = parseScenario(d ? d.text : (file as string), fileName)
      if (!p.ok) return p
      const s = p.value
      const ids = deps.seeds().map((b) => b.id)
      const segments = s.inventory.split(/[\\/]/)
      let seed = ids.find((id) => segments.slice(0, -1).includes(id))
      let seedBy: SeedChoice = 'inventory'
      if (!seed) {
        let best = 0
        for (const id of ids) {
          const sc = seedScenario(id)
          const n = sc.ok ? s.regions.filter((r) => sc.value.regions.includes(r)).length : 0
          if (n > best) [best, seed, seedBy] = [n, id, 'region']
        }
      }
      if (!seed) [seed, seedBy] = [fallbackSeed, 'current']
      const run = runOn(s, seed, fileName)
      if (!run.ok) return fail(run.issues.map((i) => ({ ...i, file: i.file === 'scenario' || i.file === undefined ? fileName : i.file })))
      return ok({ scenario: s, seed, seedBy }, [...p.warnings, ...run.warnings])
    },
  }
}
