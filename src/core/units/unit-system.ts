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
  private mathjs: MathJsInstance | undefined
  private readonly aliases: Map<string, string>
  private readonly cache = new Map<string, Unit | UnitProblem>()
  private readonly known: UnitAnswers | undefined
  private recorded: UnitAnswers | undefined

  /**
   * @param answers what a UnitSystem of the same spec answered before (`recordUnitAnswers`, made when the app or
   * the CLI is built): questions it holds are answered from it, and mathjs's unit machinery is created only for
   * another question. Answers made for another spec are ignored.
   */
  constructor(
    private readonly spec: UnitsFileSpec,
    answers?: UnitAnswers,
  ) {
    this.aliases = new Map(Object.entries(spec.aliases ?? {}).map(([k, v]) => [k.trim(), v]))
    if (answers && answers.spec === specKey(spec)) this.known = answers
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
    this.recorded = { spec: specKey(this.spec), valid: [], factors: {}, products: {} }
  }

  /** Return the answers recorded since `record()`. */
  answers(): UnitAnswers | undefined {
    return this.recorded
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

  /** Return why a unit string cannot be used, or undefined when it can. */
  check(unit: string): UnitProblem | undefined {
    if (this.known?.valid.includes(unit)) return undefined
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
    const norm = this.normalize(unit)
    if (norm === '1' || norm === '') {
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
    const dimless = (u: string) => ['1', ''].includes(this.normalize(u))
    if (dimless(from) || dimless(to)) return dimless(from) && dimless(to) ? 1 : { kind: 'dimension', from, to }
    const key = `${from}\u0000${to}`
    const hit = this.known?.factors[key]
    if (hit !== undefined) return hit
    const a = this.parse(from)
    if (isProblem(a)) return a
    const b = this.parse(to)
    if (isProblem(b)) return b
    if (!a.equalBase(b)) return { kind: 'dimension', from, to }
    const f = a.toNumber(this.normalize(to)) / 1
    if (this.recorded) this.recorded.factors[key] = f
    return f
  }

  /**
   * Return the factor that turns `quantityUnit × perUnit` into `target`, e.g. EF kg/t × activity t → t
   * of pollutant; or why not.
   */
  productFactor(quantityUnit: string, perUnit: string, target: string): number | UnitProblem {
    const key = `${quantityUnit}\u0000${perUnit}\u0000${target}`
    const hit = this.known?.products[key]
    if (hit !== undefined) return hit
    const a = this.parse(quantityUnit)
    if (isProblem(a)) return a
    const b = this.parse(perUnit)
    if (isProblem(b)) return b
    const t = this.parse(target)
    if (isProblem(t)) return t
    const prod = this.instance().multiply(a, b) as unknown as Unit
    if (!prod.equalBase(t)) return { kind: 'dimension', from: `${quantityUnit} × ${perUnit}`, to: target }
    const f = prod.toNumber(this.normalize(target))
    if (this.recorded) this.recorded.products[key] = f
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
}

/** Return the key that tells whether answers were made for this units spec. */
export function specKey(spec: UnitsFileSpec): string {
  return JSON.stringify([spec.custom ?? [], spec.aliases ?? {}])
}

/** Tell a unit problem from a parsed unit or factor. */
export function isProblem(x: unknown): x is UnitProblem {
  return typeof x === 'object' && x !== null && 'kind' in x && ((x as UnitProblem).kind === 'unknown' || (x as UnitProblem).kind === 'dimension')
}
