import type { MeasureInstance, OptimizedMeasure } from '../../core'
import { t, type Lang } from '../i18n'
import { mandateShortfall, proposalMandateText } from '../mandates'

/**
 * Flag a switched-on measure whose final level is below the level its plan mandates, with the clause and its words on
 * hover. Renders nothing otherwise; the optimiser never proposes such a level, but the user may set one to see what
 * the mandate is worth.
 */
export function MandateFlag({ m, lang }: { m: Pick<MeasureInstance, 'mandate' | 'enabled' | 'schedule'>; lang: Lang }) {
  const short = mandateShortfall(m, lang)
  if (!short) return null
  return (
    <span className="mandate-below" title={short.title} data-testid="mandate-below" data-mandate={short.level}>
      ⚠ {t(lang, 'mandateBelow')} ({short.at})
    </span>
  )
}

/**
 * Say in the optimiser's proposal which level a mandate held (the mandate, not the cost, set it) and which measures
 * carry one (the proposal never goes below it; a `fixed` one is not a decision variable).
 */
export function ProposalMandate({ m, lang }: { m: Pick<OptimizedMeasure, 'mandate' | 'heldByMandate'>; lang: Lang }) {
  const text = proposalMandateText(m, lang)
  if (!text || !m.mandate) return null
  return (
    <span className="muted small" data-testid={`opt-mandate-${m.heldByMandate ? 'held' : 'bound'}`} title={`${m.mandate.clause}: ${m.mandate.words}`}>
      {' '}
      · {text}
    </span>
  )
}
