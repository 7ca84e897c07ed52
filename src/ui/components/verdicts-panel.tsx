import type { Assumption } from '../../core'
import type { RunView, TargetVerdictView, VerdictsView } from '../../protocol'
import { formatNumber } from '../number-format'
import { barWidth, formatInput } from './verdicts-format'
import { pick, t, type Lang } from '../i18n'
import type { FollowUp } from '../state/after-run'
import { formatMass, unitLabel, type MassUnit } from '../units'
import { IssueList } from './issue-list'
import { ProvenanceMark } from './provenance-mark'
import { goToInput, inputSelector } from './verdicts-nav'

/** One flip point: what the input is, today → flip, how far, and where today's value comes from; a button to move to it. */
function FlipRow({ a, i, target, lang, unit }: { a: Assumption; i: number; target: TargetVerdictView; lang: Lang; unit: MassUnit }) {
  const movable = inputSelector(a, target.id) !== undefined
  const d = a.distance ?? NaN
  return (
    <li className="flip-row" data-testid={`flip-${target.id}-${i}`} data-kind={a.kind} data-value={a.value} data-flip={a.flip ?? ''} data-measure={a.measure}>
      <button
        type="button"
        className="flip-go"
        disabled={!movable}
        title={movable ? t(lang, 'flipGo') : t(lang, 'flipLibrary')}
        onClick={() => goToInput(a, target.id)}
        data-testid={`flip-go-${target.id}-${i}`}
      >
        {pick(lang, a.label)}
      </button>
      <span className="flip-values">
        {formatInput(a, a.value, lang, unit)} → <strong>{a.flip === null ? '—' : formatInput(a, a.flip, lang, unit)}</strong>
      </span>
      <span className="flip-bar" title={`${t(lang, 'flipDistance')} ${Number.isFinite(d) ? `${formatNumber(d * 100, lang, 0, 1)} %` : '—'}`}>
        <span style={{ width: barWidth(a.distance) }} />
      </span>
      <span className="muted small flip-distance">{Number.isFinite(d) ? `${formatNumber(d * 100, lang, 0, 1)} %` : '—'}</span>
      <ProvenanceMark p={a.provenance} lang={lang} />
    </li>
  )
}

/**
 * Show what one target's verdict rests on: the inputs whose flip points lie closest to today's values, as a ranked
 * list with a bar of how far each is (relative change), each a button that moves to the control editing it. Fed by
 * the worker's `verdicts` after each run (`useAfterRun`); says so while the run on screen has no answer yet.
 */
export function VerdictsPanel({
  follow,
  view,
  targetId,
  lang,
  unit,
  onClose,
}: {
  follow: FollowUp<VerdictsView>
  view: RunView
  targetId: string
  lang: Lang
  unit: MassUnit
  onClose: () => void
}) {
  const current = follow.hash === view.scenarioHash && follow.value !== undefined
  const target = current ? follow.value?.targets.find((x) => x.id === targetId) : undefined
  const result = view.targets.find((x) => x.id === targetId)
  // A stopped computation (a newer edit arrived) is not news: the newer run's answer follows.
  const issues = follow.issues.filter((i) => i.code !== 'verdicts.stale')
  return (
    <section className="verdicts-panel" data-testid="verdicts-panel" data-target={targetId} data-current={current} aria-label={t(lang, 'restsOn')}>
      <header>
        <strong>{t(lang, 'restsOn')}</strong>{' '}
        <span className="muted">
          · {t(lang, 'target')} {targetId}
          {result ? ` (${result.pollutant}, ${result.year})` : ''}
        </span>
        {result ? (
          <span className={`badge ${result.met ? 'met' : 'missed'}`} data-testid="verdicts-met" data-met={result.met}>
            {result.met ? `✓ ${t(lang, 'met')}` : `✗ ${t(lang, 'notMet')}`}
          </span>
        ) : null}
        <button type="button" className="close" onClick={onClose} aria-label={t(lang, 'close')} data-testid="verdicts-close">
          ×
        </button>
      </header>
      <IssueList issues={issues} lang={lang} testId="verdicts-issues" />
      {!current && issues.length === 0 ? <div className="muted small">{t(lang, 'computing')}</div> : null}
      {target ? (
        <>
          <p className="muted small">{t(lang, result?.met ? 'restsOnMet' : 'restsOnMissed')}</p>
          {target.assumptions.length === 0 ? (
            <div className="muted small" data-testid="verdicts-none">
              {t(lang, 'flipNone')}
            </div>
          ) : (
            <ol className="flip-list">
              {target.assumptions.map((a, i) => (
                <FlipRow
                  key={`${a.kind}:${a.measure ?? ''}:${a.param ?? ''}:${a.technology ?? ''}:${a.pollutant ?? ''}:${a.sector ?? ''}`}
                  a={a}
                  i={i}
                  target={target}
                  lang={lang}
                  unit={unit}
                />
              ))}
            </ol>
          )}
          {target.reference?.backcast ? (
            <p className="muted small" data-testid="verdicts-backcast">
              {t(lang, 'backcastNote')} {formatMass(target.reference.backcast.value, unit, lang)} {unitLabel(unit, lang, false)}:{' '}
              {target.reference.backcast.met ? t(lang, 'met') : t(lang, 'notMet')}
            </p>
          ) : null}
          <p className="muted small" data-testid="verdicts-summary">
            {target.flipping} / {target.inputs} {t(lang, 'flipCount')} · {follow.value?.runs} {t(lang, 'flipRuns')}, {(follow.value?.ms ?? 0).toFixed(0)} ms
          </p>
        </>
      ) : null}
    </section>
  )
}
