// The built CLI's stand-in for mathjs (vite.cli.config.ts puts it in mathjs's place for the core). The core reaches
// mathjs only through create(…Dependencies), so here the dependency objects are names and create() loads mathjs
// itself (its CommonJS build, from node_modules) the first time a run needs it. Most runs never do: the expression
// parser defers to mathjs only for unusual text (src/core/expr/fast-parse.ts) and the units only for a unit the
// library's recorded answers do not hold (src/core/units/unit-system.ts). The bundle is then half its size.
import { createRequire } from 'node:module'
import type * as MathJs from 'mathjs'

let real: typeof MathJs | undefined
const load = (): typeof MathJs => (real ??= createRequire(import.meta.url)('mathjs') as typeof MathJs)

/** A dependency set of mathjs, by name: create() takes mathjs's own object of that name. */
type Named = { lazyMathjs: keyof typeof MathJs }
const named = (name: keyof typeof MathJs): Named => ({ lazyMathjs: name })

export const parseDependencies = named('parseDependencies')
export const createUnitDependencies = named('createUnitDependencies')
export const unitDependencies = named('unitDependencies')
export const multiplyDependencies = named('multiplyDependencies')

/** Create a mathjs instance as mathjs's `create` does, from the dependency sets named in `deps`. */
export function create(deps: Record<string, Named>, config?: MathJs.ConfigOptions): MathJs.MathJsInstance {
  const m = load()
  const sets = Object.fromEntries(Object.values(deps).map((d) => [d.lazyMathjs, m[d.lazyMathjs]]))
  return m.create(sets as MathJs.FactoryFunctionMap, config)
}
