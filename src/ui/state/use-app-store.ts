import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { LibraryInfo, Result } from '../../protocol'
import { createSimulatorClient, takeEarlySimulator } from '../simulator-client'
import { startAutosave } from './autosave'
import { INITIAL_STATE, PlanStore, type AppState } from './plan-store'
import { UserLibrary, type UserLibrarySnapshot } from './user-library'

const noStore = () => () => {}

/** The app's stores: the plan store on its worker (once the worker is taken), the user library, and the library promise the early worker holds. */
export interface AppStores {
  store?: PlanStore
  library?: Promise<Result<LibraryInfo>>
  users: UserLibrary
}

/**
 * Start the worker's client (the one main.tsx started before the first render, else a new one), the plan store on it,
 * the user library and the autosave. In an effect, not useMemo, so StrictMode's double mount does not hang the worker:
 * the second mount starts its own.
 */
export function useAppStores(): AppStores {
  const [boot, setBoot] = useState<{ store: PlanStore; library?: Promise<Result<LibraryInfo>> }>()
  const users = useMemo(() => new UserLibrary(), [])
  useEffect(() => {
    const holder: { store?: PlanStore } = {}
    const onRestart = (reason: string) => {
      console.warn('simulator worker restarted:', reason)
      holder.store?.set({ notices: { ...holder.store.get().notices, workerRestarted: Date.now() } })
    }
    const early = takeEarlySimulator(onRestart)
    const c = early?.c ?? createSimulatorClient(onRestart)
    const store = new PlanStore(c)
    holder.store = store
    // `?present=1` opens the presenter mode; the first run is then the presenter's first step.
    if (new URLSearchParams(location.search).get('present') === '1') store.set({ presenter: { step: 0 } })
    setBoot(early ? { store, library: early.library } : { store })
    const stopAutosave = startAutosave(store, users)
    return () => {
      stopAutosave()
      c.dispose()
    }
  }, [users])
  return { ...(boot ?? {}), users }
}

/** Read the plan store's state (an empty state until the store exists). */
export function useAppState(store: PlanStore | undefined): AppState {
  return useSyncExternalStore(store?.subscribe ?? noStore, store?.get ?? (() => INITIAL_STATE))
}

/** Read the user library's snapshot. */
export function useUsers(users: UserLibrary): UserLibrarySnapshot {
  return useSyncExternalStore(users.subscribe, users.get)
}
