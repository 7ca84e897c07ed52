import type { Issue, Scenario } from '../../core'
import type { RunView } from '../../protocol'
import { t, type Lang, type StringKey } from '../i18n'
import { newTarget, withKind } from '../scenario-edit-ops'
import { IssueList, issuesAt } from './issue-list'
import { useOpenOnIssues } from './use-open-on-issues'

type Target = Scenario['targets'][number]
type Kind = Target['kind']

const KINDS: { id: Kind; key: StringKey }[] = [
  { id: 'reduction_pct', key: 'kindReductionPct' },
  { id: 'cap_t', key: 'kindCapT' },
  { id: 'engineering_t', key: 'kindEngineeringT' },
]

/** Props of the targets editor. */
export interface TargetsEditorProps {
  scenario: Scenario
  view: RunView | undefined
  issues: readonly Issue[]
  lang: Lang
  /** Apply a change of the scenario; `key` names the control so that typing is one undo step. */
  onChange: (change: (s: Scenario) => Scenario, key: string) => void
}

/** List, add, edit and remove the plan's targets; each row shows its status from the last run and its errors. */
export function TargetsEditor({ scenario, view, issues, lang, onChange }: TargetsEditorProps) {
  const mine = issuesAt(issues, ['targets'])
  const details = useOpenOnIssues(mine.length)
  const update = (i: number, f: (x: Target) => Target, field: string) =>
    onChange((s) => ({ ...s, targets: s.targets.map((x, k) => (k === i ? f(x) : x)) }), `target:${i}:${field}`)
  const num = (v: number, apply: (n: number) => void) => {
    if (Number.isFinite(v)) apply(v)
  }
  return (
    <details className="editor targets-editor" data-testid="targets-editor" ref={details}>
      <summary>
        {t(lang, 'targetsEditor')} <span className="muted">({scenario.targets.length})</span>
        {mine.length > 0 ? <span className="issue-count">⚠ {mine.length}</span> : null}
      </summary>
      {scenario.targets.length === 0 ? <div className="muted small">{t(lang, 'noTargets')}</div> : null}
      {scenario.targets.map((x, i) => {
        const result = view?.targets.find((r) => r.id === x.id)
        const rowIssues = issuesAt(issues, ['targets', i])
        return (
          <div key={`${x.id}-${i}`} className="editor-row" data-testid={`target-row-${x.id}`}>
            <div className="editor-row-head">
              <strong>{x.id}</strong>
              {result ? (
                <span className={`badge ${result.met ? 'met' : 'missed'}`} data-testid={`target-status-${x.id}`} data-met={result.met}>
                  {result.met ? `✓ ${t(lang, 'met')}` : `✗ ${t(lang, 'notMet')}`}
                </span>
              ) : null}
              <span className="spacer" />
              <button
                type="button"
                className="link-btn"
                data-testid={`target-remove-${x.id}`}
                onClick={() => onChange((s) => ({ ...s, targets: s.targets.filter((_, k) => k !== i) }), `target:${i}:remove:${Date.now()}`)}
              >
                {t(lang, 'remove')}
              </button>
            </div>
            <div className="editor-grid">
              <label>
                <span>{t(lang, 'pollutant')}</span>
                <select
                  value={x.pollutant}
                  onChange={(e) => update(i, (y) => ({ ...y, pollutant: e.currentTarget.value === 'VOCs' ? 'VOCs' : 'NOx' }), 'pollutant')}
                >
                  <option value="NOx">NOx</option>
                  <option value="VOCs">VOCs</option>
                </select>
              </label>
              <label>
                <span>{t(lang, 'year')}</span>
                <input
                  type="number"
                  step={1}
                  value={x.year}
                  data-testid={`target-year-${x.id}`}
                  onChange={(e) => num(e.currentTarget.valueAsNumber, (v) => update(i, (y) => ({ ...y, year: v }), 'year'))}
                />
              </label>
              <label>
                <span>{t(lang, 'kind')}</span>
                <select
                  value={x.kind}
                  data-testid={`target-kind-${x.id}`}
                  onChange={(e) => update(i, (y) => withKind(y, e.currentTarget.value as Kind, scenario.years.start), 'kind')}
                >
                  {KINDS.map((k) => (
                    <option key={k.id} value={k.id}>
                      {t(lang, k.key)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t(lang, 'value')}</span>
                <input
                  type="number"
                  step="any"
                  value={x.value}
                  data-testid={`target-value-${x.id}`}
                  onChange={(e) => num(e.currentTarget.valueAsNumber, (v) => update(i, (y) => ({ ...y, value: v }), 'value'))}
                />
              </label>
              {x.kind === 'reduction_pct' ? (
                <>
                  <label>
                    <span>{t(lang, 'reference')}</span>
                    <select
                      value={'value_t' in x.reference ? 'explicit' : 'year'}
                      data-testid={`target-ref-mode-${x.id}`}
                      onChange={(e) => {
                        const explicit = e.currentTarget.value === 'explicit'
                        update(
                          i,
                          (y) =>
                            y.kind !== 'reduction_pct'
                              ? y
                              : {
                                  ...y,
                                  reference: explicit
                                    ? { year: y.reference.year, value_t: 1000, source: t(lang, 'userTargetSource') }
                                    : { year: y.reference.year },
                                },
                          'refmode',
                        )
                      }}
                    >
                      <option value="year">{t(lang, 'referenceYear')}</option>
                      <option value="explicit">{t(lang, 'referenceExplicit')}</option>
                    </select>
                  </label>
                  <label>
                    <span>{t(lang, 'year')}</span>
                    <input
                      type="number"
                      step={1}
                      value={x.reference.year}
                      data-testid={`target-ref-year-${x.id}`}
                      onChange={(e) =>
                        num(e.currentTarget.valueAsNumber, (v) =>
                          update(i, (y) => (y.kind === 'reduction_pct' ? { ...y, reference: { ...y.reference, year: v } } : y), 'refyear'),
                        )
                      }
                    />
                  </label>
                  {'value_t' in x.reference ? (
                    <>
                      <label>
                        <span>{t(lang, 'referenceT')}</span>
                        <input
                          type="number"
                          step="any"
                          value={x.reference.value_t}
                          data-testid={`target-ref-t-${x.id}`}
                          onChange={(e) =>
                            num(e.currentTarget.valueAsNumber, (v) =>
                              update(
                                i,
                                (y) => (y.kind === 'reduction_pct' && 'value_t' in y.reference ? { ...y, reference: { ...y.reference, value_t: v } } : y),
                                'reft',
                              ),
                            )
                          }
                        />
                      </label>
                      <label className="wide">
                        <span>
                          {t(lang, 'reference')} · {t(lang, 'source')}
                        </span>
                        <input
                          value={x.reference.source}
                          onChange={(e) => {
                            const v = e.currentTarget.value
                            update(
                              i,
                              (y) => (y.kind === 'reduction_pct' && 'value_t' in y.reference ? { ...y, reference: { ...y.reference, source: v } } : y),
                              'refsource',
                            )
                          }}
                        />
                      </label>
                    </>
                  ) : null}
                </>
              ) : null}
              <label className="wide">
                <span>{t(lang, 'source')}</span>
                <input
                  value={x.source}
                  onChange={(e) => {
                    const v = e.currentTarget.value
                    update(i, (y) => ({ ...y, source: v }), 'source')
                  }}
                />
              </label>
            </div>
            <IssueList issues={rowIssues} lang={lang} testId={`target-issues-${x.id}`} />
          </div>
        )
      })}
      <button
        type="button"
        data-testid="add-target"
        onClick={() => onChange((s) => ({ ...s, targets: [...s.targets, newTarget(s, t(lang, 'userTargetSource'))] }), `target:add:${Date.now()}`)}
      >
        ＋ {t(lang, 'addTarget')}
      </button>
    </details>
  )
}
