import { memo, type ReactNode } from 'react'
import type { Issue, Scenario, MeasureInstance } from '../../core'
import type { LibraryInfo, RunView, TemplateInfo } from '../../protocol'
import { pick, t, type Lang, type StringKey } from '../i18n'
import { formatMass, unitLabel, type MassUnit } from '../units'
import { IssueList, issuesAt } from './issue-list'
import { CATEGORIES } from './measure-add'
import { ProvenanceMark } from './provenance-mark'
import { own } from '../../core/own'

// The library's categories in the order the "add measure" list shows them, then measures of unknown templates.
const CATEGORY_ORDER: { id: TemplateInfo['category'] | 'other'; key: StringKey }[] = [...CATEGORIES, { id: 'other', key: 'categoryOther' }]

/** Props of the measure panel. */
export interface MeasurePanelProps {
  scenario: Scenario
  library: LibraryInfo | undefined
  view: RunView | undefined
  issues: readonly Issue[]
  lang: Lang
  /** Apply an edit of measure `index`; `key` names the control so that a drag is one undo step. */
  onEdit: (index: number, change: (m: MeasureInstance) => MeasureInstance, key: string) => void
  /** Extra controls rendered at the end of each card (scope of added measures, removal). */
  extra?: (m: MeasureInstance, index: number) => ReactNode
  unit?: MassUnit
}

/** What a card shows of the last run: plain numbers, so that a card whose numbers did not change is not re-rendered. */
interface CardCredit {
  focusYear: number
  nox: number
  vocs: number
  selected: number
}

const NO_ISSUES: Issue[] = []

/**
 * Drop the provenance of a number the user has just edited: the plan clause, citation or reason no longer describes
 * the new value (docs/formats.md, "Provenance and mandates").
 */
function edited(m: MeasureInstance, key: string): MeasureInstance {
  if (!m.provenance || !Object.hasOwn(m.provenance, key)) return m
  return { ...m, provenance: Object.fromEntries(Object.entries(m.provenance).filter(([k]) => k !== key)) }
}

/** The issues under `prefix`, or one shared empty list (a new empty array each time would defeat the card's memo). */
function issuesUnder(issues: readonly Issue[], prefix: readonly (string | number)[]): Issue[] {
  if (issues.length === 0) return NO_ISSUES
  const xs = issuesAt(issues, prefix)
  return xs.length > 0 ? xs : NO_ISSUES
}

/**
 * Show the plan's measures grouped by category, each with its clause, switch, adoption, completion and parameters.
 * Cards are memoised on their measure, its numbers and its issues: a slider step re-renders one card, not all.
 */
export function MeasurePanel({ scenario, library, view, issues, lang, onEdit, extra, unit = 't' }: MeasurePanelProps) {
  const categoryOf = (m: MeasureInstance) => (library && own(library.templates, m.template)?.category) ?? 'other'
  const yi = view ? view.years.indexOf(view.focusYear) : -1
  const creditOf = (id: string): CardCredit | undefined => {
    const mv = view && yi >= 0 ? view.measures.find((x) => x.id === id) : undefined
    return mv && view ? { focusYear: view.focusYear, nox: mv.credited.NOx[yi] ?? 0, vocs: mv.credited.VOCs[yi] ?? 0, selected: mv.selected } : undefined
  }
  return (
    <section className="measure-panel" aria-label={t(lang, 'measures')}>
      {CATEGORY_ORDER.map(({ id, key }) => {
        const items = scenario.measures.map((m, index) => ({ m, index })).filter(({ m }) => categoryOf(m) === id)
        if (items.length === 0) return null
        return (
          <fieldset key={id} className="category">
            <legend>
              {t(lang, key)} <span className="muted">({items.length})</span>
            </legend>
            {items.map(({ m, index }) => (
              <MeasureCardMemo
                key={m.id}
                m={m}
                index={index}
                template={library ? own(library.templates, m.template) : undefined}
                {...creditProps(creditOf(m.id))}
                issues={issuesUnder(issues, ['measures', index])}
                lang={lang}
                onEdit={onEdit}
                extra={extra}
                unit={unit}
              />
            ))}
          </fieldset>
        )
      })}
    </section>
  )
}

// Spread as separate primitive props, so that memo's shallow comparison sees equal numbers as unchanged.
const creditProps = (c: CardCredit | undefined) => (c ? { focusYear: c.focusYear, creditNox: c.nox, creditVocs: c.vocs, selected: c.selected } : {})

const MeasureCardMemo = memo(MeasureCard)

