import { useEffect, useState } from 'react'
import type { Lang } from '../i18n'
import { monthLabel, parseMonth } from '../month'

/**
 * Edit a month as `YYYY-MM` text with its reading in the UI language beside it. A native month input would show the
 * browser's locale (a Chinese page in an English browser reads "June 2025"); this one follows the app's language.
 * Only a valid month reaches `onChange`; a draft that is not one is marked invalid until it is fixed or left.
 */
export function MonthInput({
  value,
  onChange,
  lang,
  id,
  disabled,
  testId,
}: {
  value: string
  onChange: (ym: string) => void
  lang: Lang
  id?: string
  disabled?: boolean
  testId?: string
}) {
  const [draft, setDraft] = useState(value)
  // A new value from outside (undo, another plan) replaces the draft.
  useEffect(() => setDraft(value), [value])
  const valid = parseMonth(draft) !== undefined
  return (
    <span className="month-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        size={8}
        value={draft}
        disabled={disabled}
        placeholder="YYYY-MM"
        aria-invalid={!valid}
        title={lang === 'zh' ? '年-月，如 2025-06' : 'year-month, e.g. 2025-06'}
        data-testid={testId}
        onChange={(e) => {
          const v = e.currentTarget.value
          setDraft(v)
          const ym = parseMonth(v)
          if (ym) onChange(ym)
        }}
        onBlur={() => {
          if (!valid) setDraft(value)
        }}
      />
      <span className="muted small" data-testid={testId ? `${testId}-label` : undefined}>
        {monthLabel(parseMonth(draft) ?? value, lang)}
      </span>
    </span>
  )
}
