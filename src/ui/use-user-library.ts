import { useCallback, useEffect, useState } from 'react'
import { deleteUserScenario, getUserScenario, loadUserLibrary, putUserScenario, saveUnit, type UserLibraryState } from './scenario-library'
import type { UserScenario } from './scenario-library-ops'
import type { MassUnit } from './units'

let initial: Promise<UserLibraryState> | undefined

/** Return the user library as first read in this page (read once, so entries set aside are reported once). */
export function initialUserLibrary(): Promise<UserLibraryState> {
  initial ??= loadUserLibrary()
  return initial
}

/** Hold the user's scenarios and the unit preference in React state, writing every change to IndexedDB. */
export function useUserLibrary() {
  const [entries, setEntries] = useState<UserScenario[]>([])
  const [corrupt, setCorrupt] = useState<string[]>([])
  const [unit, setUnitState] = useState<MassUnit>('t')
  const [conflict, setConflict] = useState<string>()

  useEffect(() => {
    let cancelled = false
    void initialUserLibrary().then((s) => {
      if (cancelled) return
      setEntries(s.entries)
      setCorrupt(s.corrupt)
      if (s.unit) setUnitState(s.unit)
    })
    return () => {
      cancelled = true
    }
  }, [])

  const setUnit = useCallback((u: MassUnit) => {
    setUnitState(u)
    void saveUnit(u)
  }, [])

  const upsert = useCallback(
    (e: UserScenario) => setEntries((list) => (list.some((x) => x.key === e.key) ? list.map((x) => (x.key === e.key ? e : x)) : [...list, e])),
    [],
  )

  /** Save an entry (new or changed); returns the entry as stored (under a copy's key after a conflict). */
  const put = useCallback(
    async (u: UserScenario): Promise<UserScenario> => {
      const r = await putUserScenario(u)
      if (r.key === u.key) {
        upsert(u)
        return u
      }
      // Another tab saved this scenario first: show its version under the key, and this tab's edits in the copy.
      const copy = { ...u, key: r.key, scenario: { ...u.scenario, id: r.key } }
      upsert(copy)
      if (r.status === 'conflict') {
        const theirs = await getUserScenario(u.key)
        if (theirs) upsert(theirs)
        setConflict(u.key)
      }
      return copy
    },
    [upsert],
  )

  /** Read an entry the user opens as stored now (another tab may have changed it) and write to it from now on. */
  const adopt = useCallback(
    async (key: string): Promise<UserScenario | undefined> => {
      const e = await getUserScenario(key, true)
      if (e) upsert(e)
      return e
    },
    [upsert],
  )

  const remove = useCallback(async (key: string) => {
    setEntries((list) => list.filter((x) => x.key !== key))
    await deleteUserScenario(key)
  }, [])

  return { entries, corrupt, dismissCorrupt: () => setCorrupt([]), conflict, dismissConflict: () => setConflict(undefined), unit, setUnit, put, adopt, remove }
}