function MeasureCard({
  m,
  index,
  template,
  focusYear,
  creditNox,
  creditVocs,
  selected,
  issues,
  lang,
  onEdit,
  extra,
  unit,
}: {
  extra: MeasurePanelProps['extra']
  unit: MassUnit
  m: MeasureInstance
  index: number
  template: TemplateInfo | undefined
  /** The run's focus year and this measure's credited reductions then (absent before the first run). */
  focusYear?: number
  creditNox?: number
  creditVocs?: number
  selected?: number
  issues: Issue[]
  lang: Lang
  onEdit: MeasurePanelProps['onEdit']
}) {
  const level = Math.round(m.schedule.level * 100)
  const scheduleIssues = issuesAt(issues, ['measures', index, 'schedule'])
  const paramIssues = issuesAt(issues, ['measures', index, 'params'])
  const otherIssues = issues.filter((i) => !scheduleIssues.includes(i) && !paramIssues.includes(i))
  const idBase = `m-${index}`
  return (
    <div className={m.enabled ? 'measure' : 'measure off'} data-testid={`measure-${m.id}`} data-credit-nox={creditNox} data-credit-vocs={creditVocs}>
      <div className="measure-head">
        <label className="measure-title">
          <input
            type="checkbox"
            checked={m.enabled}
            data-testid={`enable-${m.id}`}
            onChange={(e) => {
              const enabled = e.currentTarget.checked
              onEdit(index, (x) => ({ ...x, enabled }), `${m.id}:enabled:${Date.now()}`)
            }}
          />
          <span>{pick(lang, m.label)}</span>
        </label>
        <span className="clause-badge" title={m.basis ?? ''}>
          {t(lang, 'clause')} {m.clause}
        </span>
      </div>
      {focusYear !== undefined && creditNox !== undefined && creditVocs !== undefined ? (
        <div className="measure-credit muted">
          {focusYear}: NOx −{formatMass(creditNox, unit, lang)} {unitLabel(unit, lang, false)} · VOCs −{formatMass(creditVocs, unit, lang)}{' '}
          {unitLabel(unit, lang, false)} · {selected} {t(lang, 'selectedRecords')}
        </div>
      ) : null}
      <div className="measure-controls">
        <label htmlFor={`${idBase}-level`}>{t(lang, 'adoption')}</label>
        <input
          id={`${idBase}-level`}
          type="range"
          min={0}
          max={100}
          step={1}
          value={level}
          disabled={!m.enabled}
          data-testid={`level-${m.id}`}
          aria-valuetext={`${level} %`}
          onChange={(e) => {
            const v = Number(e.currentTarget.value) / 100
            onEdit(index, (x) => ({ ...edited(x, 'level'), schedule: { ...x.schedule, level: v } }), `${m.id}:level`)
          }}
        />
        <output htmlFor={`${idBase}-level`}>{level} %</output>
        <ProvenanceMark p={m.provenance?.level} lang={lang} />
        <label htmlFor={`${idBase}-complete`}>{t(lang, 'completion')}</label>
        <input
          id={`${idBase}-complete`}
          type="month"
          value={m.schedule.complete}
          disabled={!m.enabled}
          data-testid={`complete-${m.id}`}
          onChange={(e) => {
            const v = e.currentTarget.value
            if (/^\d{4}-\d{2}$/.test(v)) onEdit(index, (x) => ({ ...edited(x, 'complete'), schedule: { ...x.schedule, complete: v } }), `${m.id}:complete`)
          }}
        />
        <ProvenanceMark p={m.provenance?.complete} lang={lang} />
        <span className="muted small">
          {t(lang, 'start')} {m.schedule.start} <ProvenanceMark p={m.provenance?.start} lang={lang} />
        </span>
      </div>
      <IssueList issues={scheduleIssues} lang={lang} />
      {template && Object.keys(template.params).length > 0 ? (
        <div className="params">
          {Object.entries(template.params).map(([k, p]) => {
            const value = own(m.params, k) ?? p.default
            return (
              <label key={k} className="param" title={`${pick(lang, p.label)} [${p.min}, ${p.max}] ${p.unit}`}>
                <span>{pick(lang, p.label)}</span>
                <input
                  type="number"
                  value={value}
                  min={p.min}
                  max={p.max}
                  step="any"
                  disabled={!m.enabled}
                  data-testid={`param-${m.id}-${k}`}
                  onChange={(e) => {
                    const v = e.currentTarget.valueAsNumber
                    if (Number.isFinite(v)) onEdit(index, (x) => ({ ...edited(x, `params.${k}`), params: { ...x.params, [k]: v } }), `${m.id}:param:${k}`)
                  }}
                />
                <span className="muted small">
                  {p.unit === '1' ? '' : p.unit} [{p.min}–{p.max}]
                </span>
                <ProvenanceMark
                  p={
                    (m.provenance && own(m.provenance, `params.${k}`)) ??
                    (own(m.params, k) === undefined && p.source ? { kind: 'source', text: `${m.template} default: ${p.source}` } : undefined)
                  }
                  lang={lang}
                />
              </label>
            )
          })}
        </div>
      ) : null}
      {extra?.(m, index)}
      <IssueList issues={[...paramIssues, ...otherIssues]} lang={lang} />
    </div>
  )
}
