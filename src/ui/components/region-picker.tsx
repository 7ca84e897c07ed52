import { t, type Lang } from '../i18n'

/**
 * Let the user pick the region the KPI cards and charts show: 全部 / All, or one of the plan's regions. Shown only
 * when the plan has more than one region; picking switches among results the run already carries.
 */
export function RegionPicker({
  regions,
  region,
  lang,
  onPick,
}: {
  regions: readonly string[]
  region?: string
  lang: Lang
  onPick: (r: string | undefined) => void
}) {
  if (regions.length < 2) return null
  return (
    <div className="region-picker">
      <label>
        {t(lang, 'region')}{' '}
        <select data-testid="region-picker" value={region ?? ''} onChange={(e) => onPick(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}>
          <option value="">{t(lang, 'allRegions')}</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      {region !== undefined ? <span className="muted small"> {t(lang, 'regionScopeNote')}</span> : null}
    </div>
  )
}
