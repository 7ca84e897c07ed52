import { pick, t, type Lang } from '../i18n'
import { userPlanValue } from '../scenario-library-ops'
import type { AppState } from '../state/plan-store'
import type { UserLibrarySnapshot } from '../state/user-library'
import { otherUnit, unitLabel } from '../units'

/** Props of the top bar. */
export interface TopBarProps {
  state: AppState
  users: UserLibrarySnapshot
  /** A run has taken long enough to say so. */
  slow: boolean
  onPlan(value: string): void
  onPresent(): void
  onUnit(): void
  onLang(): void
}

/** Show the brand, the plan picker (seeds, then the user's scenarios), the illustrative badge and the mode toggles. */
export function TopBar({ state, users, slow, onPlan, onPresent, onUnit, onLang }: TopBarProps) {
  const { lang, seed, userKey, seeds, view, presenter } = state
  const illustrative = (view?.inventory ?? seed?.inventory)?.illustrative
  const unit = users.unit
  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t(lang, 'appTitle')}</h1>
        <span className="subtitle">{t(lang, 'subtitle')}</span>
      </div>
      <label className="plan-picker">
        <span>{t(lang, 'plan')}</span>
        <select value={userKey ? userPlanValue(userKey) : (seed?.id ?? '')} onChange={(e) => onPlan(e.currentTarget.value)} data-testid="plan-picker">
          <optgroup label={t(lang, 'seedPlans')}>
            {seeds.map((s) => (
              <option key={s.id} value={s.id}>
                {pick(lang, s.title)}
              </option>
            ))}
          </optgroup>
          {users.entries.length > 0 ? (
            <optgroup label={t(lang, 'myScenarios')} data-testid="plan-picker-user">
              {users.entries.map((u) => (
                <option key={u.key} value={userPlanValue(u.key)}>
                  {pick(lang, u.scenario.title)}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      {illustrative ? (
        <span className="illustrative" title={t(lang, 'illustrativeHint')} data-testid="illustrative">
          {t(lang, 'illustrative')} · {lang === 'zh' ? 'illustrative' : '示意清单'}
        </span>
      ) : null}
      <div className="spacer" />
      {slow ? <span className="busy">{t(lang, 'computing')}</span> : null}
      <button type="button" className="present-btn" onClick={onPresent} data-testid="present">
        {presenter ? t(lang, 'exitPresent') : t(lang, 'present')}
      </button>
      <button type="button" className="unit-toggle" onClick={onUnit} title={t(lang, 'unitToggleHint')} data-testid="unit" data-unit={unit}>
        {unitLabel(unit, lang)} ⇄ {unitLabel(otherUnit(unit), lang)}
      </button>
      <button type="button" className="lang" onClick={onLang} title={t(lang, 'languageHint')} data-testid="lang">
        {t(lang, 'language')}
      </button>
    </header>
  )
}

/** The languages' display order, for the toggle. */
export const nextLang = (l: Lang): Lang => (l === 'zh' ? 'en' : 'zh')
