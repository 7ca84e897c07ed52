import { useState } from 'react'
import type { Issue, Scenario } from '../../core'
import type { LibraryInfo } from '../../protocol'
import { both, pick, t, type Lang } from '../i18n'
import { indexText, parseIndex } from '../scenario-edit-ops'
import { IssueList, issuesAt } from './issue-list'
import { useOpenOnIssues } from './use-open-on-issues'
import { hasOwn } from '../../core/own'

type Growth = Scenario['growth'][number]

/** Props of the growth editor. */
export interface GrowthEditorProps {
  scenario: Scenario
  library: LibraryInfo | undefined
  issues: readonly Issue[]
  lang: Lang
  onChange: (change: (s: Scenario) => Scenario, key: string) => void
}

/** List, add, edit and remove the counterfactual's growth entries: a sector with an annual rate or an index series. */
export function GrowthEditor({ scenario, library, issues, lang, onChange }: GrowthEditorProps) {
  const mine = issuesAt(issues, ['growth'])
  const details = useOpenOnIssues(mine.length)
  const sectors = Object.entries(library?.sectors ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1))
  const update = (i: number, g: Growth, field: string) => onChange((s) => ({ ...s, growth: s.growth.map((x, k) => (k === i ? g : x)) }), `growth:${i}:${field}`)
  const used = new Set(scenario.growth.map((g) => g.sector))
  const firstFree = sectors.find(([id]) => !used.has(id))?.[0] ?? sectors[0]?.[0] ?? 'industry'
  return (
    <details className="editor growth-editor" data-testid="growth-editor" ref={details}>
      <summary>
        {t(lang, 'growthEditor')} <span className="muted">({scenario.growth.length})</span>
        {mine.length > 0 ? <span className="issue-count">⚠ {mine.length}</span> : null}
      </summary>
      {scenario.growth.length === 0 ? <div className="muted small">{t(lang, 'noGrowth')}</div> : null}
      {scenario.growth.map((g, i) => (
        <div key={i} className="editor-row" data-testid={`growth-row-${i}`}>
          <div className="editor-grid">
            <label className="wide">
              <span>{t(lang, 'sector')}</span>
              <select value={g.sector} data-testid={`growth-sector-${i}`} onChange={(e) => update(i, { ...g, sector: e.currentTarget.value }, 'sector')}>
                {library && !hasOwn(library.sectors, g.sector) ? <option value={g.sector}>{g.sector}</option> : null}
                {sectors.map(([id, label]) => (
                  <option key={id} value={id}>
                    {'　'.repeat(id.split('.').length - 1)}
                    {pick(lang, label)} ({id})
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t(lang, 'kind')}</span>
              <select
                value={'rate_pct' in g ? 'rate' : 'index'}
                data-testid={`growth-mode-${i}`}
                onChange={(e) =>
                  update(
                    i,
                    e.currentTarget.value === 'rate'
                      ? { sector: g.sector, rate_pct: 0, basis: g.basis }
                      : { sector: g.sector, index: { [String(scenario.years.end)]: 1 }, basis: g.basis },
                    'mode',
                  )
                }
              >
                <option value="rate">{t(lang, 'growthRate')}</option>
                <option value="index">{t(lang, 'growthIndex')}</option>
              </select>
            </label>
            {'rate_pct' in g ? (
              <label>
                <span>{t(lang, 'growthRate')}</span>
                <input
                  type="number"
                  step="any"
                  value={g.rate_pct}
                  data-testid={`growth-rate-${i}`}
                  onChange={(e) => {
                    const v = e.currentTarget.valueAsNumber
                    if (Number.isFinite(v)) update(i, { ...g, rate_pct: v }, 'rate')
                  }}
                />
              </label>
            ) : (
              <IndexField
                key={indexText(g.index)}
                value={g.index}
                lang={lang}
                testId={`growth-index-${i}`}
                onValue={(index) => update(i, { ...g, index }, 'index')}
              />
            )}
            <label className="wide">
              <span>{t(lang, 'basis')}</span>
              <input
                value={g.basis}
                onChange={(e) => {
                  const v = e.currentTarget.value
                  update(i, { ...g, basis: v }, 'basis')
                }}
              />
            </label>
          </div>
          <div className="editor-row-head">
            <span className="spacer" />
            <button
              type="button"
              className="link-btn"
              data-testid={`growth-remove-${i}`}
              onClick={() => onChange((s) => ({ ...s, growth: s.growth.filter((_, k) => k !== i) }), `growth:${i}:remove:${Date.now()}`)}
            >
              {t(lang, 'remove')}
            </button>
          </div>
          <IssueList issues={issuesAt(issues, ['growth', i])} lang={lang} testId={`growth-issues-${i}`} />
        </div>
      ))}
      <button
        type="button"
        data-testid="add-growth"
        onClick={() =>
          onChange((s) => ({ ...s, growth: [...s.growth, { sector: firstFree, rate_pct: 0, basis: t(lang, 'userAssumption') }] }), `growth:add:${Date.now()}`)
        }
      >
        ＋ {t(lang, 'addGrowth')}
      </button>
    </details>
  )
}

// The text is kept while it does not parse, so typing "2025:1." is not undone; only a parsed series is applied.
function IndexField({
  value,
  lang,
  testId,
  onValue,
}: {
  value: Record<string, number>
  lang: Lang
  testId: string
  onValue: (v: Record<string, number>) => void
}) {
  const [text, setText] = useState(() => indexText(value))
  const bad = parseIndex(text) === undefined
  const msg = both('growthIndexBad')
  return (
    <label className="wide">
      <span>{t(lang, 'growthIndex')}</span>
      <input
        value={text}
        title={t(lang, 'growthIndexHint')}
        placeholder="2025:1.1, 2030:1.2"
        aria-invalid={bad}
        data-testid={testId}
        onChange={(e) => {
          const v = e.currentTarget.value
          setText(v)
          const parsed = parseIndex(v)
          if (parsed) onValue(parsed)
        }}
      />
      {bad ? (
        <span className="issue inline" role="alert">
          {lang === 'zh' ? msg.zh : msg.en} · {lang === 'zh' ? msg.en : msg.zh}
        </span>
      ) : null}
    </label>
  )
}
