/** The public API of the Lantian core, used by the worker, the CLI and the tests. */
export * from './issues'
export * from './schema'
export { compileExpression, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_DEPTH, type CompiledExpr } from './expr/compile'
export { UnitSystem, type UnitAnswers } from './units/unit-system'
export {
  buildLibrary,
  loadLibrary,
  readLibrarySpec,
  fingerprint,
  readLibraryParts,
  type BuildOptions,
  type Library,
  type LibraryParts,
  type LibrarySpec,
  type OverlayReport,
  type TechnologyEntry,
  type TemplateEntry,
  type TextFile,
  type ResolvedTechnology,
  type ResolvedTemplate,
} from './resolve/library'
export { recordUnitAnswers } from './resolve/unit-answers'
export { layerLibrary, type LibraryLayer } from './resolve/library-overlay'
export { libraryForScenario } from './resolve/scenario-library'
export { resolveScenario, type ResolvedScenario, type ResolvedMeasure } from './resolve/scenario'
export { resolutionKey, canReuse } from './resolve/reuse-key'
export { checkRunInputs, nonFiniteIssue, type RunChecks } from './resolve/run-checks'
export { allowedTargets, compatibleTargets } from './resolve/switch-targets'
export { simulate, simulatePrepared, prepareRun, RunScratch, type RunOverrides, type PreparedRun } from './simulate/run'
export { seriesIndex, attributionIndex, seriesAt, attributionAt, shapeOf, type Projection, type ProjectionShape, type Series } from './simulate/projection'
export { measureRuns, type MeasureRun } from './simulate/measure-runs'
export { annualAdoption, adoptionAt, monthIndex } from './simulate/adoption'
export { evaluateTargets, type TargetResult } from './evaluate/targets'
export { runChecks, validateChecks, type CheckResult } from './evaluate/checks'
export { focusYear } from './evaluate/focus-year'
export { total, credited, netChange, measureCredit, bySector, backcastTotal } from './evaluate/totals'
export { parseInventoryCsv, MAX_RECORDS, MAX_INVENTORY_BYTES } from './parse/inventory-csv'
export { decodeText } from './parse/decode'
export { parseInventoryCells, columnLetter, type CellGrid, type GridCell, type GridColumns, type RefusedCell } from './parse/inventory-cells'
export { MAX_TEXT_FILE_BYTES, MAX_YAML_ALIASES, MAX_NESTING } from './parse/yaml'
export type { InventoryTable } from './parse/inventory-table'
export { parseScenario, parseChecks, parseInventory, runScenario, runResolved, type RunOutput } from './pipeline'
export { toCsv, csvCell, safeText, type Cell } from './export/csv'
export { emissionRows, measureRows, targetRows, totalRows, EMISSION_HEADER, MEASURE_HEADER, TARGET_HEADER, TOTAL_HEADER } from './export/rows'
export { warningRecords, csvWarningLines, warningProvenanceRows, type WarningRecord } from './export/warnings'
export { provenanceRows, scenarioHash, type ProvenanceFacts } from './export/provenance'
export { quantile, swingValues, centralValue, scaleSpread, isPoint, normalQuantile, type Distribution } from './uncertainty/distributions'
export { drawGenerator } from './uncertainty/rng'
export { defaultInputs, overridesFor, DEFAULT_INPUTS, type UncertainInput, type InputKind, type InputDefaults } from './uncertainty/inputs'
export { runDraws, drawValues, type DrawBlock } from './uncertainty/draws'
export {
  runMonteCarlo,
  summarizeDraws,
  summarizeBlocks,
  type DeterministicSummary,
  type MonteCarloOptions,
  type MonteCarloResult,
  type TargetProbability,
  type CancelSignal,
} from './uncertainty/monte-carlo'
export { PERCENTILES, percentileOfSorted, type Percentile } from './uncertainty/percentiles'
export { sensitivity, type Tornado, type TornadoBar } from './uncertainty/sensitivity'
export { affectedActivity, unitCostOf, type AffectedActivity, type UnitCost } from './costs/activity'
export { measureCosts, macCurve, allocateCost, type CostReport, type MeasureCost, type MacStep } from './costs/cost-effectiveness'
export { optimizeLevels, type OptimizeOptions, type OptimizeResult, type OptimizedMeasure } from './optimize/optimize'
export { writeLp, lpVar, type LpSolver, type LpSolution, type LpStatus, type LpModel, type LpRow } from './optimize/lp'
export { withLevels, currentLevels, decisions, type Decision, type FixedReason, type Mandate } from './optimize/levels'
export { stageGroups, stageRows } from './optimize/stage-rows'
export { bestAchievable, type TargetLimit } from './optimize/infeasible'
export { solveWithHighs, type HighsLike } from './optimize/highs-result'
export { flipPoints, verdictSteps, relativeDistance, type VerdictOptions } from './verdicts/flip-points'
export { affineRoot, brent, nearestRoot, solveScalar, REL_TOL } from './verdicts/solve'
export type { Assumption, AssumptionKind, FlipMethod, ReferenceNote, TargetVerdict, VerdictReport } from './verdicts/types'
export { verdictRows, verdictsJson, VERDICT_HEADER } from './verdicts/rows'
export { probabilityBasis, type ProbabilityBasis, type ReferenceInDraws } from './uncertainty/basis'
export { inventoryEvidence, activityProvenanceKind, ACTIVITY_PROVENANCE, ACTIVITY_BASIS, type InventoryEvidence } from './evidence/inventory-evidence'
export {
  scenarioEvidence,
  inventoryEvidenceItems,
  evidenceCounts,
  evidenceRows,
  EVIDENCE_HEADER,
  type EvidenceItem,
  type EvidenceCounts,
} from './evidence/scenario-evidence'
