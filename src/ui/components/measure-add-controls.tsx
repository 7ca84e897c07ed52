import type { MeasureInstance } from '../../core'
import { t, type Lang } from '../i18n'

/** Props of a measure card's add/remove controls. */
export interface MeasureExtraProps {
  m: MeasureInstance
  index: number
  /** The measure was added by the user (not in the plan as published or saved). */
  added: boolean
  lang: Lang
  onEdit: (index: number, change: (m: MeasureInstance) => MeasureInstance, key: string) => void
  onRemove: (index: number) => void
}

/**
 * Show what a measure card offers beyond the plan's own controls: for a measure the user added, its scope
 * expression (editable, checked by the worker) and removal; for a published measure, removal after a confirm.
 */
export function MeasureExtra({ m, index, added, lang, onEdit, onRemove }: MeasureExtraProps) {
  return (
    <div className="measure-extra">
      {added ? (
        <>
          <span className="added-badge">{t(lang, 'addedByUser')}</span>
          <label className="scope-edit">
            <span>{t(lang, 'scope')}</span>
            <input
              value={m.scope ?? ''}
              placeholder={t(lang, 'scopeHint')}
              spellCheck={false}
              data-testid={`scope-${m.id}`}
              onChange={(e) => {
                const v = e.currentTarget.value
                onEdit(
                  index,
                  (x) => {
                    const next: MeasureInstance = { ...x, scope: v }
                    if (!v.trim()) delete next.scope
                    return next
                  },
                  `${m.id}:scope`,
                )
              }}
            />
          </label>
        </>
      ) : null}
      <button
        type="button"
        className="link-btn"
        data-testid={`remove-${m.id}`}
        onClick={() => {
          // A published measure is part of the plan: removing it needs a confirm (switching it off does not).
          if (added || window.confirm(t(lang, 'removeMeasureConfirm'))) onRemove(index)
        }}
      >
        {t(lang, 'remove')}
      </button>
    </div>
  )
}
