import { fail, ok, type Issue, type Result } from '../issues'
import type { ResolvedScenario } from '../resolve/scenario'
import { POLLUTANTS, type Label, type Pollutant, type Scenario } from '../schema'
import { prepareRun, RunScratch, simulatePrepared } from '../simulate/run'
import { centralValue, swingValues } from './distributions'
import { scenarioTotals } from './draws'
import { defaultInputs, overridesFor, type InputKind, type UncertainInput } from './inputs'

const P = POLLUTANTS.length

/** One bar of a tornado: the total with one input at its low and at its high value, all others central. */
export interface TornadoBar {
  input: string
  kind: InputKind
  label: Label
  lowValue: number
  highValue: number
  /** Total (t/yr) with the input at its low and high value. */
  low: number
  high: number
  /** |high − low|, t/yr. */
  swing: number
}

/** The tornado of one pollutant and year: bars sorted by swing, largest first; inputs without effect left out. */
export interface Tornado {
  pollutant: Pollutant
  year: number
  /** Total with every input at its central value (the deterministic run when inputs are the defaults). */
  base: number
  bars: TornadoBar[]
}

/** Return the years tornadoes are drawn for: each target's (pollutant, year), or every pollutant in the last year. */
function tornadoKeys(r: ResolvedScenario, s: Scenario, year?: number): { pollutant: Pollutant; year: number }[] {
  if (year !== undefined) return POLLUTANTS.map((p) => ({ pollutant: p, year }))
  const keys = new Map<string, { pollutant: Pollutant; year: number }>()
  for (const t of s.targets) keys.set(`${t.pollutant}:${t.year}`, { pollutant: t.pollutant, year: t.year })
  if (keys.size === 0) return POLLUTANTS.map((p) => ({ pollutant: p, year: r.years[r.years.length - 1] ?? r.y0 }))
  return [...keys.values()].sort((a, b) => a.year - b.year || POLLUTANTS.indexOf(a.pollutant) - POLLUTANTS.indexOf(b.pollutant))
}

/**
 * Compute one-at-a-time sensitivities (DESIGN §4.6): each uncertain input is set to its low and its high value
 * (the bounds of a uniform or triangular, P5 and P95 of a lognormal) with every other input central, and the
 * scenario total of each target's pollutant and year is recorded. Costs 2 simulations per input.
 */
export function sensitivity(r: ResolvedScenario, s: Scenario, o: { inputs?: UncertainInput[]; year?: number; file?: string } = {}): Result<Tornado[]> {
  const inputs = o.inputs ?? defaultInputs(r, s)
  const Y = r.years.length
  const central = inputs.map((u) => centralValue(u.dist))
  const prep = prepareRun(r, s, o.file)
  if (!prep.ok) return prep
  const scratch = new RunScratch()
  const run = (values: number[]): Result<Float64Array> => {
    const pr = simulatePrepared(prep.value, { ...overridesFor(r, inputs, values), attribution: false }, scratch)
    if (!pr.ok) return pr
    const t = new Float64Array(P * Y)
    scenarioTotals(pr.value, t, 0)
    return ok(t)
  }
  const base = run(central)
  if (!base.ok) return base
  const keys = tornadoKeys(r, s, o.year).filter((k) => r.years.includes(k.year))
  const tornadoes: Tornado[] = keys.map((k) => ({
    ...k,
    base: base.value[POLLUTANTS.indexOf(k.pollutant) * Y + r.years.indexOf(k.year)] as number,
    bars: [],
  }))
  const issues: Issue[] = []
  inputs.forEach((u, i) => {
    const [lo, hi] = swingValues(u.dist)
    const at = (v: number) => run(central.map((c, j) => (j === i ? v : c)))
    const a = at(lo)
    const b = at(hi)
    if (!a.ok || !b.ok) return issues.push(...(a.ok ? [] : a.issues), ...(b.ok ? [] : b.issues))
    tornadoes.forEach((t) => {
      const k = POLLUTANTS.indexOf(t.pollutant) * Y + r.years.indexOf(t.year)
      const low = a.value[k] as number
      const high = b.value[k] as number
      const swing = Math.abs(high - low)
      if (swing > 0) t.bars.push({ input: u.id, kind: u.kind, label: u.label, lowValue: lo, highValue: hi, low, high, swing })
    })
  })
  if (issues.length > 0) return fail(issues)
  for (const t of tornadoes) t.bars.sort((a, b) => b.swing - a.swing || (a.input < b.input ? -1 : 1))
  return ok(tornadoes)
}
