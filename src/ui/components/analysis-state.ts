import { useCallback, useEffect, useRef, useState } from 'react'
import type { Issue, Scenario } from '../../core'
import type { AnalysisProgress, CostsView, MonteCarloView, OptimizeView, RunView, TornadoView } from '../../protocol'
import type { SimulatorClient } from '../simulator-client'

/** A long call in flight: its id (to cancel it) and its progress. */
export interface Running {
  id: string
  done: number
  total: number
}

/** The analysis state the panel, the KPI cards and the measures table render. */
export interface AnalysisState {
  /** Hash of the scenario the shown run belongs to; results with another hash are stale. */
  currentHash?: string
  mc?: MonteCarloView
  tornado?: TornadoView[]
  mcRunning?: Running
  mcIssues: Issue[]
  mcCancelled: boolean
  costs?: CostsView
  opt?: OptimizeView
  optRunning?: Running
  optIssues: Issue[]
  optCancelled: boolean
  runMonteCarlo(draws: number, seed: number, workers: number): void
  cancelMonteCarlo(): void
  optimize(): void
  cancelOptimize(): void
  dismissProposal(): void
}

/** Return the number of workers a Monte Carlo run uses by default: helpers only when cores are to spare. */
export function autoWorkers(cores: number | undefined): number {
  const n = cores ?? 1
  // The page and the main worker need a core each; with 2 cores an extra worker only competes with them.
  return n > 2 ? Math.min(4, n - 1) : 1
}

let nextId = 0
const newId = (what: string) => `${what}-${Date.now()}-${++nextId}`

/**
 * Keep the uncertainty, cost and optimisation results of the current scenario: costs come with each run; Monte Carlo (then the tornado) and the optimiser run on request, with progress and cancel. Everything is
 * computed by the worker; results carry the hash of the scenario they belong to.
 */
export function useAnalysis(client: SimulatorClient | undefined, scenario: Scenario | undefined, view: RunView | undefined): AnalysisState {
  const [mc, setMc] = useState<MonteCarloView>()
  const [tornado, setTornado] = useState<TornadoView[]>()
  const [mcRunning, setMcRunning] = useState<Running>()
  const [mcIssues, setMcIssues] = useState<Issue[]>([])
  const [mcCancelled, setMcCancelled] = useState(false)
  const [opt, setOpt] = useState<OptimizeView>()
  const [optRunning, setOptRunning] = useState<Running>()
  const [optIssues, setOptIssues] = useState<Issue[]>([])
  const [optCancelled, setOptCancelled] = useState(false)
  const scenarioRef = useRef(scenario)
  scenarioRef.current = scenario

  // Another plan: its targets may share ids with the last one's, so its results are dropped, not just marked stale.
  const planId = scenario?.id
  useEffect(() => {
    setMc(undefined)
    setTornado(undefined)
    setOpt(undefined)
    setMcIssues([])
    setOptIssues([])
  }, [planId])

  const runMonteCarlo = useCallback(
    (draws: number, seed: number, workers: number) => {
      const s = scenarioRef.current
      if (!client || !s) return
      const id = newId('mc')
      setMcRunning({ id, done: 0, total: draws })
      setMcIssues([])
      setMcCancelled(false)
      void (async () => {
        try {
          const r = await client.api.monteCarlo({ scenario: s, draws, seed, workers, id }, (p: AnalysisProgress) =>
            setMcRunning((x) => (x?.id === id ? { id, done: p.done, total: p.total } : x)),
          )
          if (!r.ok) {
            if (r.issues.some((i) => i.code === 'mc.cancelled')) setMcCancelled(true)
            else setMcIssues(r.issues)
            return
          }
          const tor = await client.api.sensitivity(s, 10)
          setMc(r.value)
          setTornado(tor.ok ? tor.value : undefined)
          if (!tor.ok) setMcIssues(tor.issues)
        } catch (e) {
          setMcIssues([{ code: 'mc.failed', zh: `蒙特卡洛模拟失败：${String(e)}`, en: `Monte Carlo run failed: ${String(e)}` }])
        } finally {
          setMcRunning((x) => (x?.id === id ? undefined : x))
        }
      })()
    },
    [client],
  )

  const cancelMonteCarlo = useCallback(() => {
    if (client && mcRunning) void client.api.cancelAnalysis(mcRunning.id)
  }, [client, mcRunning])

  const optimize = useCallback(() => {
    const s = scenarioRef.current
    if (!client || !s) return
    const id = newId('opt')
    setOptRunning({ id, done: 0, total: 1 })
    setOptIssues([])
    setOptCancelled(false)
    setOpt(undefined)
    void (async () => {
      try {
        const r = await client.api.optimize({ scenario: s, id }, (p: AnalysisProgress) =>
          setOptRunning((x) => (x?.id === id ? { id, done: p.done, total: p.total } : x)),
        )
        if (r.ok) setOpt(r.value)
        else if (r.issues.some((i) => i.code === 'optimize.cancelled')) setOptCancelled(true)
        else setOptIssues(r.issues)
      } catch (e) {
        setOptIssues([{ code: 'optimize.failed', zh: `优化失败：${String(e)}`, en: `Optimisation failed: ${String(e)}` }])
      } finally {
        setOptRunning((x) => (x?.id === id ? undefined : x))
      }
    })()
  }, [client])

  const cancelOptimize = useCallback(() => {
    if (client && optRunning) void client.api.cancelAnalysis(optRunning.id)
  }, [client, optRunning])

  const dismissProposal = useCallback(() => setOpt(undefined), [])

  const currentHash = view?.scenarioHash
  return {
    ...(currentHash ? { currentHash } : {}),
    ...(mc ? { mc } : {}),
    ...(tornado ? { tornado } : {}),
    ...(mcRunning ? { mcRunning } : {}),
    mcIssues,
    mcCancelled,
    // Costs come with the run they belong to.
    ...(view ? { costs: view.costs } : {}),
    ...(opt ? { opt } : {}),
    ...(optRunning ? { optRunning } : {}),
    optIssues,
    optCancelled,
    runMonteCarlo,
    cancelMonteCarlo,
    optimize,
    cancelOptimize,
    dismissProposal,
  }
}
