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
  private readonly math: MathJsInstance
  private readonly aliases: AliasEntry[]
  private readonly cache = new Map<string, Unit | UnitProblem>()
  private readonly mathOf = new Map<string, string>()

  constructor(spec: UnitsFileSpec) {
    // Only what units need (createUnit, unit, multiply and their dependencies), not `all`: the same factories and
    // Unit class, without bundling and setting up the several hundred functions the core never calls.
    this.math = create({ createUnitDependencies, unitDependencies, multiplyDependencies } as Parameters<typeof create>[0])
    for (const c of spec.custom ?? []) {
      if (c.definition) this.math.createUnit(c.name, c.definition, { override: true })
      else this.math.createUnit(c.name, {}, { override: true })
    }
    // Longest key first, so that 吨公里 wins over 吨 and 万立方米 over 立方米.
    this.aliases = Object.entries(spec.aliases ?? {})
      .map(([k, v]) => {
        const target = unitToMath(v.trim())
        return { key: k.trim(), math: target.ok ? target.math : v.trim() }
      })
      .sort((a, b) => b.key.length - a.key.length || (a.key < b.key ? -1 : 1))
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
    const u = this.parse(t)
    return isProblem(u) ? u : undefined
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
        res = this.math.unit(1, norm)
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
    const a = this.parse(from)
    if (isProblem(a)) return a
    const b = this.parse(to)
    if (isProblem(b)) return b
    if (!a.equalBase(b)) return { kind: 'dimension', from, to }
    return a.toNumber(this.toMath(to) as string) / 1
  }

  /**
   * Return the factor that turns `quantityUnit × perUnit` into `target`, e.g. EF kg/t × activity t → t
   * of pollutant; or why not.
   */
  productFactor(quantityUnit: string, perUnit: string, target: string): number | UnitProblem {
    const a = this.parse(quantityUnit)
    if (isProblem(a)) return a
    const b = this.parse(perUnit)
    if (isProblem(b)) return b
    const t = this.parse(target)
    if (isProblem(t)) return t
    const prod = this.math.multiply(a, b) as unknown as Unit
    if (!prod.equalBase(t)) return { kind: 'dimension', from: `${quantityUnit} × ${perUnit}`, to: target }
    return prod.toNumber(this.toMath(target) as string)
  }
}

/** Tell a unit problem from a parsed unit or factor. */
export function isProblem(x: unknown): x is UnitProblem {
  if (typeof x !== 'object' || x === null || !('kind' in x)) return false
  const k = (x as UnitProblem).kind
  return k === 'unknown' || k === 'number' || k === 'ambiguous' || k === 'dimension'
}
