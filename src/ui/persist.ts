import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { ScenarioSchema, type Scenario } from '../core'
import type { Lang } from './i18n'

/** Which plan was on screen, in which language. */
export interface CurrentPointer {
  seed: string
  lang: Lang
  savedAt: string
}

/** An uploaded inventory kept for a plan: the original bytes and file name, re-imported through the worker on load. */
export interface SavedInventory {
  seed: string
  file: string
  bytes: Uint8Array
  fingerprint: string
  savedAt: string
  rev: number
}

/** What a reload restores: the pointer, every plan's last edited scenario and uploaded inventory, and entries that could not be read. */
export interface SavedState {
  current?: CurrentPointer
  scenarios: Map<string, Scenario>
  /** The uploaded inventory of each plan that has one. */
  inventories: Map<string, SavedInventory>
  /** Plans whose saved entry was unreadable; each was moved aside under a `corrupt:` key, not deleted. */
  corrupt: string[]
}

interface LantianDb extends DBSchema {
  state: { key: string; value: unknown }
}

const CURRENT = 'current'
const scenarioKey = (seed: string) => `scenario:${seed}`
const inventoryKey = (seed: string) => `inventory:${seed}`
/** The revision of each plan's entry as this tab last read or wrote it. */
const knownRev = new Map<string, number>()
/** Plans this tab saves under a copy because another tab changed them first. */
const forked = new Map<string, string>()
let db: Promise<IDBPDatabase<LantianDb>> | undefined

function open(): Promise<IDBPDatabase<LantianDb>> {
  db ??= openDB<LantianDb>('lantian', 1, {
    upgrade(d) {
      d.createObjectStore('state')
    },
  })
  return db
}

/**
 * Save the current plan's scenario (one entry per plan, with a revision) and the pointer. If another tab saved the
 * same plan since this tab read it, nothing is overwritten: this tab's version goes to a copy (and keeps going there)
 * and `conflict` is returned. Failures are logged, never thrown.
 */
export async function saveState(s: { seed: string; scenario: Scenario; lang: Lang }): Promise<'saved' | 'conflict' | 'failed'> {
  try {
    const d = await open()
    const savedAt = new Date().toISOString()
    const tx = d.transaction('state', 'readwrite')
    let key = forked.get(s.seed) ?? scenarioKey(s.seed)
    const stored = (await tx.store.get(key)) as { rev?: unknown } | undefined
    const storedRev = typeof stored?.rev === 'number' ? stored.rev : 0
    let result: 'saved' | 'conflict' = 'saved'
    if (!forked.has(s.seed) && storedRev > (knownRev.get(s.seed) ?? 0)) {
      key = `conflict:${scenarioKey(s.seed)}:${Date.now()}`
      forked.set(s.seed, key)
      result = 'conflict'
    }
    const rev = (result === 'conflict' ? 0 : storedRev) + 1
    await tx.store.put({ seed: s.seed, scenario: s.scenario, savedAt, rev }, key)
    await tx.store.put({ seed: s.seed, lang: s.lang, savedAt }, CURRENT)
    await tx.done
    if (result === 'saved' && !forked.has(s.seed)) knownRev.set(s.seed, rev)
    return result
  } catch (e) {
    console.warn('autosave failed', e)
    return 'failed'
  }
}

/** Save only which plan is on screen and the language (when the plan itself did not change). */
export async function savePointer(s: { seed: string; lang: Lang }): Promise<void> {
  try {
    await (await open()).put('state', { seed: s.seed, lang: s.lang, savedAt: new Date().toISOString() }, CURRENT)
  } catch (e) {
    console.warn('autosave failed', e)
  }
}

/**
 * Load every saved plan. Each entry is validated with the scenario schema; an unreadable one is moved aside and
 * reported, and every other plan is still restored. (A first-version entry under `current` with its scenario is read
 * too.)
 */
