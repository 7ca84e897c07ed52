import { all, create, type MathNode } from 'mathjs'
import { annualAdoption, type Library, type Scenario } from '../../src/core'
import { dictAt, type InventoryTable } from '../../src/core/parse/inventory-table'
import type { PeerTotals } from './duckdb'
import { paramsOf, removalOf, targetOf, type PeerTables } from './tables'

type V = number | string | boolean | null
const isNull = (v: V) => v === null || v === undefined
const math = create(all as NonNullable<typeof all>)
// Lantian's expression semantics in mathjs terms: string equality, null-safe comparisons and its three functions.
math.import(
  {
    eqs: (a: V, b: V) => !isNull(a) && !isNull(b) && a === b,
    nes: (a: V, b: V) => !isNull(a) && !isNull(b) && a !== b,
    lt: (a: V, b: V) => typeof a === 'number' && typeof b === 'number' && a < b,
    le: (a: V, b: V) => typeof a === 'number' && typeof b === 'number' && a <= b,
    gt: (a: V, b: V) => typeof a === 'number' && typeof b === 'number' && a > b,
    ge: (a: V, b: V) => typeof a === 'number' && typeof b === 'number' && a >= b,
    oneOf: (x: V, ...rest: V[]) => !isNull(x) && rest.some((r) => r === x),
    within: (s: V, p: V) => typeof s === 'string' && typeof p === 'string' && (s === p || s.startsWith(`${p}.`)),
    startsWith: (s: V, p: V) => typeof s === 'string' && typeof p === 'string' && s.startsWith(p),
  },
  { override: true },
)
const REWRITE: Record<string, string> = { '==': 'eqs', '!=': 'nes', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' }

function compileSelector(source: string) {
  const node = math.parse(source).transform((n: MathNode) => {
    const op = (n as MathNode & { op?: string }).op
    const fn = op !== undefined && n.type === 'OperatorNode' ? REWRITE[op] : undefined
    return fn ? new math.FunctionNode(new math.SymbolNode(fn), (n as MathNode & { args: MathNode[] }).args) : n
  })
  return node.compile()
}

/** A naive evaluator: selectors per record, then the per-record formula per year with math.evaluate. */
export class NaivePeer {
  private members: Int32Array[] = []

  constructor(
    private readonly lib: Library,
    private readonly inv: InventoryTable,
    private readonly tables: PeerTables,
  ) {}

  private activity(i: number): number {
    const u = dictAt(this.inv.unit, i)
    const t = dictAt(this.inv.technology, i)
    const f = this.tables.unitFactor.find((x) => x.unit === u && x.technology === t)?.f
    if (f === undefined) throw new Error(`naive: unit ${String(u)} for ${String(t)}`)
    return (this.inv.activity[i] as number) * f
  }

  private scopeOf(i: number): Record<string, V> {
    const inv = this.inv
    const scope: Record<string, V> = {
      id: inv.ids[i] ?? null,
      region: dictAt(inv.region, i),
      sector: dictAt(inv.sector, i),
      technology: dictAt(inv.technology, i),
      activity: this.activity(i),
    }
    for (const a of inv.attributes) {
      if (a.kind === 'text') scope[a.name] = dictAt(a.values, i)
      else {
        let v: number = a.values[i] as number
        const u = a.unit ? dictAt(a.unit, i) : null
        if (u !== null && !Number.isNaN(v)) v *= this.tables.capFactor.find((c) => c.unit === u)?.f ?? NaN
        scope[a.name] = Number.isNaN(v) ? null : v
      }
    }
    return scope
  }

  /** Evaluate every measure's selector on every included record (done once, like resolve). */
  select(s: Scenario): void {
    const sel = s.measures.map((m) => {
      const t = this.lib.templates.get(m.template)
      if (!t) throw new Error(`naive: template ${m.template}`)
      const exprs = [compileSelector(t.spec.applies_to), ...(m.scope ? [compileSelector(m.scope)] : [])]
      const to = targetOf(t.spec, m.to)
      return { exprs, to }
    })
    this.members = []
    for (let i = 0; i < this.inv.n; i++) {
      const scope = this.scopeOf(i)
      if (!s.regions.includes(String(scope.region))) {
        this.members.push(new Int32Array(0))
        continue
      }
      const list: number[] = []
      sel.forEach(({ exprs, to }, k) => {
        if (to !== undefined && scope.technology === to) return
        const params = paramsOf(this.lib, s, k)
        if (exprs.every((e) => e.evaluate({ ...params, ...scope }) === true)) list.push(k)
      })
      this.members.push(Int32Array.from(list))
    }
  }

  /** Project: one math.evaluate of the record's formula per record, pollutant and year. */
  project(s: Scenario): PeerTotals {
    const years = Array.from({ length: s.years.end - s.years.start + 1 }, (_, k) => s.years.start + k)
    const measures = s.measures.map((m, k) => {
      const t = this.lib.templates.get(m.template)
      if (!t) throw new Error(`naive: template ${m.template}`)
      const p = paramsOf(this.lib, s, k)
      const rho = (['NOx', 'VOCs'] as const).map((pol) => {
        const e = removalOf(t.spec, pol)
        return e ? (math.evaluate(e, { ...p }) as number) : 0
      })
      const scale = t.spec.kind === 'share' ? ((p.s1 ?? 0) - (p.s0 ?? 0)) / (1 - (p.s0 ?? 0)) : 1
      const x = years.map((y) => (m.enabled ? Math.min(1, annualAdoption(m.schedule, y)) * scale : 0))
      const toId = targetOf(t.spec, m.to)
      const to = toId === undefined ? undefined : this.tables.tech.find((q) => q.technology === toId)
      return { kind: t.spec.kind, rho, x, to }
    })
    const growth = (sector: string, y: number): number => {
      let best: { sector: string; rate: number } | undefined
      for (const g of s.growth)
        if ('rate_pct' in g && (sector === g.sector || sector.startsWith(`${g.sector}.`)) && (!best || g.sector.length > best.sector.length))
          best = { sector: g.sector, rate: g.rate_pct }
      return best ? (1 + best.rate / 100) ** (y - s.years.start) : 1
    }
    const out: PeerTotals = { scenario: years.map(() => [0, 0]), counterfactual: years.map(() => [0, 0]) }
    for (let i = 0; i < this.inv.n; i++) {
      if (!s.regions.includes(dictAt(this.inv.region, i) ?? '')) continue
      const tech = this.tables.tech.find((q) => q.technology === dictAt(this.inv.technology, i))
      if (!tech) throw new Error('naive: technology')
      const A = this.activity(i)
      const sector = dictAt(this.inv.sector, i) ?? ''
      const mem = this.members[i] ?? new Int32Array(0)
      for (let p = 0; p < 2; p++) {
        const obs = this.inv.observed[p]?.[i] ?? NaN
        const AE = Number.isNaN(obs) ? A * (p === 0 ? tech.efNox : tech.efVocs) : obs
        const cut: string[] = []
        const sw: string[] = []
        const red: string[] = []
        const swef: string[] = []
        const consts: Record<string, number> = {}
        for (const k of mem) {
          const m = measures[k]
          if (!m) continue
          if (m.kind === 'cut') cut.push(`x${k}`)
          else if (m.kind === 'reduce') {
            red.push(`(1 - x${k} * r${k})`)
            consts[`r${k}`] = m.rho[p] as number
          } else {
            sw.push(`x${k}`)
            swef.push(`x${k} * k${k}`)
            const to = m.to
            const f = this.tables.usefulFactor.find((u) => u.from === to?.usefulUnit && u.to === tech.usefulUnit)?.f ?? NaN
            consts[`k${k}`] = ((tech.useful ?? NaN) / ((to?.useful ?? NaN) * f)) * ((p === 0 ? to?.efNox : to?.efVocs) ?? NaN)
          }
        }
        const sum = (xs: string[]) => (xs.length ? `(${xs.join(' + ')})` : '0')
        const formula = `G * (1 - ${sum(cut)}) * ((1 - ${sum(sw)}) * AE * ${red.length ? red.join(' * ') : '1'} + A * ${sum(swef)})`
        years.forEach((y, yi) => {
          const scope: Record<string, number> = { G: growth(sector, y), A, AE, ...consts }
          for (const k of mem) scope[`x${k}`] = measures[k]?.x[yi] as number
          const e = math.evaluate(formula, scope) as number
          const row = out.scenario[yi] as number[]
          row[p] = (row[p] as number) + e
          const cf = out.counterfactual[yi] as number[]
          cf[p] = (cf[p] as number) + (scope.G as number) * AE
        })
      }
    }
    return out
  }
}
