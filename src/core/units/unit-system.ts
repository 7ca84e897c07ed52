import { create, createUnitDependencies, multiplyDependencies, unitDependencies, type MathJsInstance, type Unit } from 'mathjs'
import type { UnitsFileSpec } from '../schema'

/** Units the engine uses canonically. */
export const MASS_T = 't'
export const CAPACITY_UNIT = 't/h'

/** Why a unit could not be used: unparseable, or of the wrong dimension. */
export type UnitProblem = { kind: 'unknown'; unit: string; detail: string } | { kind: 'dimension'; from: string; to: string }

/**
 * Parse and convert units with mathjs, extended with the custom units and the alias table of
 * `models/units.yaml` (万吨, 万立方米, 蒸吨/小时, …). One instance per loaded model library.
 */
export class UnitSystem {
  private readonly math: MathJsInstance
  private readonly aliases: Map<string, string>
  private readonly cache = new Map<string, Unit | UnitProblem>()

  constructor(spec: UnitsFileSpec) {
    // Only what units need (createUnit, unit, multiply and their dependencies), not `all`: the same factories and
    // Unit class, without bundling and setting up the several hundred functions the core never calls.
    this.math = create({ createUnitDependencies, unitDependencies, multiplyDependencies } as Parameters<typeof create>[0])
    for (const c of spec.custom ?? []) {
      if (c.definition) this.math.createUnit(c.name, c.definition, { override: true })
      else this.math.createUnit(c.name, {}, { override: true })
    }
    this.aliases = new Map(Object.entries(spec.aliases ?? {}).map(([k, v]) => [k.trim(), v]))
  }

  /** Rewrite a unit as written in a file (maybe Chinese) into mathjs syntax. */
  normalize(unit: string): string {
    const u = unit.trim()
    const whole = this.aliases.get(u)
    if (whole !== undefined) return whole
    // Replace alias tokens between operators, e.g. "kg/万立方米" → "kg/wm3".
    return u
      .split(/([*/()·]|\s+)/)
      .map((tok) => {
        const t = tok.trim()
        if (t === '·') return ' '
        return t.length > 0 ? (this.aliases.get(t) ?? tok) : tok
      })
      .join('')
  }

  /** Parse a unit string; returns the mathjs unit (value 1) or a problem. */
  parse(unit: string): Unit | UnitProblem {
    const hit = this.cache.get(unit)
    if (hit !== undefined) return hit
    let res: Unit | UnitProblem
    const norm = this.normalize(unit)
    if (norm === '1' || norm === '') {
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
    const dimless = (u: string) => ['1', ''].includes(this.normalize(u))
    if (dimless(from) || dimless(to)) return dimless(from) && dimless(to) ? 1 : { kind: 'dimension', from, to }
    const a = this.parse(from)
    if (isProblem(a)) return a
    const b = this.parse(to)
    if (isProblem(b)) return b
    if (!a.equalBase(b)) return { kind: 'dimension', from, to }
    return a.toNumber(this.normalize(to)) / 1
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
    return prod.toNumber(this.normalize(target))
  }
}

/** Tell a unit problem from a parsed unit or factor. */
export function isProblem(x: unknown): x is UnitProblem {
  return typeof x === 'object' && x !== null && 'kind' in x && ((x as UnitProblem).kind === 'unknown' || (x as UnitProblem).kind === 'dimension')
}
