import { useMemo, useRef } from 'react'
import type { InventoryState } from '../components/inventory-state'
import { buildXlsx, download, downloadCsv, fileStem } from '../exports'
import { importedUserScenario, saveAsUserScenario, userKeyOf, userPlanValue, type UserScenario } from '../scenario-library-ops'
import { shareUrl } from '../share-url'
import type { PlanStore } from './plan-store'
import type { UserLibrary } from './user-library'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Return the app's actions on plans, inventories and exports: each asks the worker, then changes the store in one
 * step, so the scenario on screen and its run change together.
 */
export function usePlanActions(store: PlanStore | undefined, users: UserLibrary, inventoryState: InventoryState) {
  // The inventory hook returns a new object each render; the actions read the newest one and stay the same functions.
  const latest = useRef(inventoryState)
  latest.current = inventoryState
  return useMemo(() => {
    if (!store) return undefined
    const api = store.client.api
    const inventory = {
      restore: (...a: Parameters<InventoryState['restore']>) => latest.current.restore(...a),
      importFile: (...a: Parameters<InventoryState['importFile']>) => latest.current.importFile(...a),
      backToPlan: (...a: Parameters<InventoryState['backToPlan']>) => latest.current.backToPlan(...a),
      forLink: () => latest.current.forLink(),
    }

    /** Put a seed plan or a user scenario on screen, as the user left it (its autosave and uploaded inventory). */
    const choosePlan = async (value: string, user?: UserScenario) => {
      const listed = user ?? users.find(userKeyOf(value))
      const entry = listed ? ((await users.adopt(listed.key)) ?? listed) : undefined
      const id = entry ? entry.seed : value
      const r = await api.loadSeed(id)
      if (!r.ok) return store.set({ loadIssues: r.issues })
      // Each plan comes back as the user left it (its autosaved scenario and uploaded inventory), else as published.
      const next = entry?.scenario ?? store.get().saved.get(id) ?? r.value.scenario
      const applyInventory = await inventory.restore(api, id, next)
      applyInventory()
      store.set({ loadIssues: [], inventoryIssues: [], runIssues: [], scenarioIssues: [] })
      store.open(r.value, next, entry?.key)
    }

    return {
      choosePlan,

      /** Save the scenario on screen as a new user scenario, and show it. */
      async saveAs(title: { zh: string; en: string }) {
        const { seed } = store.get()
        const scenario = store.scenario
        if (!scenario || !seed) return
        const u = await users.put(saveAsUserScenario(scenario, seed.id, title, users.get().entries, new Date()))
        store.open(seed, u.scenario, u.key)
      },

      /** Import a scenario file as a user scenario (an invalid file changes nothing: its issues are shown). */
      async importScenario(file: File) {
        const { seed } = store.get()
        if (!seed) return
        // The bytes, decoded in the worker as the CLI decodes them (GB18030, located encoding errors).
        const r = await api.importScenario(new Uint8Array(await file.arrayBuffer()), file.name, seed.id)
        if (!r.ok) return store.set({ scenarioIssues: r.issues })
        const u = await users.put(importedUserScenario(r.value.scenario, r.value.seed, r.value.seedBy, users.get().entries, new Date()))
        await choosePlan(userPlanValue(u.key), u)
        store.set({ scenarioIssues: r.warnings })
      },

      /** Import an inventory for the plan on screen; the scenario runs again on it, or the last good one stays. */
      async importInventory(file: File) {
        const { seed } = store.get()
        if (!seed) return
        const bytes = new Uint8Array(await file.arrayBuffer())
        const r = await inventory.importFile(api, seed.id, file.name, bytes, store.scenario)
        store.set({ inventoryIssues: r.ok ? r.warnings : r.issues })
        if (r.ok) store.rerun()
      },

      /** Go back to the plan's own inventory, forget the upload and run again. */
      async backToPlan() {
        const { seed } = store.get()
        if (!seed) return
        store.set({ inventoryIssues: [] })
        if (await inventory.backToPlan(api, seed.id)) store.rerun()
      },

      /** Download the inventory in use as an XLSX template. */
      async inventoryTemplate() {
        const { seed } = store.get()
        if (!seed) return
        const r = await api.inventoryXlsx()
        if (r.ok) download(`lantian-${seed.id}-inventory.xlsx`, r.value as Uint8Array<ArrayBuffer>, XLSX)
      },

      /** Download the last run's emissions or measures as CSV. */
      async exportCsv(which: 'emissions' | 'measures') {
        const scenario = store.scenario
        if (!scenario) return
        const r = await api.exportTables()
        if (r.ok) downloadCsv(`${fileStem(scenario)}-${which}.csv`, r.value[which].csv)
        else store.set({ runIssues: r.issues })
      },

      /** Download the last run as an XLSX workbook with its provenance. */
      async exportXlsx() {
        const { view, seed } = store.get()
        const scenario = store.scenario
        if (!scenario || !view || !seed) return
        const r = await api.exportTables()
        if (!r.ok) return store.set({ runIssues: r.issues })
        const buf = await buildXlsx(r.value, { seed: seed.id, view, appVersion: __APP_VERSION__, date: new Date() })
        download(`${fileStem(scenario)}.xlsx`, buf, XLSX)
      },

      /** Return a link that reproduces the plan on screen (and its uploaded inventory when small enough), copied to the clipboard. */
      share(): string | undefined {
        const { seed } = store.get()
        const scenario = store.scenario
        if (!scenario || !seed) return undefined
        const inv = inventory.forLink()
        const url = shareUrl(location.href, { seed: seed.id, scenario, ...(inv ? { inventory: inv } : {}) })
        // Clipboard access may be refused (insecure origin, headless); the link is shown to copy by hand.
        void navigator.clipboard?.writeText(url).catch(() => {})
        return url
      },
    }
  }, [store, users])
}

/** The actions `usePlanActions` returns. */
export type PlanActions = NonNullable<ReturnType<typeof usePlanActions>>
