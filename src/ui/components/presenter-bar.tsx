import type { Scenario } from '../../core'
import { pick, t, type Lang } from '../i18n'

/** Show the presenter's progress "k / N", the measure just switched on, and step buttons. */
export function PresenterBar({
  scenario,
  steps,
  step,
  lang,
  onStep,
  onExit,
}: {
  scenario: Scenario
  steps: readonly number[]
  step: number
  lang: Lang
  onStep: (step: number) => void
  onExit: () => void
}) {
  const n = steps.length
  const current = step > 0 ? scenario.measures[steps[step - 1] ?? -1] : undefined
  return (
    <section className="presenter" aria-live="polite">
      <div className="presenter-main">
        <button type="button" onClick={() => onStep(Math.max(0, step - 1))} disabled={step === 0} data-testid="present-prev">
          ◀ {t(lang, 'prev')}
        </button>
        <div className="presenter-now">
          <div className="progress" data-testid="present-progress">
            {step} / {n}
          </div>
          <div className="presenter-title" data-testid="present-title">
            {current ? (
              <>
                {pick(lang, current.label)} <span className="clause-badge">{current.clause}</span>
              </>
            ) : (
              t(lang, 'noMeasures')
            )}
          </div>
        </div>
        <button type="button" onClick={() => onStep(Math.min(n, step + 1))} disabled={step >= n} data-testid="present-next">
          {t(lang, 'next')} ▶
        </button>
      </div>
      <div className="progress-bar" aria-hidden="true">
        <div style={{ width: `${n > 0 ? (100 * step) / n : 0}%` }} />
      </div>
      <ol className="presenter-list">
        {steps.map((mi, k) => {
          const m = scenario.measures[mi]
          return (
            <li key={m?.id ?? k} className={k < step ? 'on' : ''}>
              <button type="button" onClick={() => onStep(k + 1)}>
                {pick(lang, m?.label)}
              </button>
            </li>
          )
        })}
      </ol>
      <div className="muted small">
        {t(lang, 'presentHint')} ·{' '}
        <button type="button" className="link" onClick={onExit}>
          {t(lang, 'exitPresent')} (Esc)
        </button>
      </div>
    </section>
  )
}
