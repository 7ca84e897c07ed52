import type { ProbabilityBasis } from '../../core'
import { pick, t, type Lang } from '../i18n'

/**
 * State what a Monte Carlo P(target met) includes: the sampled inputs by kind with their spreads, what no draw
 * changes, and for each relative target whether its reference moves with the same draws (README "Uncertainty").
 */
export function McBasis({ basis, lang }: { basis: ProbabilityBasis; lang: Lang }) {
  return (
    <div className="mc-basis" data-testid="mc-basis">
      <strong>{t(lang, 'mcBasis')}:</strong>
      <ul>
        {basis.included.map((k) => (
          <li key={k.kind} data-testid={`mc-basis-${k.kind}`} data-count={k.count}>
            {pick(lang, k.label)}
          </li>
        ))}
        {basis.references.map((r) => (
          <li key={`ref-${r.id}`} data-testid={`mc-basis-ref-${r.id}`} data-moves={r.moves} data-reference={r.reference}>
            {pick(lang, r.label)}
          </li>
        ))}
      </ul>
      <div className="muted">
        {t(lang, 'mcBasisExcluded')}
        {pick(lang, basis.excluded)}
      </div>
    </div>
  )
}
