import { useMemo } from 'react'
import type { CompareCandidate } from '../components/compare-view'
import { pick, t } from '../i18n'
import { userPlanValue } from '../scenario-library-ops'
import type { AppState } from './plan-store'
import type { UserLibrarySnapshot } from './user-library'

/** Return what the compare view may put on side A or B: each seed as published and as edited, and the user's scenarios. */
export function useCompareCandidates(state: AppState, users: UserLibrarySnapshot): CompareCandidate[] {
  const { seeds, seed, userKey, lang, saved } = state
  const scenario = state.history?.present
  return useMemo((): CompareCandidate[] => {
    const list: CompareCandidate[] = []
    for (const s of seeds) {
      list.push({ value: `seed:${s.id}`, label: `${pick(lang, s.title)} · ${t(lang, 'published')}`, side: { seed: s.id } })
      const edited = s.id === seed?.id && !userKey ? scenario : saved.get(s.id)
      if (edited && edited !== (s.id === seed?.id ? seed.scenario : undefined))
        list.push({ value: `edited:${s.id}`, label: `${pick(lang, s.title)} · ${t(lang, 'edited')}`, side: { seed: s.id, scenario: edited } })
    }
    for (const u of users.entries)
      list.push({
        value: userPlanValue(u.key),
        label: `${t(lang, 'myScenarios')} · ${pick(lang, u.scenario.title)}`,
        side: { seed: u.seed, scenario: u.key === userKey && scenario ? scenario : u.scenario },
      })
    return list
  }, [seeds, seed, scenario, userKey, users.entries, lang, saved])
}
