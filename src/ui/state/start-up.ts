import { useEffect } from 'react'
import type { LibraryInfo, Result, SeedInfo } from '../../protocol'
import type { InventoryState } from '../components/inventory-state'
import { perfMark } from '../perf-marks'
import { loadState } from '../persist'
import { userKeyOf } from '../scenario-library-ops'
import { sharedFromHash } from '../share-url'
import type { PlanStore } from './plan-store'
import { initialUserLibrary } from './user-library'

/** The plan the app opens when neither a link nor the autosave names one. */
export const DEFAULT_SEED = 'xiping'

/**
 * Start the app on a store: the library, then the shared link, the autosave or the default plan (with its uploaded
 * inventory back before the first run, so no wrong number shows), and the plan list once the first result is in
 * (listing parses every seed's scenario, and the worker answers in order, so the first chart would wait).
 */
export function useStartUp(store: PlanStore | undefined, library: Promise<Result<LibraryInfo>> | undefined, inventory: InventoryState): void {
  const restore = inventory.restore
  useEffect(() => {
    if (!store) return
    let cancelled = false
    const api = store.client.api
    void (async () => {
      // IndexedDB is read on this thread while the worker loads the library.
      const savedLoad = loadState()
      const lib = await (library ?? api.loadLibrary())
      perfMark('lantian:start:library')
      if (cancelled) return
      store.set(lib.ok ? { library: lib.value } : { loadIssues: lib.issues })
      const shared = sharedFromHash(location.hash)
      const saved = await savedLoad
      perfMark('lantian:start:saved')
      if (cancelled) return
      store.set({
        saved: saved.scenarios,
        notices: { ...store.get().notices, corrupt: saved.corrupt },
        ...(!shared && saved.current?.lang ? { lang: saved.current.lang } : {}),
      })
      const listSeeds = async (): Promise<SeedInfo[]> => {
        const list = await api.listSeeds()
        perfMark('lantian:start:seeds')
        if (!cancelled) store.set({ seeds: list })
        return list
      }
      const wantedPlan = shared?.seed ?? saved.current?.seed ?? DEFAULT_SEED
      // The pointer may name one of the user's scenarios (`user:<key>`); it runs on the inventory of its seed.
      const userKey = userKeyOf(wantedPlan)
      const user = userKey ? (await initialUserLibrary()).entries.find((u) => u.key === userKey) : undefined
      if (cancelled) return
      const wanted = user ? user.seed : userKey ? DEFAULT_SEED : wantedPlan
      let id: string | undefined = wanted
      let r = await api.loadSeed(wanted)
      let list: SeedInfo[] | undefined
      if (!r.ok) {
        // Not a bundled plan (any more): fall back to the default plan or the first one.
        list = await listSeeds()
        if (cancelled) return
        const fallback = list.some((s) => s.id === DEFAULT_SEED) ? DEFAULT_SEED : list[0]?.id
        id = list.some((s) => s.id === wanted) ? wanted : fallback
        if (id && id !== wanted) r = await api.loadSeed(id)
      }
      perfMark('lantian:start:plan')
      if (cancelled) return
      if (!id || !r.ok) {
        store.set({ ready: true, ...(id && !r.ok ? { loadIssues: r.issues } : {}) })
        return
      }
      const restored = shared?.scenario ?? (user ? user.scenario : saved.scenarios.get(id))
      // Uploads belong to a seed plan: a user scenario runs on its seed's inventory, uploaded or published.
      const applyInventory = await restore(api, id, restored ?? r.value.scenario, {
        saved: saved.inventories,
        ...(shared ? { fromLink: true } : {}),
        ...(shared?.inventory ? { shared: shared.inventory } : {}),
      })
      if (cancelled) return
      applyInventory()
      const answered = store.answered()
      // The first run is asked now, while React renders the plan (the worker computes meanwhile).
      store.open(r.value, restored ?? r.value.scenario, user?.key)
      // The link has been applied; from now on the autosave is the state, so a reload keeps later edits.
      if (shared) window.history.replaceState(null, '', location.pathname + location.search)
      if (!list) {
        await answered
        // …and once the first chart has drawn: on a busy machine the worker parsing every seed's scenario would
        // take the core the main thread draws with.
        await new Promise<void>((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => r(), { timeout: 1000 }) : setTimeout(r, 0)))
        if (cancelled) return
        await listSeeds()
        if (cancelled) return
      }
      store.set({ ready: true })
    })()
    return () => {
      cancelled = true
    }
  }, [store, library, restore])
}