export async function loadState(): Promise<SavedState> {
  const out: SavedState = { scenarios: new Map(), inventories: new Map(), corrupt: [] }
  try {
    const d = await open()
    const keys = (await d.getAllKeys('state')).map(String)
    for (const key of keys) {
      if (key.startsWith('inventory:')) {
        const value = await d.get('state', key)
        const inv = asSavedInventory(value, key.slice('inventory:'.length))
        if (inv) out.inventories.set(inv.seed, inv)
        else {
          out.corrupt.push(`${key.slice('inventory:'.length)} (inventory)`)
          await d.put('state', value, `corrupt:${key}:${Date.now()}`)
          await d.delete('state', key)
        }
        continue
      }
      if (key !== CURRENT && !key.startsWith('scenario:')) continue
      const value = (await d.get('state', key)) as { seed?: unknown; lang?: unknown; scenario?: unknown; savedAt?: unknown } | undefined
      const seed = typeof value?.seed === 'string' ? value.seed : key.slice('scenario:'.length)
      if (key === CURRENT) {
        if (typeof value?.seed === 'string' && (value.lang === 'zh' || value.lang === 'en'))
          out.current = { seed: value.seed, lang: value.lang, savedAt: String(value.savedAt ?? '') }
        if (value?.scenario === undefined) continue
      }
      const parsed = ScenarioSchema.safeParse(value?.scenario)
      const rev = (value as { rev?: unknown } | undefined)?.rev
      if (key !== CURRENT) knownRev.set(seed, typeof rev === 'number' ? rev : 0)
      if (parsed.success) {
        if (!out.scenarios.has(seed) || key !== CURRENT) out.scenarios.set(seed, parsed.data)
      } else {
        out.corrupt.push(seed)
        // Keep the unreadable bytes for whoever wants to recover them; only its slot is freed.
        await d.put('state', value, `corrupt:${key}:${Date.now()}`)
        if (key !== CURRENT) await d.delete('state', key)
      }
    }
  } catch (e) {
    console.warn('restore failed', e)
  }
  return out
}

function asSavedInventory(v: unknown, seed: string): SavedInventory | undefined {
  const x = v as Partial<SavedInventory> | undefined
  if (!x || typeof x !== 'object' || typeof x.file !== 'string' || !(x.bytes instanceof Uint8Array) || x.bytes.length === 0) return undefined
  return {
    seed,
    file: x.file,
    bytes: x.bytes,
    fingerprint: typeof x.fingerprint === 'string' ? x.fingerprint : '',
    savedAt: String(x.savedAt ?? ''),
    rev: typeof x.rev === 'number' ? x.rev : 0,
  }
}

/**
 * Keep an uploaded inventory for a plan: its original bytes and file name, one entry per plan with a revision.
 * The newest upload wins (an upload is a deliberate act, unlike a slider move). Failures are logged, never thrown.
 */
export async function saveInventory(s: { seed: string; file: string; bytes: Uint8Array; fingerprint: string }): Promise<'saved' | 'failed'> {
  try {
    const d = await open()
    const tx = d.transaction('state', 'readwrite')
    const stored = (await tx.store.get(inventoryKey(s.seed))) as { rev?: unknown } | undefined
    const rev = (typeof stored?.rev === 'number' ? stored.rev : 0) + 1
    await tx.store.put({ seed: s.seed, file: s.file, bytes: s.bytes, fingerprint: s.fingerprint, savedAt: new Date().toISOString(), rev }, inventoryKey(s.seed))
    await tx.done
    return 'saved'
  } catch (e) {
    console.warn('saving the inventory failed', e)
    return 'failed'
  }
}

/** Forget a plan's uploaded inventory (the user went back to the plan's own). */
export async function clearInventory(seed: string): Promise<void> {
  try {
    await (await open()).delete('state', inventoryKey(seed))
  } catch (e) {
    console.warn('clearing the inventory failed', e)
  }
}

/** Move a plan's uploaded inventory out of use without deleting it (kept under an `aside:` key). */
export async function setInventoryAside(seed: string): Promise<void> {
  try {
    const d = await open()
    const tx = d.transaction('state', 'readwrite')
    const value = await tx.store.get(inventoryKey(seed))
    if (value !== undefined) {
      await tx.store.put(value, `aside:${inventoryKey(seed)}:${Date.now()}`)
      await tx.store.delete(inventoryKey(seed))
    }
    await tx.done
  } catch (e) {
    console.warn('setting the inventory aside failed', e)
  }
}
