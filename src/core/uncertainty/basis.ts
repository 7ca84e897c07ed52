import type { Label, Scenario } from '../schema'
import type { Distribution } from './distributions'
import type { InputKind, UncertainInput } from './inputs'

/** How a target's reference behaves in the draws: a stated tonnage stays fixed; a projected or back-cast one moves. */
export type ReferenceInDraws = 'stated' | 'projected' | 'backcast'

/** What a probability of meeting a target includes and leaves out (README "Uncertainty"), for the CLI and the app. */
export interface ProbabilityBasis {
  /** Sampled inputs by kind, with how many and their default spread, in both languages. */
  included: { kind: InputKind; count: number; label: Label }[]
  /** What no draw changes. */
  excluded: Label
  /** Each `reduction_pct` target's reference and whether it moves with the draws. */
  references: { id: string; reference: ReferenceInDraws; moves: boolean; label: Label }[]
}

const r2 = (v: number) => Math.round(v * 1000) / 1000

/** Return the common spread of one kind of input in words, or '' when the inputs differ (e.g. EF ranges). */
function spreadOf(kind: InputKind, dists: readonly Distribution[]): string {
  const d = dists[0]
  if (!d || dists.some((x) => JSON.stringify(x) !== JSON.stringify(d)) || d.kind === 'lognormal') return ''
  if (kind === 'growth') return `±${r2(Math.max(Math.abs(d.low), Math.abs(d.high)) * 100)} pp/yr`
  if (kind === 'adoption') return `${r2(d.low)}–${r2(d.high)}`
  return `×${r2(d.low)}–${r2(d.high)}`
}

/** Label one kind of sampled input, with its count and its spread (as the draws use it). */
function kindLabel(kind: InputKind, n: number, spread: string): Label {
  const sp = spread ? `，${spread}` : ''
  const spEn = spread ? `, ${spread}` : ''
  if (kind === 'ef')
    return { zh: `${n} 项排放因子（模型库范围，对数三角分布${sp}）`, en: `${n} emission factors (library ranges, log-scale triangular${spEn})` }
  if (kind === 'removal') return { zh: `${n} 项去除率（${spread || '各不相同'}）`, en: `${n} removal fractions (${spread || 'various'})` }
  if (kind === 'growth') return { zh: `${n} 项行业年增长率（${spread || '各不相同'}）`, en: `${n} sector growth rates (${spread || 'various'})` }
  return { zh: `${n} 项措施实际落实程度（${spread || '各不相同'}）`, en: `${n} measures' achieved adoption (${spread || 'various'})` }
}

/**
 * Return what a Monte Carlo P(target met) includes: the sampled inputs by kind with their spreads as the draws use
 * them, what stays fixed, and for each relative target whether its reference moves with the same draws (projected
 * year, growth back-cast) or is a stated tonnage that does not.
 */
export function probabilityBasis(s: Scenario, inputs: readonly UncertainInput[]): ProbabilityBasis {
  const kinds: InputKind[] = ['ef', 'removal', 'growth', 'adoption']
  const included = kinds
    .map((kind) => ({ kind, of: inputs.filter((u) => u.kind === kind) }))
    .filter((k) => k.of.length > 0)
    .map((k) => ({
      kind: k.kind,
      count: k.of.length,
      label: kindLabel(
        k.kind,
        k.of.length,
        k.kind === 'ef'
          ? ''
          : spreadOf(
              k.kind,
              k.of.map((u) => u.dist),
            ),
      ),
    }))
  const references = s.targets.flatMap((t) => {
    if (t.kind !== 'reduction_pct') return []
    const reference: ReferenceInDraws = 'value_t' in t.reference ? 'stated' : 'backcast' in t.reference ? 'backcast' : 'projected'
    const moves = reference !== 'stated'
    const label: Label =
      reference === 'stated'
        ? {
            zh: `${t.id}：基准为给定值 ${t.reference.year} 年 ${'value_t' in t.reference ? t.reference.value_t : ''} 吨，各次抽样不变（清单排放因子的不确定性未传入基准）`,
            en: `${t.id}: the reference is a stated ${t.reference.year} tonnage (${'value_t' in t.reference ? t.reference.value_t : ''} t), fixed in every draw (the inventory's EF uncertainty does not reach it)`,
          }
        : {
            zh: `${t.id}：基准（${reference === 'backcast' ? '按增长倒推' : '预测年'} ${t.reference.year}）随同一抽样变化`,
            en: `${t.id}: the reference (${reference === 'backcast' ? 'growth back-cast' : 'projected year'} ${t.reference.year}) moves with the same draws`,
          }
    return [{ id: t.id, reference, moves, label }]
  })
  return {
    included,
    excluded: {
      zh: '不含：措施时间表（日期）、去除率以外的参数、目标值、给定的基准吨数',
      en: 'not included: measure schedules (dates), parameters other than removal fractions, the targets’ values, stated reference tonnages',
    },
    references,
  }
}
