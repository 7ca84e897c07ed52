import { describe, expect, it } from 'vitest'
import { createSimulatorApi } from '../../src/worker/simulator-api'
import { cliSession, comparable, must, SEEDS } from './session-helpers'

// One plan session behind both runners: the CLI drives it synchronously on files read from disk, the app through
// the worker API on the bundled library and seeds. Both must give the same numbers to the bit on every seed.
describe.each(SEEDS)('seed %s through one plan session', (id) => {
  it('gives the same view (every year, measure, sector, target and cost) and export tables in the CLI and the app', async () => {
    const cli = cliSession(id)
    const api = createSimulatorApi()
    const seed = must(await api.loadSeed(id))
    expect(seed.scenario).toEqual(cli.scenario)
    const app = must(await api.run(seed.scenario))
    // toEqual compares numbers with Object.is: the same to the bit, not close.
    expect(comparable(app)).toEqual(comparable(cli.view))
    expect(app.libraryVersion).toBe(cli.session.library.version)
    const appTables = must(await api.exportTables())
    const cliTables = must(cli.session.exportTables())
    for (const k of ['emissions', 'measures', 'targets'] as const) expect(appTables[k].csv).toBe(cliTables[k].csv)
    // Not vacuous: the seed has measures, costs and every projected year.
    expect(app.years.length).toBeGreaterThan(3)
    expect(app.measures.some((m) => m.credited.NOx.some((x) => x > 0))).toBe(true)
    expect(app.costs.measures.length).toBe(app.measures.length)
    expect(app.focusYear).toBe(cli.run.focusYear)
  })
})
