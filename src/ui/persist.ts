import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { ScenarioSchema, type Scenario } from '../core'
import type { Lang } from './i18n'

/** Which plan was on screen, in which language. */
export interface CurrentPointer {
  seed: string
  lang: Lang
  savedAt: string
}

/** What a reload restores: the pointer, every plan's last edited scenario, and entries that could not be read. */
export interface SavedState {
  current?: CurrentPointer
  scenarios: Map<string, Scenario>
  /** Plans whose saved entry was unreadable; each was moved aside under a `corrupt:` key, not deleted. */
  corrupt: string[]
}

interface LantianDb extends DBSchema {
  state: { key: string; value: unknown }
}

const CURRENT = 'current'
const scenarioKey = (seed: string) => `scenario:${seed}`
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
  const out: SavedState = { scenarios: new Map(), corrupt: [] }
  try {
    const d = await open()
    const keys = (await d.getAllKeys('state')).map(String)
    for (const key of keys) {
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
