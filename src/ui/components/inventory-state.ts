import { useCallback, useRef, useState } from 'react'
import type { Issue } from '../../core'
import type { InventoryInfo, RefusedRows, Result } from '../../protocol'
import { clearInventory, saveInventory, setInventoryAside, type SavedInventory } from '../persist'
import { sharedInventory, sharedInventoryBytes, type SharedInventory } from '../share-url'
import type { SimulatorClient } from '../simulator-client'

/** An inventory the user uploaded (as opposed to the plan's own), with the bytes it came from. */
export interface Upload {
  file: string
  bytes: Uint8Array
  fingerprint: string
  records: number
}

/** The validation report of the last import: every issue, and the refused file's rows as far as they could be read. */
export interface ImportReport {
  file: string
  ok: boolean
  issues: Issue[]
  refused?: RefusedRows
  at: number
}

/** A message about the inventory that the app shows until dismissed. */
export type InventoryNotice =
  | { kind: 'restore-failed'; file: string; issues: Issue[] }
  | { kind: 'link-missing'; file: string; fingerprint: string; records: number }
  | { kind: 'link-refused'; file: string; issues: Issue[] }
  | { kind: 'link-too-large'; file: string; compressed: number }

type Api = SimulatorClient['api']

const uploadOf = (file: string, bytes: Uint8Array, info: InventoryInfo): Upload => ({
  file,
  bytes,
  fingerprint: info.fingerprint ?? '',
  records: info.records,
})

/**
 * Hold the uploaded inventory of the plan on screen: import (with its report), autosave to IndexedDB, restore on
 * load and on a plan switch (from the autosave or a shared link), and going back to the plan's own inventory.
 * Every load goes through the worker, so the last good inventory stays whenever one is refused.
 */
export function useInventoryState() {
  const [upload, setUpload] = useState<Upload>()
  const [report, setReport] = useState<ImportReport>()
  const [notice, setNotice] = useState<InventoryNotice>()
  const [rev, setRev] = useState(0)
  const saved = useRef(new Map<string, SavedInventory>())

  const accept = useCallback((seed: string, u: Upload | undefined) => {
    setUpload(u)
    setRev((n) => n + 1)
    if (u) saved.current.set(seed, { seed, ...u, savedAt: new Date().toISOString(), rev: 0 })
  }, [])

  /** Import a file for a plan; on success it replaces the inventory and is autosaved, on failure the report says why. */
  const importFile = useCallback(
    async (api: Api, seed: string, file: string, bytes: Uint8Array, scenario: unknown): Promise<Result<InventoryInfo>> => {
      const r = await api.loadInventory(bytes, file, scenario)
      if (r.ok) {
        const u = uploadOf(file, bytes, r.value)
        accept(seed, u)
        setReport({ file, ok: true, issues: r.warnings, at: Date.now() })
        void saveInventory({ seed, file, bytes, fingerprint: u.fingerprint })
      } else {
        const refused = await api.refusedRows()
        setReport({ file, ok: false, issues: r.issues, ...(refused ? { refused } : {}), at: Date.now() })
      }
      return r
    },
    [accept],
  )

  /**
   * After a plan's own inventory is loaded, bring back what the user had: the inventory a shared link carries
   * (or names), else the plan's autosaved upload. A saved upload that no longer imports is kept, not deleted. A link
   * made on the plan's own inventory (`fromLink` without `shared`) runs on it: the user's saved upload is set aside
   * (kept under another key), so neither the link nor a later reload shows numbers the sender did not see.
   * Returns the state change to apply together with the plan's own.
   */
  const restore = useCallback(
    async (
      api: Api,
      seed: string,
      scenario: unknown,
      opts: { saved?: Map<string, SavedInventory>; shared?: SharedInventory; fromLink?: boolean } = {},
    ): Promise<() => void> => {
      if (opts.saved) saved.current = new Map(opts.saved)
      // The state changes are returned, for the caller to apply in the same tick as the plan (one render, one run).
      const done = (u: Upload | undefined, n?: InventoryNotice) => () => {
        setReport(undefined)
        accept(seed, u)
        if (n) setNotice(n)
      }
      const mine = saved.current.get(seed)
      const shared = opts.shared
      if (shared) {
        const bytes = sharedInventoryBytes(shared) ?? (mine && mine.fingerprint === shared.fingerprint ? mine.bytes : undefined)
        if (!bytes) return done(undefined, { kind: 'link-missing', file: shared.file, fingerprint: shared.fingerprint, records: shared.records })
        const r = await api.loadInventory(bytes, shared.file, scenario)
        if (!r.ok) return done(undefined, { kind: 'link-refused', file: shared.file, issues: r.issues })
        void saveInventory({ seed, file: shared.file, bytes, fingerprint: r.value.fingerprint ?? '' })
        return done(uploadOf(shared.file, bytes, r.value))
      }
      if (mine && opts.fromLink) {
        saved.current.delete(seed)
        await setInventoryAside(seed)
      }
      if (!mine || opts.fromLink) return done(undefined)
      const r = await api.loadInventory(mine.bytes, mine.file, scenario)
      return r.ok ? done(uploadOf(mine.file, mine.bytes, r.value)) : done(undefined, { kind: 'restore-failed', file: mine.file, issues: r.issues })
    },
    [accept],
  )

  /** Go back to the plan's own inventory and forget the upload. */
  const backToPlan = useCallback(
    async (api: Api, seed: string): Promise<boolean> => {
      const r = await api.loadSeed(seed)
      if (!r.ok) return false
      saved.current.delete(seed)
      await clearInventory(seed)
      setReport(undefined)
      accept(seed, undefined)
      return true
    },
    [accept],
  )

  /** Describe the upload for a share link (bytes included when small enough); warns when they are not. */
  const forLink = useCallback((): SharedInventory | undefined => {
    if (!upload) return undefined
    const s = sharedInventory(upload)
    if (!s.included) setNotice({ kind: 'link-too-large', file: upload.file, compressed: s.compressed })
    return s.inventory
  }, [upload])

  return { upload, report, notice, rev, importFile, restore, backToPlan, forLink, dismiss: () => setNotice(undefined) }
}

/** What `useInventoryState` returns. */
export type InventoryState = ReturnType<typeof useInventoryState>
