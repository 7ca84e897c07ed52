import type { ResolvedScenario } from '../resolve/scenario'
import type { Decision } from './levels'
import type { LpRow } from './lp'

/** Keep the LP's stage sums this far below 100 %, so that solver tolerances never push a simulation over it. */
const STAGE_MARGIN = 1e-6

/** Return the sets of measures that share records within one stage (cut; switch and share), each set once, only sets of two or more. */
export function stageGroups(r: ResolvedScenario): { stage: 'cut' | 'switch'; measures: number[] }[] {
  const C = r.classes
  const seen = new Map<string, { stage: 'cut' | 'switch'; measures: number[] }>()
  for (let c = 0; c < C.count; c++) {
    const cut: number[] = []
    const sw: number[] = []
    for (let j = C.memberStart[c] as number; j < (C.memberStart[c + 1] as number); j++) {
      const mi = C.members[j] as number
      const k = r.measures[mi]?.kind
      if (k === 'cut') cut.push(mi)
      else if (k === 'switch' || k === 'share') sw.push(mi)
    }
    for (const [stage, ms] of [
      ['cut', cut],
      ['switch', sw],
    ] as const) {
      if (ms.length < 2) continue
      const sorted = [...ms].sort((a, b) => a - b)
      seen.set(`${stage}:${sorted.join(',')}`, { stage, measures: sorted })
    }
  }
  return [...seen.values()]
}

/**
 * Return LP rows that keep every stage sum at or below 100 % in every year (DESIGN §4.3): for each group of
 * measures sharing records, Σ adoption-per-level × level ≤ 1 − the fixed members' adoption. `vars[j]` is the
 * decision behind LP variable j.
 */
export function stageRows(r: ResolvedScenario, dec: readonly Decision[], vars: readonly Decision[]): LpRow[] {
  const rows: LpRow[] = []
  const keys = new Set<string>()
  const Y = r.years.length
  stageGroups(r).forEach((g, gi) => {
    for (let y = 0; y < Y; y++) {
      const coefs = new Float64Array(vars.length)
      let fixedSum = 0
      let any = false
      for (const mi of g.measures) {
        const d = dec[mi]
        if (!d) continue
        const a = d.adoptionPerLevel[y] as number
        const j = vars.indexOf(d)
        if (j >= 0) {
          coefs[j] = a
          if (a > 0) any = true
        } else fixedSum += a * d.current
      }
      if (!any) continue
      const rhs = 1 - STAGE_MARGIN - fixedSum
      const key = `${Array.from(coefs).join(',')}<=${rhs}`
      if (keys.has(key)) continue
      keys.add(key)
      rows.push({ name: `stage${gi}y${r.years[y]}`, coefs, rhs })
    }
  })
  return rows
}
