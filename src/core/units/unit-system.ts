import { create, createUnitDependencies, multiplyDependencies, unitDependencies, type MathJsInstance, type Unit } from 'mathjs'
import type { UnitsFileSpec } from '../schema'
import { unitToMath, type AliasEntry } from './unit-grammar'

/** Units the engine uses canonically. */
export const MASS_T = 't'
export const CAPACITY_UNIT = 't/h'

/** Why a unit could not be used: unparseable, carrying a number, ambiguous, or of the wrong dimension. */
export type UnitProblem =
  | { kind: 'unknown'; unit: string; detail: string }
  | { kind: 'number'; unit: string }
  | { kind: 'ambiguous'; unit: string; name: string }
  | { kind: 'dimension'; from: string; to: string }

/** Longest unit string accepted, in characters. */
export const MAX_UNIT_LENGTH = 100

/**
 * Names mathjs knows that a Chinese inventory would mean otherwise: `ton` is the US short ton (907.18 kg) and `mt`
 * the millitonne (1 kg), where a writer almost always means the metric tonne `t`. They are refused, not guessed.
 */
const AMBIGUOUS = /^(?:[A-Za-z]?tons?|mt)$/

/**
 * Parse and convert units with mathjs, extended with the custom units and the alias table of
 * `models/units.yaml` (万吨, 万立方米, 蒸吨/小时, …). One instance per loaded model library. Every unit string goes
 * through the grammar of `unit-grammar.ts` first (no numbers, aliases bracketed), so mathjs only ever sees names,
 * operators and whole exponents.
 */
export class UnitSystem {
  private mathjs: MathJsInstance | undefined
  private readonly aliases: AliasEntry[]
  private readonly cache = new Map<string, Unit | UnitProblem>()
  private readonly mathOf = new Map<string, string>()
  private readonly known: { valid: Set<string>; factors: Map<string, number>; products: Map<string, number>; dimensions: Map<string, string> } | undefined
  private recorded: { valid: string[]; factors: Map<string, number>; products: Map<string, number>; dimensions: Map<string, string> } | undefined

  /**
   * @param answers what a UnitSystem of the same spec answered before (`recordUnitAnswers`, made when the app or
   * the CLI is built): questions it holds are answered from it, and mathjs's unit machinery is created only for
   * another question. Answers made for another spec are ignored.
   */
  constructor(
    private readonly spec: UnitsFileSpec,
    answers?: UnitAnswers,
  ) {
    // Longest key first, so that 吨公里 wins over 吨 and 万立方米 over 立方米.
    this.aliases = Object.entries(spec.aliases ?? {})
      .map(([k, v]) => {
        const target = unitToMath(v.trim())
        return { key: k.trim(), math: target.ok ? target.math : v.trim() }
      })
      .sort((a, b) => b.key.length - a.key.length || (a.key < b.key ? -1 : 1))
    if (answers && answers.spec === specKey(spec))
      this.known = {
        valid: new Set(answers.valid),
        factors: new Map(Object.entries(answers.factors)),
        products: new Map(Object.entries(answers.products)),
        dimensions: new Map(Object.entries(answers.dimensions ?? {})),
      }
    // Without answers the custom units are defined now, so that a bad definition is reported with the library.
    else this.instance()
  }

  // Only what units need (createUnit, unit, multiply and their dependencies), not `all`: the same factories and
  // Unit class, without bundling and setting up the several hundred functions the core never calls. Creating
  // even these costs more than a whole seed run, hence the answers and the laziness.
  private instance(): MathJsInstance {
    if (this.mathjs) return this.mathjs
    const math = create({ createUnitDependencies, unitDependencies, multiplyDependencies } as Parameters<typeof create>[0])
    for (const c of this.spec.custom ?? []) {
      if (c.definition) math.createUnit(c.name, c.definition, { override: true })
      else math.createUnit(c.name, {}, { override: true })
    }
    this.mathjs = math
    return math
  }

  /** Start keeping every successful answer, for `answers()` (done at build time for the bundled library). */
  record(): void {
    this.recorded = { valid: [], factors: new Map(), products: new Map(), dimensions: new Map() }
  }

  /** Return the answers recorded since `record()`. */
  answers(): UnitAnswers | undefined {
    const r = this.recorded
    return (
      r && {
        spec: specKey(this.spec),
        valid: [...r.valid],
        factors: Object.fromEntries(r.factors),
        products: Object.fromEntries(r.products),
        dimensions: Object.fromEntries(r.dimensions),
      }
    )
  }

  /**
   * Check an alias table entry: its target must follow the grammar without aliases and name a unit mathjs knows.
   * Returns the problem, or undefined when the alias is usable.
   */
  checkAlias(key: string, target: string): UnitProblem | undefined {
    const t = target.trim()
    const g = unitToMath(t)
    if (!g.ok) return g.error.kind === 'number' ? { kind: 'number', unit: t } : { kind: 'unknown', unit: t, detail: 'syntax' }
    if (key.trim() === '') return { kind: 'unknown', unit: key, detail: 'empty alias' }
    return this.check(t)
  }

