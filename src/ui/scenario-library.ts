import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { ScenarioSchema } from '../core'
import type { SeedOrigin, UserScenario } from './scenario-library-ops'
import type { MassUnit } from './units'

// The user's own scenarios live in a database of their own, so that the plans' autosave (persist.ts) and this
// store can change their layouts independently. Same model as persist.ts: one entry per scenario with a revision,
// an unreadable entry set aside under a `corrupt:` key (never deleted), a stale tab writing to a copy.

interface UserDb extends DBSchema {
  entries: { key: string; value: unknown }
}

/** What a reload restores from the user's store. */
export interface UserLibraryState {
  entries: UserScenario[]
  /** Keys of entries that could not be read; each was moved aside, not deleted. */
  corrupt: string[]
  unit?: MassUnit
}

const PREFS = 'prefs'
const entryKey = (key: string) => `user:${key}`
const ORIGINS: readonly SeedOrigin[] = ['copy', 'inventory', 'region', 'current']
const knownRev = new Map<string, number>()
/** Entries this tab writes to a copy because another tab changed them first (until the user opens them again). */
const forked = new Map<string, string>()
let db: Promise<IDBPDatabase<UserDb>> | undefined

function open(): Promise<IDBPDatabase<UserDb>> {
  db ??= openDB<UserDb>('lantian-user-scenarios', 1, {
    upgrade(d) {
      d.createObjectStore('entries')
    },
  })
  return db
}

function readEntry(v: unknown): UserScenario | undefined {
  if (typeof v !== 'object' || v === null) return undefined
  const o = v as Record<string, unknown>
  const scenario = ScenarioSchema.safeParse(o.scenario)
  const original = ScenarioSchema.safeParse(o.original)
  if (!scenario.success || !original.success || typeof o.key !== 'string' || typeof o.seed !== 'string') return undefined
  const seedBy = ORIGINS.includes(o.seedBy as SeedOrigin) ? (o.seedBy as SeedOrigin) : 'copy'
  return {
    key: o.key,
    seed: o.seed,
    seedBy,
    scenario: scenario.data,
    original: original.data,
    createdAt: String(o.createdAt ?? ''),
    savedAt: String(o.savedAt ?? ''),
  }
}

/** Load every user scenario (oldest first) and the unit preference; unreadable entries are set aside and named. */
export async function loadUserLibrary(): Promise<UserLibraryState> {
  const out: UserLibraryState = { entries: [], corrupt: [] }
  try {
    const d = await open()
    for (const k of (await d.getAllKeys('entries')).map(String)) {
      const value = await d.get('entries', k)
      if (k === PREFS) {
        const u = (value as { unit?: unknown } | undefined)?.unit
        if (u === 't' || u === 'wt') out.unit = u
        continue
      }
      if (!k.startsWith('user:')) continue
      const e = readEntry(value)
      if (e) {
        knownRev.set(e.key, Number((value as { rev?: unknown }).rev) || 0)
        out.entries.push(e)
      } else {
        out.corrupt.push(k.slice('user:'.length))
        await d.put('entries', value, `corrupt:${k}:${Date.now()}`)
        await d.delete('entries', k)
      }
    }
  } catch (e) {
    console.warn('user scenarios: restore failed', e)
  }
  out.entries.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
  return out
}

/**
 * Save a user scenario with a new revision. If another tab saved it since this tab read it, nothing is overwritten:
 * the entry is written under a new key (returned) and `conflict` is reported.
 */
export function putUserScenario(u: UserScenario): Promise<{ status: 'saved' | 'conflict' | 'failed'; key: string }> {
  // One write at a time: a write that started before the previous one finished would take its revision for another tab's.
  const next = queue.then(() => put(u))
  queue = next.then(
    () => undefined,
    () => undefined,
  )
  return next
}
let queue: Promise<unknown> = Promise.resolve()

async function put(u: UserScenario): Promise<{ status: 'saved' | 'conflict' | 'failed'; key: string }> {
  try {
    const d = await open()
    const tx = d.transaction('entries', 'readwrite')
    const fork = forked.get(u.key)
    let entry = { ...u, savedAt: new Date().toISOString(), ...(fork ? { key: fork, scenario: { ...u.scenario, id: fork } } : {}) }
    const stored = (await tx.store.get(entryKey(entry.key))) as { rev?: unknown } | undefined
    const storedRev = typeof stored?.rev === 'number' ? stored.rev : 0
    let status: 'saved' | 'conflict' = 'saved'
    if (!fork && storedRev > (knownRev.get(u.key) ?? 0)) {
      const key = `${u.key}-copy-${Date.now()}`
      entry = { ...entry, key, scenario: { ...entry.scenario, id: key } }
      forked.set(u.key, key)
      status = 'conflict'
    }
    const rev = (status === 'conflict' ? 0 : storedRev) + 1
    await tx.store.put({ ...entry, rev }, entryKey(entry.key))
    await tx.done
    knownRev.set(entry.key, rev)
    return { status, key: entry.key }
  } catch (e) {
    console.warn('user scenarios: save failed', e)
    return { status: 'failed', key: u.key }
  }
}

/**
 * Read one user scenario as stored now (another tab may have changed it), or undefined when it is gone or unreadable.
 * With `adopt` (the user opens it), this tab takes that revision as read and writes to the entry itself again.
 */
export async function getUserScenario(key: string, adopt = false): Promise<UserScenario | undefined> {
  try {
    const value = await (await open()).get('entries', entryKey(key))
    const e = readEntry(value)
    if (e && adopt) {
      knownRev.set(key, Number((value as { rev?: unknown }).rev) || 0)
      forked.delete(key)
    }
    return e
  } catch (e) {
    console.warn('user scenarios: read failed', e)
    return undefined
  }
}

/** Delete a user scenario from the store. */
export async function deleteUserScenario(key: string): Promise<void> {
  try {
    await (await open()).delete('entries', entryKey(key))
    knownRev.delete(key)
  } catch (e) {
    console.warn('user scenarios: delete failed', e)
  }
}

/** Save the unit preference (t/a or 万吨), kept next to the user's scenarios. */
export async function saveUnit(unit: MassUnit): Promise<void> {
  try {
    await (await open()).put('entries', { unit }, PREFS)
  } catch (e) {
    console.warn('user scenarios: saving the unit failed', e)
  }
}
