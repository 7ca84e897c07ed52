import type { DrawBlock, InventoryTable, Result, Scenario } from '../core'
import type { AnalysisProgress, MonteCarloRequest, MonteCarloView, OptimizeRequest, OptimizeView, TornadoView } from './analysis'
import type { CompareSide, CompareView, ImportedScenario } from './compare'
import type { InventoryInfo, InventoryPage, InventoryQuery, InventorySummary, RefusedRows } from './inventory'
import type { LibraryInfo, SeedInfo, SeedLoad } from './library'
import type { ExportTables, RunView } from './run'

/**
 * The simulator worker's API: what the app may ask of its plan session. `src/worker/simulator-api.ts` implements it
 * as a plain object (testable in Node) and the worker exposes that object over Comlink; the app reaches it through
 * `src/ui/simulator-client.ts`. Only plain data crosses; expected failures come back as `Result` values.
 */
export interface SimulatorApi {
  /** Load (once) and summarise the bundled model library. */
  loadLibrary(): Promise<Result<LibraryInfo>>
  /** List the bundled seed plans with their titles. */
  listSeeds(): Promise<SeedInfo[]>
  /** Load a bundled seed: parse its scenario and make its inventory the current one. */
  loadSeed(id: string): Promise<Result<SeedLoad>>
  /** Replace the inventory with an uploaded file (checked against `against`, the current scenario, when given); on failure keep the last good one. */
  loadInventory(bytes: Uint8Array, fileName: string, against?: unknown): Promise<Result<InventoryInfo>>
  /** Summarise the current inventory (metadata, records per sector, region and technology). */
  inventorySummary(): Promise<Result<InventorySummary>>
  /** Return one page of the current inventory's records (filtered, sorted); only the page crosses to the UI. */
  inventoryPage(q: InventoryQuery): Promise<Result<InventoryPage>>
  /** Return the raw cells of the rows the last refused import's issues point at (CSV and XLSX). */
  refusedRows(): Promise<RefusedRows | undefined>
  /** Return the current inventory as an XLSX workbook that imports back to the same table. */
  inventoryXlsx(): Promise<Result<Uint8Array>>
  /** Validate and run a scenario (object or YAML/JSON text) on the current inventory: the view, its costs included. */
  run(input: unknown): Promise<Result<RunView>>
  /** Run two scenarios on their seeds' inventories and compare them, leaving the current run untouched. */
  compare(a: CompareSide, b: CompareSide): Promise<Result<CompareView>>
  /**
   * Parse an uploaded scenario file (its bytes, decoded as the CLI decodes them, or text), match it to a seed
   * inventory and check it by a run there (current run untouched).
   */
  importScenario(file: string | Uint8Array, fileName: string, fallbackSeed: string): Promise<Result<ImportedScenario>>
  /** Return the long-format tables (and their CSV text) of the last successful run. */
  exportTables(): Promise<Result<ExportTables>>
  /** Return how often a scenario was resolved (for tests of the resolution cache). */
  resolveCount(): Promise<number>
  /** Run a seeded Monte Carlo simulation on the current inventory, with progress; `cancelAnalysis(id)` stops it. */
  monteCarlo(req: MonteCarloRequest, onProgress?: (p: AnalysisProgress) => unknown): Promise<Result<MonteCarloView>>
  /** Compute one-at-a-time sensitivities: a tornado per target (pollutant, year), the `top` inputs by swing. */
  sensitivity(scenario: unknown, top?: number): Promise<Result<TornadoView[]>>
  /** Find the least-cost final levels that meet every target, with progress; `cancelAnalysis(id)` stops it. */
  optimize(req: OptimizeRequest, onProgress?: (p: AnalysisProgress) => unknown): Promise<Result<OptimizeView>>
  /** Cancel a running Monte Carlo or optimisation by the id it was started with; it stops at its next chunk. */
  cancelAnalysis(id: string): Promise<void>
}

/**
 * A Monte Carlo draw worker: another thread's share of a run (a nested Web Worker in the app, a worker thread in
 * the CLI). It holds its own plan session on the inventory it was sent and runs draw chunks [from, to).
 */
export interface DrawWorkerApi {
  /** Return whether the worker is up (used to detect a worker that failed to start). */
  ping(): Promise<boolean>
  /** Take the inventory the main session uses, identified by its tag (sent again only when it changes). */
  setInventory(table: InventoryTable, tag: string, file: string): Promise<void>
  /** Return the inventory tag the worker holds. */
  inventoryTag(): Promise<string | undefined>
  /** Run draws [from, to) of a scenario with the default uncertain inputs, their spreads scaled by `spread`. */
  draws(scenario: Scenario, seed: number, from: number, to: number, spread?: number): Promise<Result<DrawBlock>>
}
