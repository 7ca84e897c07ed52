/** How an LP solve ended. */
export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'error'

/** The solution of an LP: variable values by name. */
export interface LpSolution {
  status: LpStatus
  objective: number
  values: Record<string, number>
  /** The solver's own words when status is not optimal. */
  message?: string
}

/**
 * Solve an LP given in CPLEX LP format. The caller (CLI, worker) provides it, e.g. by wrapping HiGHS
 * (`highs` package); the core never loads WebAssembly itself.
 */
export type LpSolver = (lp: string) => Promise<LpSolution>

/** A linear row Σ coefs[j] × x_j ≤ rhs. */
export interface LpRow {
  name: string
  coefs: ArrayLike<number>
  rhs: number
}

/** A minimisation LP over variables x0 … x(n−1) with bounds and ≤ rows. */
export interface LpModel {
  objective: ArrayLike<number>
  lower: ArrayLike<number>
  upper: ArrayLike<number>
  rows: LpRow[]
}

/** Return the LP name of variable j. */
export const lpVar = (j: number): string => `x${j}`

/** Coefficients below this fraction of a row's largest one are dropped (they are finite-difference noise). */
const RELATIVE_ZERO = 1e-12

const num = (v: number): string => (Object.is(v, -0) ? '0' : String(v))

function terms(coefs: ArrayLike<number>, scale: number): string {
  const out: string[] = []
  let max = 0
  for (let j = 0; j < coefs.length; j++) max = Math.max(max, Math.abs(coefs[j] as number))
  for (let j = 0; j < coefs.length; j++) {
    const c = (coefs[j] as number) / scale
    if (c === 0 || Math.abs(coefs[j] as number) <= max * RELATIVE_ZERO) continue
    out.push(`${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${lpVar(j)}`)
  }
  return out.length > 0 ? out.join(' ') : `0 ${lpVar(0)}`
}

const rowScale = (coefs: ArrayLike<number>): number => {
  let max = 0
  for (let j = 0; j < coefs.length; j++) max = Math.max(max, Math.abs(coefs[j] as number))
  return max > 0 ? max : 1
}

/**
 * Write an LP in CPLEX LP format (read by HiGHS, CPLEX, Gurobi, GLPK). Each row and the objective are divided by
 * their largest coefficient, so tonnes and yuan of very different magnitudes stay well scaled.
 */
export function writeLp(m: LpModel): string {
  const n = m.lower.length
  const lines = ['\\ Lantian least-cost adoption levels', 'Minimize', ` obj: ${terms(m.objective, rowScale(m.objective))}`, 'Subject To']
  for (const r of m.rows) {
    const s = rowScale(r.coefs)
    lines.push(` ${r.name}: ${terms(r.coefs, s)} <= ${num(r.rhs / s)}`)
  }
  lines.push('Bounds')
  for (let j = 0; j < n; j++) lines.push(` ${num(m.lower[j] as number)} <= ${lpVar(j)} <= ${num(m.upper[j] as number)}`)
  lines.push('End', '')
  return lines.join('\n')
}