  /** Rewrite a unit as written in a file (maybe Chinese) into mathjs syntax, or say why it is not a unit. */
  toMath(unit: string): string | UnitProblem {
    const hit = this.mathOf.get(unit)
    if (hit !== undefined) return hit
    const u = unit.trim()
    if (u.length > MAX_UNIT_LENGTH) return { kind: 'unknown', unit: u, detail: 'too long' }
    const g = unitToMath(u, this.aliases)
    if (!g.ok) return g.error.kind === 'number' ? { kind: 'number', unit: u } : { kind: 'unknown', unit: u, detail: 'syntax' }
    for (const name of g.math.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) if (AMBIGUOUS.test(name)) return { kind: 'ambiguous', unit: u, name }
    this.mathOf.set(unit, g.math)
    return g.math
  }

  /** Return why a unit string cannot be used, or undefined when it can. */
  check(unit: string): UnitProblem | undefined {
    if (this.known?.valid.has(unit)) return undefined
    const u = this.parse(unit)
    if (isProblem(u)) return u
    this.recorded?.valid.push(unit)
    return undefined
  }

  /** Parse a unit string; returns the mathjs unit (value 1) or a problem. */
  parse(unit: string): Unit | UnitProblem {
    const hit = this.cache.get(unit)
    if (hit !== undefined) return hit
    let res: Unit | UnitProblem
    const norm = this.toMath(unit)
    if (typeof norm !== 'string') res = norm
    else if (norm === '1' || norm === '') {
      res = { kind: 'unknown', unit, detail: 'dimensionless' }
    } else {
      try {
        res = this.instance().unit(1, norm)
      } catch (e) {
        res = { kind: 'unknown', unit, detail: e instanceof Error ? e.message : String(e) }
      }
    }
    this.cache.set(unit, res)
    return res
  }

  /** Return the factor f with value[to] = value[from] × f, or why not. */
  factor(from: string, to: string): number | UnitProblem {
    const dimless = (u: string) => u.trim() === '1' || u.trim() === ''
    if (dimless(from) || dimless(to)) return dimless(from) && dimless(to) ? 1 : { kind: 'dimension', from, to }
    const key = `${from}\u0000${to}`
    const hit = this.known?.factors.get(key)
    if (hit !== undefined) return hit
    // Two recorded units of different dimensions: the mismatch is known without mathjs.
    const da = this.known?.dimensions.get(from)
    const db = this.known?.dimensions.get(to)
    if (da !== undefined && db !== undefined && da !== db) return { kind: 'dimension', from, to }
    const a = this.parse(from)
    if (isProblem(a)) return a
    const b = this.parse(to)
    if (isProblem(b)) return b
    this.recorded?.dimensions.set(from, JSON.stringify(a.dimensions))
    this.recorded?.dimensions.set(to, JSON.stringify(b.dimensions))
    if (!a.equalBase(b)) return { kind: 'dimension', from, to }
    const f = a.toNumber(this.toMath(to) as string) / 1
    this.recorded?.factors.set(key, f)
    return f
  }

  /**
   * Return the factor that turns `quantityUnit × perUnit` into `target`, e.g. EF kg/t × activity t → t
   * of pollutant; or why not.
   */
  productFactor(quantityUnit: string, perUnit: string, target: string): number | UnitProblem {
    const key = `${quantityUnit}\u0000${perUnit}\u0000${target}`
    const hit = this.known?.products.get(key)
    if (hit !== undefined) return hit
    const a = this.parse(quantityUnit)
    if (isProblem(a)) return a
    const b = this.parse(perUnit)
    if (isProblem(b)) return b
    const t = this.parse(target)
    if (isProblem(t)) return t
    const prod = this.instance().multiply(a, b) as unknown as Unit
    if (!prod.equalBase(t)) return { kind: 'dimension', from: `${quantityUnit} × ${perUnit}`, to: target }
    const f = prod.toNumber(this.toMath(target) as string)
    this.recorded?.products.set(key, f)
    return f
  }
}

/**
 * Answers a UnitSystem gave, kept so that a later UnitSystem of the same spec can give them without mathjs:
 * which unit strings parse, `factor(from, to)` and `productFactor(q, per, target)` by their arguments.
 */
export interface UnitAnswers {
  /** The units spec the answers hold for (`specKey`). */
  spec: string
  valid: string[]
  factors: Record<string, number>
  products: Record<string, number>
  /** Each recorded unit's base dimensions (mathjs's exponent vector as JSON): unequal ones never convert. */
  dimensions?: Record<string, string>
}

/** Return the key that tells whether answers were made for this units spec. */
export function specKey(spec: UnitsFileSpec): string {
  return JSON.stringify([spec.custom ?? [], spec.aliases ?? {}])
}

/** Tell a unit problem from a parsed unit or factor. */
export function isProblem(x: unknown): x is UnitProblem {
  if (typeof x !== 'object' || x === null || !('kind' in x)) return false
  const k = (x as UnitProblem).kind
  return k === 'unknown' || k === 'number' || k === 'ambiguous' || k === 'dimension'
}
