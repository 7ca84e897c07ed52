import { deleteUserScenario, getUserScenario, loadUserLibrary, putUserScenario, saveUnit, type UserLibraryState } from '../scenario-library'
import type { UserScenario } from '../scenario-library-ops'
import type { MassUnit } from '../units'

let initial: Promise<UserLibraryState> | undefined

/** Return the user library as first read in this page (read once, so entries set aside are reported once). */
export function initialUserLibrary(): Promise<UserLibraryState> {
  initial ??= loadUserLibrary()
  return initial
}

/** What the app shows of the user library. */
export interface UserLibrarySnapshot {
  entries: UserScenario[]
  /** Entries that could not be read (set aside, not deleted). */
  corrupt: string[]
  /** A scenario another tab saved first: this tab's edits went to a copy. */
  conflict?: string
  unit: MassUnit
}

/**
 * Hold the user's scenarios and the unit preference outside React, writing every change to IndexedDB; read with
 * `useSyncExternalStore` (`subscribe`, `get`).
 */
export class UserLibrary {
  #snap: UserLibrarySnapshot = { entries: [], corrupt: [], unit: 't' }
  readonly #listeners = new Set<() => void>()

  /** Read the library from IndexedDB (once per page). */
  constructor() {
    void initialUserLibrary().then((s) => this.#set({ entries: s.entries, corrupt: s.corrupt, ...(s.unit ? { unit: s.unit } : {}) }))
  }

  /** Return the current snapshot. */
  get = (): UserLibrarySnapshot => this.#snap

  /** Call `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Return the entry with this key, if any. */
  find(key: string | undefined): UserScenario | undefined {
    return key ? this.#snap.entries.find((u) => u.key === key) : undefined
  }

  /** Show and keep emissions in t or 万吨. */
  setUnit = (unit: MassUnit): void => {
    this.#set({ unit })
    void saveUnit(unit)
  }

  /** Save an entry (new or changed); returns the entry as stored (under a copy's key after a conflict). */
  put = async (u: UserScenario): Promise<UserScenario> => {
    const r = await putUserScenario(u)
    if (r.key === u.key) {
      this.#upsert(u)
      return u
    }
    // Another tab saved this scenario first: show its version under the key, and this tab's edits in the copy.
    const copy = { ...u, key: r.key, scenario: { ...u.scenario, id: r.key } }
    this.#upsert(copy)
    if (r.status === 'conflict') {
      const theirs = await getUserScenario(u.key)
      if (theirs) this.#upsert(theirs)
      this.#set({ conflict: u.key })
    }
    return copy
  }

  /** Read an entry the user opens as stored now (another tab may have changed it) and write to it from now on. */
  adopt = async (key: string): Promise<UserScenario | undefined> => {
    const e = await getUserScenario(key, true)
    if (e) this.#upsert(e)
    return e
  }

  /** Delete an entry. */
  remove = async (key: string): Promise<void> => {
    this.#set({ entries: this.#snap.entries.filter((x) => x.key !== key) })
    await deleteUserScenario(key)
  }

  /** Forget the notice about unreadable entries. */
  dismissCorrupt = (): void => this.#set({ corrupt: [] })

  /** Forget the notice about a conflict with another tab. */
  dismissConflict = (): void => {
    this.#set({ conflict: undefined })
  }

  #upsert(e: UserScenario): void {
    const list = this.#snap.entries
    this.#set({ entries: list.some((x) => x.key === e.key) ? list.map((x) => (x.key === e.key ? e : x)) : [...list, e] })
  }

  #set(patch: Partial<UserLibrarySnapshot>): void {
    this.#snap = { ...this.#snap, ...patch }
    this.#emit()
  }

  #emit(): void {
    for (const l of this.#listeners) l()
  }
}
