import { useState } from 'react'
import type { Scenario, MeasureInstance } from '../../core'
import type { LibraryInfo, TemplateInfo } from '../../protocol'
import { pick, t, type Lang, type StringKey } from '../i18n'
import { measureFromDraft, type MeasureDraft as Draft } from '../scenario-edit-ops'
import { own } from '../../core/own'

/** The library's categories in the order the measure panel shows them. */
export const CATEGORIES: { id: TemplateInfo['category']; key: StringKey }[] = [
  { id: 'industry', key: 'categoryIndustry' },
  { id: 'energy', key: 'categoryEnergy' },
  { id: 'transport', key: 'categoryTransport' },
  { id: 'vocs', key: 'categoryVocs' },
  { id: 'area', key: 'categoryArea' },
]

/** The bilingual name of a template kind. */
export const KIND_KEY: Record<TemplateInfo['kind'], StringKey> = { cut: 'kindCut', switch: 'kindSwitch', share: 'kindShare', reduce: 'kindReduce' }

function draftFor(tpl: TemplateInfo | undefined, s: Scenario, prev?: Draft): Draft {
  const y = Math.min(s.years.start + 2, s.years.end)
  return {
    template: tpl?.id ?? '',
    zh: tpl?.label.zh ?? '',
    en: tpl?.label.en ?? '',
    clause: prev?.clause ?? '',
    to: tpl?.to ?? '',
    scope: prev?.scope ?? '',
    start: prev?.start ?? `${y}-01`,
    complete: prev?.complete ?? `${y}-12`,
    level: prev?.level ?? 1,
    shape: prev?.shape ?? 'linear',
  }
}

/**
 * Offer the library's templates (grouped by category, with their kind) to add a measure: label, clause, target
 * technology for switch/share templates, an optional scope expression and the schedule. The worker validates the
 * new measure with the next run; its errors appear in the measure's card.
 */
export function MeasureAdd({
  library,
  scenario,
  lang,
  onAdd,
}: {
  library: LibraryInfo | undefined
  scenario: Scenario
  lang: Lang
  onAdd: (m: MeasureInstance) => void
}) {
  const templates = Object.values(library?.templates ?? {})
  const [d, setD] = useState<Draft>(() => draftFor(templates[0], scenario))
  const tpl = library ? own(library.templates, d.template) : undefined
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }))
  const missingClause = d.clause.trim() === ''
  if (!library) return null
  return (
    <details className="editor measure-add" data-testid="measure-add">
      <summary>＋ {t(lang, 'addMeasure')}</summary>
      <form
        className="editor-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (!tpl || missingClause) return
          onAdd(measureFromDraft(d, tpl, scenario))
          setD(draftFor(tpl, scenario, d))
        }}
      >
        <label className="wide">
          <span>{t(lang, 'template')}</span>
          <select value={d.template} data-testid="add-template" onChange={(e) => setD(draftFor(own(library.templates, e.currentTarget.value), scenario, d))}>
            {CATEGORIES.map((c) => {
              const items = templates.filter((x) => x.category === c.id)
              return items.length === 0 ? null : (
                <optgroup key={c.id} label={t(lang, c.key)}>
                  {items.map((x) => (
                    <option key={x.id} value={x.id}>
                      {pick(lang, x.label)} · {t(lang, KIND_KEY[x.kind])}
                    </option>
                  ))}
                </optgroup>
              )
            })}
          </select>
        </label>
        <label>
          <span>{t(lang, 'labelZh')}</span>
          <input value={d.zh} onChange={(e) => set({ zh: e.currentTarget.value })} data-testid="add-label-zh" />
        </label>
        <label>
          <span>{t(lang, 'labelEn')}</span>
          <input value={d.en} onChange={(e) => set({ en: e.currentTarget.value })} data-testid="add-label-en" />
        </label>
        <label>
          <span>{t(lang, 'clauseText')}</span>
          <input
            value={d.clause}
            placeholder="三（五）"
            onChange={(e) => set({ clause: e.currentTarget.value })}
            data-testid="add-clause"
            aria-invalid={missingClause}
          />
        </label>
        {tpl && (tpl.kind === 'switch' || tpl.kind === 'share') ? (
          <label>
            <span>{t(lang, 'toTechnology')}</span>
            <select value={d.to} onChange={(e) => set({ to: e.currentTarget.value })} data-testid="add-to">
              {(tpl.targets ?? (tpl.to ? [tpl.to] : [])).map((id) => (
                <option key={id} value={id}>
                  {pick(lang, own(library.technologies, id)) || id}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="wide">
          <span>{t(lang, 'scope')}</span>
          <input
            value={d.scope}
            placeholder={t(lang, 'scopeHint')}
            onChange={(e) => set({ scope: e.currentTarget.value })}
            data-testid="add-scope"
            spellCheck={false}
          />
        </label>
        <label>
          <span>{t(lang, 'startMonth')}</span>
          <input type="month" value={d.start} onChange={(e) => set({ start: e.currentTarget.value })} data-testid="add-start" />
        </label>
        <label>
          <span>{t(lang, 'completion')}</span>
          <input type="month" value={d.complete} onChange={(e) => set({ complete: e.currentTarget.value })} data-testid="add-complete" />
        </label>
        <label>
          <span>{t(lang, 'adoption')} (%)</span>
          <input
            type="number"
            min={0}
            max={100}
            value={Math.round(d.level * 100)}
            onChange={(e) => Number.isFinite(e.currentTarget.valueAsNumber) && set({ level: e.currentTarget.valueAsNumber / 100 })}
            data-testid="add-level"
          />
        </label>
        <label>
          <span>{t(lang, 'shape')}</span>
          <select value={d.shape} onChange={(e) => set({ shape: e.currentTarget.value === 'step' ? 'step' : 'linear' })}>
            <option value="linear">{t(lang, 'shapeLinear')}</option>
            <option value="step">{t(lang, 'shapeStep')}</option>
          </select>
        </label>
        <div className="editor-actions wide">
          {missingClause ? (
            <span className="muted small">
              {t(lang, 'clauseText')}: {t(lang, 'fieldRequired')}
            </span>
          ) : null}
          <button type="submit" disabled={!tpl || missingClause} data-testid="add-submit">
            {t(lang, 'add')}
          </button>
        </div>
      </form>
    </details>
  )
}
