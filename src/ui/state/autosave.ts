import { savePointer, saveState } from '../persist'
import { userPlanValue } from '../scenario-library-ops'
import type { PlanStore } from './plan-store'
import type { UserLibrary } from './user-library'

/**
 * Save every change of the scenario on screen (and of the language) to IndexedDB, outside React: a seed plan under
 * its own entry, a user scenario into the user library. Returns the function that stops it.
 */
export function startAutosave(store: PlanStore, users: UserLibrary): () => void {
  let seen: unknown[] = []
  const check = () => {
    const st = store.get()
    const scenario = st.history?.present
    const { seed, lang, userKey } = st
    if (!st.ready || !seed || !scenario) return
    const now = [scenario, seed, lang, userKey, users.get().entries]
    if (now.every((x, i) => x === seen[i])) return
    seen = now
    if (userKey) {
      const u = users.find(userKey)
      void savePointer({ seed: userPlanValue(userKey), lang })
      if (!u || u.scenario === scenario) return
      void users.put({ ...u, scenario, original: { ...u.original, title: scenario.title } }).then((stored) => {
        if (stored.key !== userKey && store.get().userKey === userKey) store.set({ userKey: stored.key })
      })
      return
    }
    // A plan shown as published or as restored is not a change: writing it would bump its revision and make
    // another tab's later edit look like a conflict.
    const last = st.saved.get(seed.id)
    if (last === scenario || (last === undefined && scenario === seed.scenario)) {
      void savePointer({ seed: seed.id, lang })
      return
    }
    store.set({ saved: new Map(st.saved).set(seed.id, scenario) })
    void saveState({ seed: seed.id, scenario, lang }).then((r) => {
      if (r === 'conflict') store.set({ notices: { ...store.get().notices, conflict: seed.id } })
    })
  }
  const stops = [store.subscribe(check), users.subscribe(check)]
  return () => stops.forEach((stop) => stop())
}
