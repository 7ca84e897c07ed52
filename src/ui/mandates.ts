import type { MeasureInstance, OptimizedMeasure } from '../core'
import type { Lang } from './lang'

/**
 * Return the plan's requirement when a switched-on measure's final level is below its mandate (docs/formats.md,
 * "Provenance and mandates"), as the level and the clause's words for a hover; undefined otherwise.
 */
export function mandateShortfall(
  m: Pick<MeasureInstance, 'mandate' | 'enabled' | 'schedule'>,
  lang: Lang,
): { at: string; title: string; level: number } | undefined {
  const mandate = m.mandate
  // Levels are edited in whole per cent: a level within half a per cent of the mandate's is at it.
  if (!mandate || !m.enabled || m.schedule.level >= mandate.level - 0.005) return undefined
  const at = `${Math.round(mandate.level * 100)} %`
  const fixed = mandate.bound === 'fixed'
  const title =
    lang === 'zh'
      ? `方案条款 ${mandate.clause}：“${mandate.words}”，要求最终落实比例${fixed ? '为' : '不低于'} ${at}`
      : `Plan clause ${mandate.clause}: “${mandate.words}”; the final level must be ${fixed ? 'exactly' : 'at least'} ${at}`
  return { at, title, level: mandate.level }
}

/** Return what the optimiser's proposal says of a mandated measure: the level the mandate held, or the bound it keeps. */
export function proposalMandateText(m: Pick<OptimizedMeasure, 'mandate' | 'heldByMandate'>, lang: Lang): string | undefined {
  const mandate = m.mandate
  if (!mandate) return undefined
  const at = `${Math.round(mandate.level * 100)} %`
  const fixed = mandate.bound === 'fixed'
  if (m.heldByMandate) return lang === 'zh' ? `按方案强制要求保持 ${at}（${mandate.clause}）` : `held at ${at} by the plan's mandate (${mandate.clause})`
  return lang === 'zh' ? `方案强制要求${fixed ? '为' : '不低于'} ${at}（${mandate.clause}）` : `mandated ${fixed ? 'at' : 'at least'} ${at} (${mandate.clause})`
}
